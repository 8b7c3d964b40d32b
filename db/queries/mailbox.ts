import { and, desc, eq, gte, inArray, isNull, sql as dsql } from "drizzle-orm";
import { db, type Transaction } from "@/db";
import { insertHandoffEvent } from "@/db/queries/handoffs";
import { enqueue } from "@/db/queries/outbox";
import {
  conversations,
  crmNotes,
  emailMessages,
  emailQuarantine,
  emailThreads,
  handoffs,
  intakes,
  mailboxCursors,
  messages,
  undeliverableAddresses,
  users,
} from "@/db/schema";
import type { ThreadEmail } from "@/lib/crm/email-engagement";

// The email channel's SQL: threads, messages by Message-ID, the mailbox reader's cursor, quarantine.

export type InboundEmailRow = {
  messageId: string;
  kind: "new" | "reply" | "automated" | "bounce";
  inReplyTo: string | null;
  references: string[];
  fromName: string | null;
  fromAddress: string;
  toAddresses: string[];
  subject: string;
  quoted: string;
  rawSize: number;
  attachments: { filename: string | null; mimeType: string; size: number }[];
  detail: string | null;
  source: string;
};

export type KnownThread = {
  conversationId: string;
  handoffId: string | null;
  replyToken: string;
  leadAddress: string;
  subject: string;
  undeliverableAt: Date | null;
  ownerId: string | null;
  priority: string | null;
  status: string | null;
  decision: string | null;
};

export async function emailMessageExists(messageId: string): Promise<boolean> {
  const rows = await db.select({ id: emailMessages.id }).from(emailMessages).where(eq(emailMessages.messageId, messageId)).limit(1);
  return rows.length > 0;
}

const threadColumns = {
  conversationId: emailThreads.conversationId,
  handoffId: emailThreads.handoffId,
  replyToken: emailThreads.replyToken,
  leadAddress: emailThreads.leadAddress,
  subject: emailThreads.subject,
  undeliverableAt: emailThreads.undeliverableAt,
  ownerId: handoffs.ownerId,
  priority: handoffs.priority,
  status: handoffs.status,
  decision: handoffs.decision,
};

/** The thread a message answers: by any Message-ID it names (newest reference first), else by its reply token. */
export async function findThread({ ids, token }: { ids: string[]; token: string | null }): Promise<KnownThread | null> {
  if (ids.length) {
    const rows = await db
      .select({ ...threadColumns, messageId: emailMessages.messageId })
      .from(emailMessages)
      .innerJoin(emailThreads, eq(emailThreads.conversationId, emailMessages.conversationId))
      .leftJoin(handoffs, eq(handoffs.id, emailThreads.handoffId))
      .where(inArray(emailMessages.messageId, ids.slice(-50)));
    const byId = new Map(rows.map((r) => [r.messageId, r]));
    for (const id of [...ids].reverse()) {
      const hit = byId.get(id);
      if (hit) return hit;
    }
  }
  if (token) {
    const [row] = await db
      .select(threadColumns)
      .from(emailThreads)
      .leftJoin(handoffs, eq(handoffs.id, emailThreads.handoffId))
      .where(eq(emailThreads.replyToken, token));
    if (row) return row;
  }
  return null;
}

export async function findThreadByConversation(conversationId: string): Promise<KnownThread | null> {
  const [row] = await db
    .select(threadColumns)
    .from(emailThreads)
    .leftJoin(handoffs, eq(handoffs.id, emailThreads.handoffId))
    .where(eq(emailThreads.conversationId, conversationId));
  return row ?? null;
}

/** A new lead's email, in the intake's own transaction: its thread and its message row. */
export async function insertNewLeadEmail(
  tx: Transaction,
  input: { conversationId: string; handoffId: string | null; replyToken: string; email: InboundEmailRow },
): Promise<{ leadMessageId: string | null }> {
  await tx.insert(emailThreads).values({
    conversationId: input.conversationId,
    handoffId: input.handoffId,
    replyToken: input.replyToken,
    leadAddress: input.email.fromAddress,
    subject: input.email.subject,
  });
  const [first] = await tx
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.conversationId, input.conversationId), eq(messages.author, "lead")))
    .limit(1);
  await tx
    .insert(emailMessages)
    .values({ ...input.email, direction: "inbound", conversationId: input.conversationId, handoffId: input.handoffId, messageRowId: first?.id ?? null });
  return { leadMessageId: first?.id ?? null };
}

