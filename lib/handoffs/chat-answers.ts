import { getHandoff } from "@/db/queries/handoffs";
import { changeHandoff } from "@/db/queries/handoffs";
import { handoffStatus } from "@/db/schema/handoffs";
import { handoffPackageSchema } from "@/lib/contract/package";
import { applyLeadAnswer, nextUnanswered } from "@/lib/handoffs/info-request";
import { chatLineFor } from "@/lib/handoffs/info-request-messages";

/** A concurrent change to the package (a rep confirming a fact, say) is read again, this many times. */
const ATTEMPTS = 3;

/**
 * The lead's chat message while the owner's questions are open: it answers the question the agent
 * asked last. The package is updated (answers become confirmed facts, open questions close) and the
 * agent's next line is returned: the next question, or thanks once all are answered. Null when no
 * question is waiting in this chat, so the conversation goes on as usual.
 */
export async function takeChatAnswer(options: {
  handoffId: string;
  message: { id: string; text: string; sentAt: Date };
  declined: boolean;
}): Promise<string | null> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const found = await getHandoff({ id: options.handoffId });
    const request = found?.handoff.infoRequest;
    if (!found || !request || request.channel !== "chat") return null;
    const { handoff } = found;
    const ownerName = request.requestedByName;

    const applied = applyLeadAnswer(request, handoffPackageSchema.parse(handoff.package), {
      text: options.message.text,
      messageId: options.message.id,
      at: options.message.sentAt,
      declined: options.declined,
    });
    // Already recorded (the lead's browser retried the turn): say again what comes next.
    if (!applied) return nextUnanswered(request) ? chatLineFor(request, { first: false, ownerName }) : null;

    const remaining = applied.request?.questions.filter((q) => q.answer === null).length ?? 0;
    const updated = await changeHandoff({
      id: handoff.id,
      expectedVersion: handoff.version,
      fromStatuses: handoffStatus.enumValues,
      change: { package: applied.pkg, infoRequest: applied.request },
      event: {
        type: "info_answered",
        actorKind: "agent",
        data: {
          question: applied.answered.text,
          answer: applied.answered.answer,
          // The same message answered these too ("We use Pipedrive, about 400 leads a month, in 6 weeks").
          ...(applied.also.length ? { alsoAnswered: applied.also.map((q) => ({ question: q.text, answer: q.answer })) } : {}),
          confirmed: applied.confirmed,
          remaining,
          requestId: request.id,
        },
      },
    });
    if (updated) return chatLineFor(applied.request, { first: false, ownerName });
  }
  throw new Error(`the chat answer for handoff ${options.handoffId} kept conflicting with other changes`);
}
