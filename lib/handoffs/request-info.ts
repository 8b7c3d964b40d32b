import { randomUUID } from "node:crypto";
import { changeHandoff, type AlongWithChange } from "@/db/queries/handoffs";
import type { Actor } from "@/lib/auth/guard";
import { handoffPackageSchema } from "@/lib/contract/package";
import { UserError } from "@/lib/errors";
import { conflictError, loadForChange } from "@/lib/handoffs/change-handoff";
import { collectQuestions, type InfoRequest } from "@/lib/handoffs/info-request";
import { chatLineFor, infoRequestConsequence, infoRequestEmail } from "@/lib/handoffs/info-request-messages";
import { openStatuses } from "@/lib/handoffs/state-machine";

/** How long the email asking for more info waits for someone to approve it. */
const APPROVAL_TTL_MS = 7 * 24 * 60 * 60_000;

/**
 * "Ask the lead for this": the owner's questions (picked from the package's open questions, or
 * their own) are stored on the package and on the timeline. In chat the agent asks the first one
 * straight away; for a form or email lead an email is drafted as an approval request, since an
 * email to a lead goes out only once a person approves it.
 */
export async function requestMoreInfo(options: { actor: Actor; handoffId: string; expectedVersion: number; picked: string[]; extra: string[] }) {
  const { actor, handoffId, expectedVersion } = options;
  const { handoff } = await loadForChange(actor, handoffId, expectedVersion);
  if (!(openStatuses as readonly string[]).includes(handoff.status))
    throw new UserError("conflict", "This package is closed; there is nothing left to ask the lead.");
  const pkg = handoffPackageSchema.parse(handoff.package);

  const collected = collectQuestions(options.picked, options.extra, pkg.facts.openQuestions);
  if (!collected.ok) throw new UserError("bad_request", collected.message, { [collected.field]: [collected.message] });

  const inChat = handoff.channel === "chat" && handoff.conversationId !== null;
  const email = handoff.leadEmail ?? pkg.identification.email;
  if (!inChat && !email) throw new UserError("bad_request", "The lead left no email address, so there is no way to ask them. Call them or add a note instead.");

  const request: InfoRequest = {
    id: randomUUID(),
    channel: inChat ? "chat" : "email",
    requestedById: actor.id,
    requestedByName: actor.name ?? null,
    requestedAt: new Date().toISOString(),
    approvalRequestId: inChat ? null : randomUUID(),
    questions: collected.questions.map((q) => ({ ...q, answer: null, messageId: null, answeredAt: null })),
  };
  // A new request replaces the open one; an email drafted for that one must not go out any more.
  const along: AlongWithChange = { withdrawApprovalId: handoff.infoRequest?.approvalRequestId ?? null };
  if (inChat) {
    along.chatMessage = { conversationId: handoff.conversationId!, text: chatLineFor(request, { first: true, ownerName: actor.name ?? null }) };
  } else {
    const mail = infoRequestEmail({ leadName: handoff.leadName, ownerName: actor.name ?? null, questions: request.questions.map((q) => q.text) });
    along.approval = {
      id: request.approvalRequestId!,
      actionType: "send_email",
      params: { to: email, subject: mail.subject, body: mail.body, infoRequestId: request.id },
      consequence: infoRequestConsequence(email, mail.body),
      reason: `${actor.name ?? actor.email} asked for more information.`,
      requestedById: actor.id,
      expiresAt: new Date(Date.now() + APPROVAL_TTL_MS),
    };
  }

  const updated = await changeHandoff({
    id: handoffId,
    expectedVersion,
    fromStatuses: openStatuses,
    change: { infoRequest: request },
    event: {
      type: "info_requested",
      actorKind: "user",
      actorId: actor.id,
      data: {
        channel: request.channel,
        questions: request.questions.map((q) => q.text),
        approvalRequestId: request.approvalRequestId,
        replaced: handoff.infoRequest ? handoff.infoRequest.id : null,
      },
    },
    along,
  });
  if (!updated) throw await conflictError(handoffId, "request for more info");
  return updated;
}