/**
 * A lead's reply, appended to its conversation once (the Message-ID is the claim): the message, its
 * email row, the package's timeline, and the owner told. Returns null when it was already recorded.
 */
export async function recordEmailReply(input: { thread: KnownThread; email: InboundEmailRow; text: string; sentAt: Date }) {
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .insert(emailMessages)
      .values({ ...input.email, direction: "inbound", conversationId: input.thread.conversationId, handoffId: input.thread.handoffId })
      .onConflictDoNothing({ target: emailMessages.messageId })
      .returning({ id: emailMessages.id });
    if (!claimed) return null;
    const [message] = await tx
      .insert(messages)
      .values({ conversationId: input.thread.conversationId, author: "lead", channel: "email", text: input.text, sentAt: input.sentAt })
      .returning({ id: messages.id });
    await tx.update(emailMessages).set({ messageRowId: message!.id }).where(eq(emailMessages.id, claimed.id));
    await tx
      .update(conversations)
      .set({ updatedAt: dsql`now()` })
      .where(eq(conversations.id, input.thread.conversationId));
    if (input.thread.handoffId) {
      // Someone else in the thread (a colleague in Cc, the lead's other mailbox): kept in it, and said so.
      const otherAddress = input.email.fromAddress.toLowerCase() !== input.thread.leadAddress.toLowerCase();
      await insertHandoffEvent(tx, input.thread.handoffId, {
        type: "email_received",
        actorKind: "system",
        ...(otherAddress ? { note: `From another address: ${input.email.fromAddress} (the lead wrote from ${input.thread.leadAddress}).` } : {}),
        data: { emailId: claimed.id, from: input.email.fromAddress, subject: input.email.subject, ...(otherAddress ? { otherAddress: true } : {}) },
      });
      if (input.thread.ownerId)
        await enqueue(tx, "notify", { handoffId: input.thread.handoffId, event: "lead_replied", occurrence: claimed.id, ownerId: input.thread.ownerId });
      // The reply is logged in the CRM as an email activity.
      await enqueue(tx, "crmSync", { handoffId: input.thread.handoffId });
    }
    return { emailId: claimed.id, messageRowId: message!.id };
  });
}

/** Automated mail (an out-of-office, a list): logged, on its thread's timeline when it has one; never answered. */
export async function recordAutomatedEmail(input: { thread: KnownThread | null; email: InboundEmailRow }) {
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .insert(emailMessages)
      .values({ ...input.email, direction: "inbound", conversationId: input.thread?.conversationId ?? null, handoffId: input.thread?.handoffId ?? null })
      .onConflictDoNothing({ target: emailMessages.messageId })
      .returning({ id: emailMessages.id });
    if (!claimed) return null;
    if (input.thread?.handoffId) {
      await insertHandoffEvent(tx, input.thread.handoffId, {
        type: "email_automated",
        actorKind: "system",
        note: input.email.detail,
        data: { emailId: claimed.id, from: input.email.fromAddress, subject: input.email.subject },
      });
    }
    return { emailId: claimed.id };
  });
}

/**
 * A bounce: logged; a permanent one marks the address undeliverable (and every thread to it), puts it
 * on the package's timeline and tells the owner.
 */
