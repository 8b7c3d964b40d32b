import { countRequest } from "@/db/queries/intake";
import { enqueue } from "@/db/queries/outbox";
import { updateChatHandoff } from "@/db/queries/chat";
import {
  emailMessageExists,
  findHandoffWithIntake,
  findThread,
  insertNewLeadEmail,
  type InboundEmailRow,
  listLeadMessages,
  quarantineEmail,
  recordAutomatedEmail,
  recordBounce,
  recordEmailReply,
  type KnownThread,
} from "@/db/queries/mailbox";
import { runAgent } from "@/lib/agent/run-agent";
import { planHandoffUpdate } from "@/lib/chat/plan-handoff-update";
import { describeIntakeErrors, type IntakeEvent, intakeEventSchema } from "@/lib/contract/intake";
import { handoffPackageSchema } from "@/lib/contract/package";
import { automatedReason, replyTokenIn } from "@/lib/email/classify";
import { emailKnowledge } from "@/lib/email/email-knowledge";
import { readEmail, type ReadEmail } from "@/lib/email/intake-event";
import { EmailParseError, type ParsedEmail, parseEmail } from "@/lib/email/parse";
import { newReplyToken } from "@/lib/email/reply-token";
import { env } from "@/lib/env";
import { triageIntakeEvent } from "@/lib/intake/handle-intake";
import type { Logger } from "@/lib/logger";
import { maskText } from "@/lib/privacy/mask-text";
import { activeRuleSet } from "@/lib/rules/published";

export type InboundOutcome =
  | { status: "new"; handoffId: string | null; duplicate: boolean }
  | { status: "reply"; handoffId: string | null; conversationId: string; retriaged: boolean }
  | { status: "automated" | "bounce"; handoffId: string | null }
  | { status: "duplicate" }
  | { status: "ignored"; reason: string }
  | { status: "quarantined"; reason: string };

export type InboundContext = {
  /** `imap:<mailbox>` or `webhook`: where it came from, for the row and the quarantine. */
  source: string;
  /** What identifies this delivery at its source (UIDVALIDITY:UID, the webhook's id): one quarantine row per failed message. */
  sourceRef: string;
  /** The addresses Baton sends from: mail from them is our own, never a lead (loop protection). */
  ownAddresses: string[];
  /** The team a new lead comes in for (the API key's), as the intake API does. */
  teamId?: string | null;
  log: Logger;
  now?: Date;
};

/**
 * One raw email, whatever brought it (the mailbox reader, the inbound webhook): parsed, classified
 * and recorded once by its Message-ID. A new lead goes through the intake's triage and transaction;
 * a reply joins its thread; automated mail and bounces are logged, never answered. What cannot be
 * processed is quarantined with its reason and never blocks the next message.
 */
export async function processInboundEmail(raw: Uint8Array, ctx: InboundContext): Promise<InboundOutcome> {
  let email: ParsedEmail;
  try {
    email = await parseEmail(raw);
  } catch (error) {
    if (!(error instanceof EmailParseError)) throw error;
    return quarantine(raw, null, ctx, error.message);
  }
  if (await emailMessageExists(email.messageId)) return { status: "duplicate" };
  if (ctx.ownAddresses.some((a) => a.toLowerCase() === email.from.email)) return { status: "ignored", reason: "sent from Baton's own address" };

  const read = readEmail(email, { receivedAt: ctx.now ?? new Date() });
  // A flood from one sender: past the hourly limit the rest wait in quarantine (an admin sees them).
  if (read.kind === "new" || read.kind === "reply") {
    const window = await countRequest({ key: `email:sender:${email.from.email}`, windowSeconds: 3600 });
    const limit = env().EMAIL_SENDER_LIMIT_PER_HOUR;
    if (window!.count > limit) return quarantine(raw, email, ctx, `more than ${limit} emails in an hour from ${email.from.email} (flood)`);
  }
  const row = rowOf(read, ctx.source);

  switch (read.kind) {
    case "bounce": {
      const report = email.deliveryReport;
      const permanent = !!report && (report.action === "failed" || /^5\./.test(report.status ?? ""));
      const result = await recordBounce({
        email: row,
        recipient: report?.recipient ?? null,
        permanent,
        status: report?.status ?? null,
        diagnostic: report?.diagnostic ?? null,
        originalMessageId: report?.originalMessageId ?? null,
      });
      return result ? { status: "bounce", handoffId: result.handoffId } : { status: "duplicate" };
    }
    case "automated": {
      const thread = await findThread({ ids: threadIds(email), token: replyTokenIn(email) });
      const result = await recordAutomatedEmail({ thread, email: row });
      return result ? { status: "automated", handoffId: thread?.handoffId ?? null } : { status: "duplicate" };
    }
    case "reply": {
      const thread = await findThread({ ids: threadIds(email), token: replyTokenIn(email) });
      if (thread) return recordReply(read, row, thread, ctx);
      // A reply to nothing Baton knows (a thread from before Baton, a forwarded chain): a new lead.
      return recordNewLead(raw, read, row, ctx);
    }
    case "new":
      return recordNewLead(raw, read, row, ctx);
  }
}

