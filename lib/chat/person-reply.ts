import { z } from "zod";
import { insertHumanMessage, leadLastSeen } from "@/db/queries/chat-live";
import { getHandoff } from "@/db/queries/handoffs";
import type { Actor } from "@/lib/auth/guard";
import { emailRefusedNotice, replyRoute, sentByEmailNotice } from "@/lib/chat/reply-route";
import { sendLeadEmail } from "@/lib/email/send-lead-email";
import { UserError } from "@/lib/errors";
import { canViewHandoff, canWriteToLead } from "@/lib/handoffs/access";

export const PERSON_REPLY_MAX_CHARS = 4000;

export const personReplySchema = z.object({
  handoffId: z.uuid({ error: "That package id is not valid." }),
  text: z
    .string({ error: "Write a message before sending." })
    .trim()
    .min(1, "Write a message before sending.")
    .max(PERSON_REPLY_MAX_CHARS, `A message can be at most ${PERSON_REPLY_MAX_CHARS.toLocaleString("en")} characters.`),
});

/** Why this person may not write to this package's lead, or null when they may. */
export function whyNotWrite(actor: Actor, found: NonNullable<Awaited<ReturnType<typeof getHandoff>>>): string | null {
  const { handoff } = found;
  if (handoff.channel !== "chat" || !handoff.conversationId) return "This lead did not write in the chat, so there is no chat to reply in.";
  if (handoff.ownerId === null) return "Accept the package before writing to the lead: until a person has it, the agent speaks.";
  if (!["accepted", "in_follow_up"].includes(handoff.status)) return "This package is not open with a person any more, so the chat is closed.";
  if (!canWriteToLead(actor, handoff)) return `${found.ownerName ?? "Someone else"} owns this package: only they, their managers and admins write to the lead.`;
  return null;
}

export type PersonReplyResult = {
  /** The `messages` row of the reply (in the chat's conversation either way). */
  id: string;
  via: "chat" | "email";
  /** What the person should know about where it went, or null for an ordinary chat line. */
  notice: string | null;
};

/**
 * A person's message to a chat lead. While the lead is in the chat it reaches the widget within a
 * second (the messages trigger announces it to every app process's LISTEN); once they left (no sign
 * of their widget for LEAD_AWAY_AFTER_MS) it goes by email through the one email sender, threaded in
 * the lead's email thread and kept in the conversation as an `email` line. From now on the agent stays quiet.
 */
export async function sendPersonReply(options: { actor: Actor; handoffId: string; text: string; now?: Date }): Promise<PersonReplyResult> {
  const found = await getHandoff({ id: options.handoffId });
  if (!found || !canViewHandoff(options.actor, found.handoff))
    throw new UserError("not_found", "That package does not exist (or is outside your team's queue).");
  const why = whyNotWrite(options.actor, found);
  if (why) throw new UserError("forbidden", why);
  const conversationId = found.handoff.conversationId!;
  const route = replyRoute({
    leadLastSeenAt: await leadLastSeen({ conversationId }),
    leadEmail: found.handoff.leadEmail,
    now: options.now ?? new Date(),
  });
  let notice = route.via === "chat" ? route.notice : null;
  if (route.via === "email") {
    try {
      const sent = await sendLeadEmail({
        handoffId: found.handoff.id,
        author: { kind: "rep", userId: options.actor.id, name: options.actor.name ?? options.actor.email },
        text: options.text,
        purpose: "reply",
        newThreadSubject: found.teamName ? `Your chat with ${found.teamName}` : "Your chat with us",
        now: options.now,
      });
      // A rep's email has a fresh Message-ID, so it is never the retried (already recorded) case without a row.
      if (sent.sent && sent.messageRowId) return { id: sent.messageRowId, via: "email", notice: sentByEmailNotice(route.to) };
      if (sent.sent) throw new Error(`email ${sent.emailId} was recorded without its conversation line`);
      notice = emailRefusedNotice(sent.reason);
    } catch (error) {
      // The email sender refuses a person with a UserError (bounced address, no SMTP): the chat still gets the line.
      if (!(error instanceof UserError)) throw error;
      notice = emailRefusedNotice(error.message);
    }
  }
  const row = await insertHumanMessage({ conversationId, userId: options.actor.id, text: options.text });
  return { id: row.id, via: "chat", notice };
}