export async function recordBounce(input: {
  email: InboundEmailRow;
  recipient: string | null;
  permanent: boolean;
  status: string | null;
  diagnostic: string | null;
  originalMessageId: string | null;
}) {
  return db.transaction(async (tx) => {
    let thread: { conversationId: string; handoffId: string | null; ownerId: string | null } | null = null;
    if (input.originalMessageId) {
      const [row] = await tx
        .select({ conversationId: emailThreads.conversationId, handoffId: emailThreads.handoffId, ownerId: handoffs.ownerId })
        .from(emailMessages)
        .innerJoin(emailThreads, eq(emailThreads.conversationId, emailMessages.conversationId))
        .leftJoin(handoffs, eq(handoffs.id, emailThreads.handoffId))
        .where(eq(emailMessages.messageId, input.originalMessageId));
      thread = row ?? null;
    }
    if (!thread && input.recipient) {
      const [row] = await tx
        .select({ conversationId: emailThreads.conversationId, handoffId: emailThreads.handoffId, ownerId: handoffs.ownerId })
        .from(emailThreads)
        .leftJoin(handoffs, eq(handoffs.id, emailThreads.handoffId))
        .where(eq(dsql`lower(${emailThreads.leadAddress})`, input.recipient.toLowerCase()))
        .orderBy(desc(emailThreads.createdAt))
        .limit(1);
      thread = row ?? null;
    }
    const [claimed] = await tx
      .insert(emailMessages)
      .values({ ...input.email, direction: "inbound", conversationId: thread?.conversationId ?? null, handoffId: thread?.handoffId ?? null })
      .onConflictDoNothing({ target: emailMessages.messageId })
      .returning({ id: emailMessages.id });
    if (!claimed) return null;
    if (!input.permanent || !input.recipient) return { emailId: claimed.id, handoffId: thread?.handoffId ?? null, marked: false };
    const reason = [input.status, input.diagnostic].filter(Boolean).join(" ").slice(0, 1000) || "bounced";
    await tx
      .insert(undeliverableAddresses)
      .values({ address: input.recipient.toLowerCase(), status: input.status, diagnostic: input.diagnostic })
      .onConflictDoUpdate({ target: undeliverableAddresses.address, set: { status: input.status, diagnostic: input.diagnostic, bouncedAt: dsql`now()` } });
    await tx
      .update(emailThreads)
      .set({ undeliverableAt: dsql`now()`, undeliverableReason: reason })
      .where(and(eq(dsql`lower(${emailThreads.leadAddress})`, input.recipient.toLowerCase()), isNull(emailThreads.undeliverableAt)));
    if (thread?.handoffId) {
      await insertHandoffEvent(tx, thread.handoffId, {
        type: "email_bounced",
        actorKind: "system",
        note: reason,
        data: { emailId: claimed.id, address: input.recipient },
      });
      await enqueue(tx, "notify", { handoffId: thread.handoffId, event: "email_bounced", occurrence: claimed.id, ownerId: thread.ownerId });
    }
    return { emailId: claimed.id, handoffId: thread?.handoffId ?? null, marked: true };
  });
}

export async function isUndeliverable(address: string): Promise<boolean> {
  const rows = await db
    .select({ a: undeliverableAddresses.address })
    .from(undeliverableAddresses)
    .where(eq(undeliverableAddresses.address, address.toLowerCase()))
    .limit(1);
  return rows.length > 0;
}

/** A message that failed, kept with its reason; once per source message (a re-read does not add a second). */
export async function quarantineEmail(input: {
  source: string;
  sourceRef: string;
  messageId: string | null;
  fromAddress: string | null;
  subject: string | null;
  reason: string;
  rawSize: number;
  head: string;
}) {
  await db
    .insert(emailQuarantine)
    .values({
      ...input,
      reason: input.reason.slice(0, 2000),
      head: input.head.replace(/\u0000/g, "").slice(0, 4096),
      subject: input.subject?.slice(0, 500) ?? null,
    })
    .onConflictDoNothing({ target: [emailQuarantine.source, emailQuarantine.sourceRef] });
}

export async function listQuarantine({ limit = 50 }: { limit?: number } = {}) {
  return db.select().from(emailQuarantine).orderBy(desc(emailQuarantine.createdAt)).limit(limit);
}

export async function countQuarantine(): Promise<number> {
  const [row] = await db.select({ n: dsql<number>`count(*)::int` }).from(emailQuarantine);
  return row?.n ?? 0;
}