async function recordNewLead(raw: Uint8Array, read: ReadEmail, row: InboundEmailRow, ctx: InboundContext): Promise<InboundOutcome> {
  const parsed = intakeEventSchema.safeParse(read.event);
  if (!parsed.success) return quarantine(raw, read.email, ctx, `not a valid intake event: ${describeIntakeErrors(parsed.error).join("; ")}`);
  const { filterReply } = (await activeRuleSet()).ruleSet;
  const knowledge = emailKnowledge();
  const { outcome } = await triageIntakeEvent(parsed.data, {
    teamId: ctx.teamId ?? null,
    onTriaged: knowledge.onTriaged,
    onRecorded: async (tx, ids) => {
      if (!ids.conversationId) return;
      const { leadMessageId } = await insertNewLeadEmail(tx, {
        conversationId: ids.conversationId,
        handoffId: ids.handoffId,
        replyToken: newReplyToken(),
        email: { ...row, kind: "new" },
      });
      // The agent's questions go out through the outbox: queued iff this intake commits, sent by the worker.
      const questions = askQuestions(ids.decision);
      if (ids.handoffId && questions.length) {
        // The lead's own question first: the knowledge base's answer (or "a person will answer") leads the email.
        const answer = await knowledge.record(tx, { conversationId: ids.conversationId, handoffId: ids.handoffId, leadMessageId });
        await enqueue(tx, "emailAsk", { handoffId: ids.handoffId, questions, ...(answer ? { answer } : {}) });
      }
      if (ids.handoffId && filterReply && ids.decision.decision === "filter") await enqueue(tx, "emailFilterReply", { handoffId: ids.handoffId });
    },
  });
  const handoffId = typeof outcome.response.handoffId === "string" ? outcome.response.handoffId : null;
  ctx.log.info("email: new lead", { messageId: read.email.messageId, handoffId, duplicate: outcome.duplicate });
  return { status: "new", handoffId, duplicate: outcome.duplicate };
}

async function recordReply(read: ReadEmail, row: InboundEmailRow, thread: KnownThread, ctx: InboundContext): Promise<InboundOutcome> {
  const text = maskText(read.words.text || "(no new text)").value;
  const recorded = await recordEmailReply({ thread, email: { ...row, kind: "reply" }, text, sentAt: ctx.now ?? new Date() });
  if (!recorded) return { status: "duplicate" };
  const retriaged = await retriageNurture(thread, recorded.emailId, ctx);
  ctx.log.info("email: reply", { messageId: read.email.messageId, conversationId: thread.conversationId, handoffId: thread.handoffId, retriaged });
  return { status: "reply", handoffId: thread.handoffId, conversationId: thread.conversationId, retriaged };
}

/**
 * A reply to a package the agent is still asking about (nurture, pending): the whole conversation is
 * triaged again, and when it now has what was missing the package moves up (nurture → pending with a
 * priority, routed, the owner told), through the same plan the chat uses; when it is still an `ask`,
 * the agent asks for what is still missing.
 */
