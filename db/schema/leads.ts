import { sql } from "drizzle-orm";
import { index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

export const channel = pgEnum("channel", ["form", "chat", "email", "landing_page"]);
export const messageAuthor = pgEnum("message_author", ["lead", "agent", "human"]);

export const companies = pgTable(
  "companies",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    /** Lower-case registrable domain; the dedupe key when known. */
    domain: text(),
    sizeBand: text(),
    country: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("companies_domain_key")
      .on(t.domain)
      .where(sql`${t.domain} is not null`),
  ],
);

export const leads = pgTable(
  "leads",
  {
    id: uuid().primaryKey().defaultRandom(),
    companyId: uuid().references(() => companies.id, { onDelete: "set null" }),
    name: text(),
    email: text(),
    phone: text(),
    role: text(),
    website: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("leads_email_lower_key")
      .on(sql`lower(${t.email})`)
      .where(sql`${t.email} is not null`),
    index("leads_company_idx").on(t.companyId),
  ],
);

/** One row per intake event received, kept raw: the submission a package links back to. */
export const intakes = pgTable(
  "intakes",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The sender's id, or a hash of the canonical payload: the idempotency key. */
    externalId: text().notNull().unique(),
    channel: channel().notNull(),
    source: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    raw: jsonb().$type<Record<string, unknown>>().notNull(),
    receivedAt: text().notNull(),
    leadId: uuid().references(() => leads.id, { onDelete: "set null" }),
    /** The triage decision returned to the sender, replayed verbatim on a duplicate. */
    response: jsonb().$type<Record<string, unknown>>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // created_at: the rules simulation replays the most recent intakes.
  (t) => [index("intakes_lead_idx").on(t.leadId), index("intakes_created_idx").on(t.createdAt)],
);

export const conversations = pgTable(
  "conversations",
  {
    id: uuid().primaryKey().defaultRandom(),
    leadId: uuid().references(() => leads.id, { onDelete: "set null" }),
    channel: channel().notNull(),
    /** `agent` while the agent may reply; `human` once a person has taken the lead over. */
    handledBy: text().notNull().default("agent"),
    /**
     * When the lead's widget last showed it was open (a turn, a poll, a live stream's heartbeat): a
     * person's reply to a lead not seen for a while goes by email instead (lib/chat/reply-route.ts).
     */
    leadSeenAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("conversations_lead_idx").on(t.leadId)],
);

export const messages = pgTable(
  "messages",
  {
    id: uuid().primaryKey().defaultRandom(),
    conversationId: uuid()
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    author: messageAuthor().notNull(),
    /** The person who wrote a `human` message (the owner answering in the chat or by email). */
    authorUserId: text().references(() => users.id, { onDelete: "set null" }),
    /** How this message travelled, when not the conversation's own channel (a chat continued by email). */
    channel: channel(),
    text: text().notNull(),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("messages_conversation_idx").on(t.conversationId, t.sentAt)],
);

export type Company = typeof companies.$inferSelect;
export type Lead = typeof leads.$inferSelect;
export type Intake = typeof intakes.$inferSelect;
export type Channel = (typeof channel.enumValues)[number];
