import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { handoffs } from "./handoffs";

export const approvalStatus = pgEnum("approval_status", ["pending", "approved", "denied", "expired"]);
export const approvalChannel = pgEnum("approval_channel", ["console", "slack", "email", "api"]);

/** A sensitive action the agent proposed; it runs only after a person approves it. */
export const approvalRequests = pgTable(
  "approval_requests",
  {
    id: uuid().primaryKey().defaultRandom(),
    handoffId: uuid()
      .notNull()
      .references(() => handoffs.id, { onDelete: "cascade" }),
    actionType: text().notNull(),
    params: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    consequence: text().notNull(),
    reason: text(),
    /** The person who drafted it (an info-request email); null when the agent proposed it. Four-eyes binds them. */
    requestedById: text().references(() => users.id, { onDelete: "set null" }),
    status: approvalStatus().notNull().default("pending"),
    decidedById: text().references(() => users.id, { onDelete: "set null" }),
    decidedVia: approvalChannel(),
    decidedAt: timestamp({ withTimezone: true }),
    result: jsonb().$type<Record<string, unknown>>(),
    executedAt: timestamp({ withTimezone: true }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [index("approval_requests_handoff_idx").on(t.handoffId), index("approval_requests_status_expiry_idx").on(t.status, t.expiresAt)],
);

export type ApprovalRequest = typeof approvalRequests.$inferSelect;

/**
 * Admin settings per action type. Four-eyes: the person who asked for a request may not approve it
 * (another person does); deny stays open to them. A type without a row uses the default in
 * lib/approvals/four-eyes.ts (on for emails, which people draft).
 */
export const approvalSettings = pgTable("approval_settings", {
  actionType: text().primaryKey(),
  fourEyes: boolean().notNull(),
  updatedById: text().references(() => users.id, { onDelete: "set null" }),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * One emailed approve/deny link pair, by its token id (the `jti` inside the signed token). Using either
 * link marks the row used in the same transaction as the decision, so a link works once, across
 * every instance; the row also binds the link to the person it was sent to.
 */
export const approvalLinkTokens = pgTable(
  "approval_link_tokens",
  {
    id: uuid().primaryKey(),
    approvalId: uuid()
      .notNull()
      .references(() => approvalRequests.id, { onDelete: "cascade" }),
    recipientId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("approval_link_tokens_approval_idx").on(t.approvalId)],
);