async function retriageNurture(thread: KnownThread, replyEmailId: string, ctx: InboundContext): Promise<boolean> {
  if (!thread.handoffId || thread.decision !== "ask" || thread.status !== "pending") return false;
  const found = await findHandoffWithIntake(thread.handoffId);
  if (!found?.intakeRaw) return false;
  const stored = found.handoff;
  const first = intakeEventSchema.safeParse(found.intakeRaw);
  if (!first.success) return false;
  const lines = await listLeadMessages(thread.conversationId);
  const event: IntakeEvent = { ...first.data, messages: lines.map((l) => ({ from: "lead" as const, text: l.text, at: l.sentAt.toISOString() })) };
  const rules = await activeRuleSet();
  const result = await runAgent(event, rules, {
    trace: { leadId: stored.leadId, conversationId: thread.conversationId, intakeId: stored.intakeId ?? "", crmRecord: null },
  });
  // Still an `ask` (the reply answered only part, or nothing): the agent asks for what is still missing,
  // once per reply, through the outbox; sendLeadEmail's loop protection and daily cap apply as to the first ask.
  const remaining = askQuestions(result.decision);
  if (remaining.length) await enqueue(null, "emailAsk", { handoffId: stored.id, questions: remaining, afterEmailId: replyEmailId });
  const pkg = result.decision.package ?? result.recordPackage;
  if (!pkg) return false;
  const plan = planHandoffUpdate(
    {
      decision: stored.decision,
      priority: stored.priority,
      status: stored.status,
      ownerId: stored.ownerId,
      reasons: stored.reasons,
      package: handoffPackageSchema.parse(stored.package),
    },
    { decision: result.decision.decision, priority: result.decision.priority, reasons: result.decision.reasons, package: pkg },
  );
  if (!plan) return false;
  const updated = await updateChatHandoff({
    handoffId: stored.id,
    expectedVersion: stored.version,
    decision: plan.decision,
    priority: plan.priority,
    reasons: plan.reasons,
    pkg: plan.package,
    now: ctx.now ?? new Date(),
    reopen: plan.reopen,
    event: plan.event ? { data: { ...plan.event, channel: "email" }, fromStatus: stored.status, toStatus: plan.reopen ? "pending" : stored.status } : null,
    notify: plan.notify,
    sla: plan.sla,
  });
  return !!updated;
}

/** The questions of an `ask` worth an email (none for any other decision). */
function askQuestions(decision: { decision: string; questions: string[] }): string[] {
  if (decision.decision !== "ask") return [];
  return decision.questions
    .map((q) => q.trim().slice(0, 500))
    .filter((q) => q !== "")
    .slice(0, 4);
}

function threadIds(email: ParsedEmail): string[] {
  return [...new Set([...email.references, ...(email.inReplyTo ? [email.inReplyTo] : [])])];
}

function rowOf(read: ReadEmail, source: string): InboundEmailRow {
  const { email } = read;
  const folded = [read.words.quoted, read.words.signature].filter(Boolean).join("\n\n");
  const report = email.deliveryReport;
  return {
    messageId: email.messageId,
    kind: read.kind,
    inReplyTo: email.inReplyTo,
    references: email.references,
    fromName: email.from.name || null,
    fromAddress: email.from.email,
    toAddresses: email.to.map((t) => t.email),
    subject: maskText(email.subject).value,
    quoted: maskText(folded).value.slice(0, 20_000),
    rawSize: email.rawSize,
    attachments: email.attachments.slice(0, 100),
    detail: read.kind === "automated" ? automatedReason(email) : report ? [report.action, report.status, report.recipient].filter(Boolean).join(" ") : null,
    source,
  };
}

async function quarantine(raw: Uint8Array, email: ParsedEmail | null, ctx: InboundContext, reason: string): Promise<InboundOutcome> {
  const head =
    Buffer.from(raw.buffer, raw.byteOffset, Math.min(raw.byteLength, 4096))
      .toString("utf8")
      .split(/\r?\n\r?\n/)[0] ?? "";
  await quarantineEmail({
    source: ctx.source,
    sourceRef: ctx.sourceRef,
    messageId: email?.messageId ?? null,
    fromAddress: email?.from.email ?? null,
    subject: email?.subject ?? null,
    reason,
    rawSize: raw.byteLength,
    head,
  });
  ctx.log.warn("email quarantined", { source: ctx.source, sourceRef: ctx.sourceRef, reason });
  return { status: "quarantined", reason };
}
