import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { handoffs } from "./handoffs";
import { conversations, messages } from "./leads";

export const emailDirection = pgEnum("email_direction", ["inbound", "outbound"]);
/** new/reply/automated/bounce for inbound mail (lib/email/classify.ts); rep/agent for what Baton sent. */
export const emailKind = pgEnum("email_kind", ["new", "reply", "automated", "bounce", "rep", "agent"]);

/**
 * An email conversation: the `conversations` row (channel `email`) of a package, with what threads
 * mail into it: the reply token of its plus-address (`sales+r-<token>@…`), the subject replies carry,
 * and whether the lead's address bounced.
 */
export const emailThreads = pgTable("email_threads", {
  conversationId: uuid()
    .primaryKey()
    .references(() => conversations.id, { onDelete: "cascade" }),
  handoffId: uuid().references(() => handoffs.id, { onDelete: "set null" }),
  replyToken: text().notNull().unique(),
  leadAddress: text().notNull(),
  subject: text().notNull().default(""),
  /** Set by a permanent bounce: Baton sends nothing more to this thread's lead until someone fixes it. */
  undeliverableAt: timestamp({ withTimezone: true }),
  undeliverableReason: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * One email in or out, by Message-ID (the idempotency key of everything the mailbox reader and the
 * inbound webhook do): its headers, sender and recipients, size and attachments (metadata only), and
 * the `messages` row its new words became, if any.
 */
export const emailMessages = pgTable(
  "email_messages",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Without angle brackets. */
    messageId: text().notNull(),
    direction: emailDirection().notNull(),
    kind: emailKind().notNull(),
    conversationId: uuid().references(() => conversations.id, { onDelete: "cascade" }),
    messageRowId: uuid().references(() => messages.id, { onDelete: "set null" }),
    handoffId: uuid().references(() => handoffs.id, { onDelete: "set null" }),
    inReplyTo: text(),
    references: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    fromName: text(),
    fromAddress: text().notNull(),
    toAddresses: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    subject: text().notNull().default(""),
    /** The quoted history and the signature cut from the new words: shown folded. */
    quoted: text().notNull().default(""),
    /** What Baton sent, whole (the new words are the `messages` row): the body the SMTP job sends again on a retry. */
    body: text(),
    /** received (inbound); sending → sent | failed (outbound). */
    deliveryStatus: text().notNull().default("received"),
    deliveryError: text(),
    rawSize: integer().notNull().default(0),
    attachments: jsonb().$type<{ filename: string | null; mimeType: string; size: number }[]>().notNull().default([]),
    /** Why a message counts as automated (the header that said so), or a bounce's status and recipient. */
    detail: text(),
    /** imap:<mailbox>, webhook, smtp. */
    source: text().notNull(),
    authorUserId: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("email_messages_message_id_key").on(t.messageId),
    index("email_messages_conversation_idx").on(t.conversationId, t.createdAt),
    // Loop protection counts the agent's emails to one address a day.
    index("email_messages_outbound_to_idx")
      .on(t.kind, t.createdAt)
      .where(sql`${t.direction} = 'outbound'`),
  ],
);

/** Where the mailbox reader is, per mailbox: the folder's UIDVALIDITY and the last UID it finished. */
export const mailboxCursors = pgTable("mailbox_cursors", {
  mailbox: text().primaryKey(),
  uidValidity: bigint({ mode: "bigint" }).notNull(),
  lastUid: bigint({ mode: "number" }).notNull().default(0),
  /** Last time the reader finished a pass (it never blocks on a message: those are quarantined). */
  readAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * A message that could not be processed (malformed, too large, refused by the intake schema, a flood
 * from one sender): kept with its reason for /admin/jobs, and skipped so the rest of the mailbox goes on.
 */
export const emailQuarantine = pgTable(
  "email_quarantine",
  {
    id: uuid().primaryKey().defaultRandom(),
    source: text().notNull(),
    /** The IMAP UID (with its UIDVALIDITY), or the webhook delivery: one row per failed message. */
    sourceRef: text().notNull(),
    messageId: text(),
    fromAddress: text(),
    subject: text(),
    reason: text().notNull(),
    rawSize: integer().notNull().default(0),
    /** The first few KB of headers, to recognise it by. */
    head: text().notNull().default(""),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("email_quarantine_source_ref_key").on(t.source, t.sourceRef), index("email_quarantine_created_idx").on(t.createdAt)],
);

/** An address a permanent bounce came back from: nothing more is sent to it. */
export const undeliverableAddresses = pgTable("undeliverable_addresses", {
  address: text().primaryKey(),
  status: text(),
  diagnostic: text(),
  bouncedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type EmailThread = typeof emailThreads.$inferSelect;
export type EmailMessageRow = typeof emailMessages.$inferSelect;