export async function readMailboxCursor(mailbox: string) {
  const [row] = await db.select().from(mailboxCursors).where(eq(mailboxCursors.mailbox, mailbox));
  return row ?? null;
}

/** Moves the cursor forward only (two readers, or a late write, never move it back). */
export async function saveMailboxCursor(input: { mailbox: string; uidValidity: bigint; lastUid: number }) {
  await db
    .insert(mailboxCursors)
    .values({ mailbox: input.mailbox, uidValidity: input.uidValidity, lastUid: input.lastUid })
    .onConflictDoUpdate({
      target: mailboxCursors.mailbox,
      set: {
        lastUid: dsql`case when ${mailboxCursors.uidValidity} = excluded.uid_validity then greatest(${mailboxCursors.lastUid}, excluded.last_uid) else excluded.last_uid end`,
        uidValidity: dsql`excluded.uid_validity`,
        readAt: dsql`now()`,
      },
    });
}

/** The email rows of a conversation, oldest first: the package page's thread. */
export async function listThreadEmails(conversationId: string) {
  return db
    .select({
      id: emailMessages.id,
      messageRowId: emailMessages.messageRowId,
      direction: emailMessages.direction,
      kind: emailMessages.kind,
      fromName: emailMessages.fromName,
      fromAddress: emailMessages.fromAddress,
      subject: emailMessages.subject,
      quoted: emailMessages.quoted,
      deliveryStatus: emailMessages.deliveryStatus,
      deliveryError: emailMessages.deliveryError,
      detail: emailMessages.detail,
      attachments: emailMessages.attachments,
      createdAt: emailMessages.createdAt,
      authorName: users.name,
    })
    .from(emailMessages)
    .leftJoin(users, eq(users.id, emailMessages.authorUserId))
    .where(eq(emailMessages.conversationId, conversationId))
    .orderBy(emailMessages.createdAt);
}

/** The lead's lines of a conversation, oldest first (what a re-triage reads). */
export async function listLeadMessages(conversationId: string) {
  return db
    .select({ text: messages.text, sentAt: messages.sentAt })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.author, "lead")))
    .orderBy(messages.sentAt)
    .limit(200);
}

/** A package and the intake event it came from: what a re-triage starts from. */
export async function findHandoffWithIntake(handoffId: string) {
  const [row] = await db
    .select({ handoff: handoffs, intakeRaw: intakes.raw })
    .from(handoffs)
    .leftJoin(intakes, eq(intakes.id, handoffs.intakeId))
    .where(eq(handoffs.id, handoffId));
  return row ?? null;
}

/** The email thread of a package: by the package, else by its conversation. */
export async function findThreadForHandoff(handoffId: string): Promise<KnownThread | null> {
  const [row] = await db
    .select(threadColumns)
    .from(handoffs)
    .innerJoin(emailThreads, dsql`${emailThreads.handoffId} = ${handoffs.id} or ${emailThreads.conversationId} = ${handoffs.conversationId}`)
    .where(eq(handoffs.id, handoffId))
    .orderBy(desc(emailThreads.createdAt))
    .limit(1);
  return row ?? null;
}

/** The newest email of a thread (what an answer threads under) and the newest one the lead wrote (what it quotes). */
export async function threadParents(conversationId: string) {
  const [last] = await db
    .select({ messageId: emailMessages.messageId, references: emailMessages.references, kind: emailMessages.kind, direction: emailMessages.direction })
    .from(emailMessages)
    .where(and(eq(emailMessages.conversationId, conversationId), inArray(emailMessages.kind, ["new", "reply", "rep", "agent"])))
    .orderBy(desc(emailMessages.createdAt))
    .limit(1);
  const [lastInbound] = await db
    .select({
      kind: emailMessages.kind,
      fromName: emailMessages.fromName,
      fromAddress: emailMessages.fromAddress,
      at: emailMessages.createdAt,
      text: messages.text,
    })
    .from(emailMessages)
    .leftJoin(messages, eq(messages.id, emailMessages.messageRowId))
    .where(and(eq(emailMessages.conversationId, conversationId), eq(emailMessages.direction, "inbound")))
    .orderBy(desc(emailMessages.createdAt))
    .limit(1);
  return { last: last ?? null, lastInbound: lastInbound ?? null };
}

