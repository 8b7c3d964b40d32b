import { apologiseForChatPromise, findBrokenChatPromises, renewedDeadline } from "@/db/queries/chat-promises";
import { listConversationMessages } from "@/db/queries/leads";
import { apologyLine } from "@/lib/chat/chat-promise";
import { detectLanguage } from "@/lib/agent/need";

/**
 * The minute sweep: every chat promise whose time passed with nobody answering gets one short apology
 * in the chat with a new time from the SLA engine (from now, in the team's calendar), on the timeline.
 */
export async function keepChatPromises({ now }: { now: Date }): Promise<{ apologised: number }> {
  let apologised = 0;
  for (const { promise, priority, teamId } of await findBrokenChatPromises({ now })) {
    const renewed = await renewedDeadline({ priority, teamId, now });
    const transcript = await listConversationMessages({ conversationId: promise.conversationId });
    const language = detectLanguage(
      transcript
        .filter((m) => m.author === "lead")
        .map((m) => m.text)
        .join("\n"),
    );
    const done = await apologiseForChatPromise({
      handoffId: promise.handoffId,
      conversationId: promise.conversationId,
      promisedBy: promise.promisedBy,
      renewedBy: renewed.by,
      text: apologyLine(renewed, now, language),
      now,
    });
    if (done) apologised++;
  }
  return { apologised };
}
