import { randomUUID } from "node:crypto";
import { getHandoff } from "@/db/queries/handoffs";
import { findThreadForHandoff, isUndeliverable, recordOutboundEmail, threadParents } from "@/db/queries/mailbox";
import { loadConnectionSettings } from "@/lib/connections/load-connection-settings";
import { headerText, messageIdFor, replyBody, replySubject, threadingHeaders } from "@/lib/email/compose";
import { mailboxSettings } from "@/lib/email/mailbox-settings";
import { newReplyToken } from "@/lib/email/reply-token";
import { env } from "@/lib/env";
import { UserError } from "@/lib/errors";

export type LeadEmailAuthor = { kind: "rep"; userId: string; name: string } | { kind: "agent" };
/** Why the agent writes (the booking link of an `act` comes from the meetings work through this same seam). */
export type LeadEmailPurpose = "reply" | "ask" | "booking_link" | "filter_reply";

export type LeadEmailResult =
  { sent: true; emailId: string; messageId: string; conversationId: string; messageRowId: string | null } | { sent: false; reason: string };

const AUTOMATED_ADDRESS = /^(no-?reply|do-?not-?reply|mailer-daemon|postmaster|bounces?|notifications?)([+.-]|@)/i;

/**
 * The one way Baton writes to a lead by email: a rep's reply from the package page, the agent's
 * questions of an `ask`, a booking link. Threaded into the package's email conversation (In-Reply-To
 * and References of its newest message, a reply token in the Reply-To), sent from the shared sales
 * address under the author's name, recorded with the timeline, the CRM note and the SMTP job in one
 * transaction. Refuses (a rep: UserError with the reason; the agent: `sent: false`) an address that
 * bounced; the agent also never writes to an automated sender, never after a person took over, and
 * at most EMAIL_AGENT_MAX_PER_LEAD_PER_DAY times a day per lead.
 */
export async function sendLeadEmail(input: {
  handoffId: string;
  author: LeadEmailAuthor;
  text: string;
  subject?: string;
  /** The subject when this starts the lead's email thread (a chat continued by email); a reply keeps the thread's. */
  newThreadSubject?: string;
  purpose?: LeadEmailPurpose;
  /** Makes the Message-ID deterministic, so a retried job finds the email it already recorded instead of writing a second one. */
  messageKey?: string;
  now?: Date;
}): Promise<LeadEmailResult> {
  const refuse = (reason: string): LeadEmailResult => {
    if (input.author.kind === "rep") throw new UserError("conflict", reason);
    return { sent: false, reason };
  };
  const text = input.text
    .replace(/\r\n?/g, "\n")
    .replace(/\u0000/g, "")
    .trim();
  if (!text) return refuse("Write the message first: it is empty.");
  const found = await getHandoff({ id: input.handoffId });
  if (!found) return refuse("That package does not exist (or was removed).");
  const { handoff } = found;
  const to = handoff.leadEmail?.trim().toLowerCase();
  if (!to) return refuse("This lead left no email address, so there is nowhere to write.");
  if (await isUndeliverable(to)) return refuse(`${to} bounced: it is marked undeliverable, so nothing more is sent there. Reach the lead another way.`);

  const [mailbox, connections] = await Promise.all([mailboxSettings().catch(() => null), loadConnectionSettings()]);
  const fromAddress = mailbox?.address ?? addressIn(connections.smtp.from);
  if (!fromAddress) return refuse("No sales address is set: enter the mailbox's address on /admin/connections.");
  if (!connections.smtp.url) return refuse("Outgoing email (SMTP) is not configured on /admin/connections.");

  const thread = await findThreadForHandoff(handoff.id);
  const conversationId = thread?.conversationId ?? handoff.conversationId;
  const parents = conversationId ? await threadParents(conversationId) : { last: null, lastInbound: null };
  const now = input.now ?? new Date();
  let agentCap: { max: number; since: Date } | undefined;
  if (input.author.kind === "agent") {
    if (AUTOMATED_ADDRESS.test(to)) return refuse(`${to} is an automated address; the agent never writes to one.`);
    if (parents.lastInbound && (parents.lastInbound.kind === "automated" || parents.lastInbound.kind === "bounce"))
      return refuse("The last email in the thread was automated; the agent does not answer it.");
    if (handoff.ownerId && (handoff.status === "accepted" || handoff.status === "in_follow_up"))
      return refuse("A person owns this lead now; the agent stays quiet.");
    agentCap = { max: env().EMAIL_AGENT_MAX_PER_LEAD_PER_DAY, since: new Date(now.getTime() - 86_400_000) };
    if (agentCap.max === 0) return refuse("Agent emails are turned off (EMAIL_AGENT_MAX_PER_LEAD_PER_DAY=0).");
  }

  const { inReplyTo, references } = threadingHeaders(parents.last ? { messageId: parents.last.messageId, references: parents.last.references } : null);
  const subject = headerText(
    input.subject ?? replySubject(thread?.subject || input.newThreadSubject || handoff.package.summary.split("\n")[0] || "Your enquiry"),
    200,
  );
  const fromName = input.author.kind === "rep" ? input.author.name : (addressName(connections.smtp.from) ?? "Baton");
  const messageId = messageIdFor(`baton.${input.author.kind}.${input.messageKey ?? randomUUID()}`, fromAddress);
  const quoted = parents.lastInbound?.text
    ? { from: parents.lastInbound.fromName || parents.lastInbound.fromAddress, at: parents.lastInbound.at, text: parents.lastInbound.text }
    : null;
  const recorded = await recordOutboundEmail({
    handoffId: handoff.id,
    thread: thread ? { conversationId: thread.conversationId, replyToken: thread.replyToken } : null,
    conversationId,
    newReplyToken: newReplyToken(),
    leadAddress: to,
    kind: input.author.kind,
    authorUserId: input.author.kind === "rep" ? input.author.userId : null,
    messageId,
    inReplyTo,
    references,
    fromName,
    fromAddress,
    subject,
    text,
    body: replyBody(text, quoted),
    crmNote: { title: `Email to ${to}: ${subject}`, lines: [`From ${fromName} <${fromAddress}>`, ...text.split("\n").slice(0, 40)] },
    agentCap,
  });
  if (!recorded) return refuse(`The agent already sent ${agentCap?.max ?? 0} emails to ${to} in the last day (loop protection).`);
  return { sent: true, emailId: recorded.emailId, messageId, conversationId: recorded.conversationId, messageRowId: recorded.messageRowId };
}

function addressIn(sender: string): string | null {
  const m = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(sender) ?? /^([^<>\s]+@[^<>\s]+)$/.exec(sender.trim());
  return m ? m[1]!.toLowerCase() : null;
}

function addressName(sender: string): string | null {
  const m = /^\s*"?([^"<]+?)"?\s*</.exec(sender);
  return m ? m[1]!.trim() : null;
}