/** Agent emails to one address since `since`: the daily cap of loop protection. */
export async function countAgentEmailsSince(address: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: dsql<number>`count(*)::int` })
    .from(emailMessages)
    .where(
      and(
        eq(emailMessages.direction, "outbound"),
        eq(emailMessages.kind, "agent"),
        gte(emailMessages.createdAt, since),
        dsql`${address.toLowerCase()} = any(${emailMessages.toAddresses})`,
      ),
    );
  return row?.n ?? 0;
}

export type OutboundEmailInput = {
  handoffId: string;
  /** The thread to write in; null: one is opened on the package's conversation (or a new one). */
  thread: { conversationId: string; replyToken: string } | null;
  conversationId: string | null;
  newReplyToken: string;
  leadAddress: string;
  kind: "rep" | "agent";
  authorUserId: string | null;
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  fromName: string;
  fromAddress: string;
  subject: string;
  /** The new words (the conversation's message) and the whole body sent. */
  text: string;
  body: string;
  /** A note in the built-in CRM, beside the package's other records. */
  crmNote: { title: string; lines: string[] } | null;
  /** Loop protection, checked again under the row lock: at most this many agent emails to the address since `since`. */
  agentCap?: { max: number; since: Date };
};

/**
 * An email Baton sends to a lead, recorded before it is sent (the outbox): the conversation's
 * message (a rep's is a `human` message, which stamps the package's first human contact), the
 * email row with its Message-ID, the timeline, the CRM note, and the SMTP job. Null when the agent's
 * daily cap is reached.
 */
export async function recordOutboundEmail(input: OutboundEmailInput) {
  return db.transaction(async (tx) => {
    // One sender at a time per package: the cap and the thread are decided once.
    const [locked] = await tx
      .select({ id: handoffs.id, conversationId: handoffs.conversationId })
      .from(handoffs)
      .where(eq(handoffs.id, input.handoffId))
      .for("update");
    if (!locked) return null;
    // A retried job with a deterministic Message-ID: the email is already recorded (and its SMTP job queued).
    const [already] = await tx
      .select({ id: emailMessages.id, conversationId: emailMessages.conversationId, messageRowId: emailMessages.messageRowId })
      .from(emailMessages)
      .where(eq(emailMessages.messageId, input.messageId));
    if (already)
      return { emailId: already.id, conversationId: already.conversationId!, messageRowId: already.messageRowId, replyToken: input.thread?.replyToken ?? null };
    if (input.agentCap) {
      const [row] = await tx
        .select({ n: dsql<number>`count(*)::int` })
        .from(emailMessages)
        .where(
          and(
            eq(emailMessages.direction, "outbound"),
            eq(emailMessages.kind, "agent"),
            gte(emailMessages.createdAt, input.agentCap.since),
            dsql`${input.leadAddress.toLowerCase()} = any(${emailMessages.toAddresses})`,
          ),
        );
      if ((row?.n ?? 0) >= input.agentCap.max) return null;
    }
    let conversationId = input.thread?.conversationId ?? input.conversationId ?? locked.conversationId;
    let replyToken = input.thread?.replyToken ?? null;
    if (!conversationId) {
      const [created] = await tx.insert(conversations).values({ channel: "email" }).returning({ id: conversations.id });
      conversationId = created!.id;
      await tx.update(handoffs).set({ conversationId }).where(eq(handoffs.id, input.handoffId));
    }
    if (!replyToken) {
      const [existing] = await tx.select({ token: emailThreads.replyToken }).from(emailThreads).where(eq(emailThreads.conversationId, conversationId));
      replyToken = existing?.token ?? input.newReplyToken;
      if (!existing)
        await tx
          .insert(emailThreads)
          .values({ conversationId, handoffId: input.handoffId, replyToken, leadAddress: input.leadAddress, subject: input.subject.replace(/^re:\s*/i, "") });
    }
    const [message] = await tx
      .insert(messages)
      .values({
        conversationId,
        author: input.kind === "rep" ? "human" : "agent",
        authorUserId: input.authorUserId,
        channel: "email",
        text: input.text,
        sentAt: dsql`clock_timestamp()`,
      })
      .returning({ id: messages.id });
    const [email] = await tx
      .insert(emailMessages)
      .values({
        messageId: input.messageId,
        direction: "outbound",
        kind: input.kind,
        conversationId,
        messageRowId: message!.id,
        handoffId: input.handoffId,
        inReplyTo: input.inReplyTo,
        references: input.references,
        fromName: input.fromName,
        fromAddress: input.fromAddress,
        toAddresses: [input.leadAddress.toLowerCase()],
        subject: input.subject,
        body: input.body,
        rawSize: Buffer.byteLength(input.body),
        deliveryStatus: "sending",
        source: "smtp",
        authorUserId: input.authorUserId,
      })
      .returning({ id: emailMessages.id });
    // A person wrote: the agent stops speaking for this conversation (single voice).
    if (input.kind === "rep")
      await tx
        .update(conversations)
        .set({ handledBy: "human", updatedAt: dsql`now()` })
        .where(eq(conversations.id, conversationId));
    await insertHandoffEvent(tx, input.handoffId, {
      type: "email_sent",
      actorKind: input.kind === "rep" ? "user" : "agent",
      actorId: input.authorUserId,
      note: input.text.slice(0, 2000),
      data: { emailId: email!.id, to: input.leadAddress, subject: input.subject, messageId: input.messageId },
    });
    if (input.crmNote) {
      await tx.insert(crmNotes).values({
        key: `email:${email!.id}`,
        handoffId: input.handoffId,
        title: input.crmNote.title.slice(0, 300),
        body: [{ heading: "Email", lines: input.crmNote.lines }],
        timestamp: new Date(),
        ownerId: input.authorUserId,
      });
    }
    await enqueue(tx, "emailSend", { emailId: email!.id });
    return { emailId: email!.id, conversationId, messageRowId: message!.id, replyToken };
  });
}

/** What the SMTP job sends: the recorded email and its thread's reply token. */
export async function loadOutboundEmail(emailId: string) {
  const [row] = await db
    .select({ email: emailMessages, replyToken: emailThreads.replyToken })
    .from(emailMessages)
    .leftJoin(emailThreads, eq(emailThreads.conversationId, emailMessages.conversationId))
    .where(and(eq(emailMessages.id, emailId), eq(emailMessages.direction, "outbound")));
  return row ?? null;
}

export async function markOutboundEmail(emailId: string, outcome: { sent: true } | { sent: false; error: string; handoffId: string | null }) {
  await db.transaction(async (tx) => {
    if (outcome.sent) {
      const [sent] = await tx
        .update(emailMessages)
        .set({ deliveryStatus: "sent", deliveryError: null })
        .where(eq(emailMessages.id, emailId))
        .returning({ handoffId: emailMessages.handoffId });
      // Sent, so logged in the CRM as an email activity (an unsent email is not).
      if (sent?.handoffId) await enqueue(tx, "crmSync", { handoffId: sent.handoffId });
      return;
    }
    const [row] = await tx
      .update(emailMessages)
      .set({ deliveryStatus: "failed", deliveryError: outcome.error.slice(0, 1000) })
      .where(and(eq(emailMessages.id, emailId), dsql`${emailMessages.deliveryStatus} <> 'failed'`))
      .returning({ id: emailMessages.id });
    if (row && outcome.handoffId)
      await insertHandoffEvent(tx, outcome.handoffId, { type: "email_failed", actorKind: "system", note: outcome.error.slice(0, 1000), data: { emailId } });
  });
}

/** The package page's email thread: the conversation's messages with their email rows, the logged automated mail and bounces, the thread. */
export async function loadEmailThread(handoffId: string) {
  const thread = await findThreadForHandoff(handoffId);
  if (!thread) return null;
  const [lines, emails, [state]] = await Promise.all([
    db
      .select({ id: messages.id, author: messages.author, text: messages.text, sentAt: messages.sentAt, authorName: users.name })
      .from(messages)
      .leftJoin(users, eq(users.id, messages.authorUserId))
      .where(eq(messages.conversationId, thread.conversationId))
      .orderBy(messages.sentAt)
      .limit(500),
    listThreadEmails(thread.conversationId),
    db
      .select({ undeliverableAt: emailThreads.undeliverableAt, reason: emailThreads.undeliverableReason })
      .from(emailThreads)
      .where(eq(emailThreads.conversationId, thread.conversationId)),
  ]);
  return { thread, lines, emails, undeliverable: state?.undeliverableAt ? { reason: state.reason } : null };
}

/** Whether a person already wrote in this thread (the demo seed writes its rep's reply once). */
export async function threadHasRepEmail(conversationId: string): Promise<boolean> {
  const rows = await db
    .select({ id: emailMessages.id })
    .from(emailMessages)
    .where(and(eq(emailMessages.conversationId, conversationId), eq(emailMessages.kind, "rep")))
    .limit(1);
  return rows.length > 0;
}

/**
 * The emails of these handoffs' threads the CRM logs as email activity: the lead's (new and replies)
 * and Baton's (the rep's and the agent's) once sent; automated mail and bounces are not conversation.
 */
export async function listThreadEmailsForCrm(handoffIds: string[]): Promise<ThreadEmail[]> {
  if (handoffIds.length === 0) return [];
  const rows = await db
    .select({
      id: emailMessages.id,
      handoffId: emailMessages.handoffId,
      direction: emailMessages.direction,
      fromName: emailMessages.fromName,
      fromAddress: emailMessages.fromAddress,
      toAddresses: emailMessages.toAddresses,
      subject: emailMessages.subject,
      words: messages.text,
      body: emailMessages.body,
      sentAt: messages.sentAt,
      createdAt: emailMessages.createdAt,
    })
    .from(emailMessages)
    .leftJoin(messages, eq(messages.id, emailMessages.messageRowId))
    .where(
      and(
        inArray(emailMessages.handoffId, handoffIds),
        inArray(emailMessages.kind, ["new", "reply", "rep", "agent"]),
        dsql`(${emailMessages.direction} = 'inbound' or ${emailMessages.deliveryStatus} = 'sent')`,
      ),
    )
    .orderBy(emailMessages.createdAt)
    .limit(1000);
  return rows.map((r) => ({
    id: r.id,
    handoffId: r.handoffId!,
    direction: r.direction,
    fromName: r.fromName,
    fromAddress: r.fromAddress,
    toAddresses: r.toAddresses,
    subject: r.subject,
    text: r.words ?? r.body ?? "",
    at: r.sentAt ?? r.createdAt,
  }));
}

/** The package an email's intake became, with its conversation. */
export async function findHandoffByEmailMessageId(messageId: string) {
  const [row] = await db
    .select({ id: handoffs.id, conversationId: handoffs.conversationId, ownerId: handoffs.ownerId })
    .from(intakes)
    .innerJoin(handoffs, eq(handoffs.intakeId, intakes.id))
    .where(eq(intakes.externalId, `email:${messageId}`));
  return row ?? null;
}

/** The demo seed hands a package to a given person (as the routing rules would), accepted. */
export async function assignDemoOwner(handoffId: string, userEmail: string): Promise<string | null> {
  const [user] = await db
    .select({ id: users.id, teamId: users.teamId })
    .from(users)
    .where(eq(dsql`lower(${users.email})`, userEmail.toLowerCase()));
  if (!user) return null;
  await db
    .update(handoffs)
    .set({ ownerId: user.id, teamId: user.teamId, status: "accepted", acceptedAt: dsql`coalesce(${handoffs.acceptedAt}, now())` })
    .where(eq(handoffs.id, handoffId));
  return user.id;
}
