import { sql } from "drizzle-orm";
import { integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./auth";

export const ruleSetStatus = pgEnum("rule_set_status", ["draft", "published", "archived"]);

/** The escalation rules are data: each edit is a new version; exactly one is published at a time. */
export const ruleSetVersions = pgTable(
  "rule_set_versions",
  {
    version: integer().primaryKey(),
    status: ruleSetStatus().notNull().default("draft"),
    rules: jsonb().$type<Record<string, unknown>>().notNull(),
    note: text(),
    createdById: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex("rule_set_versions_one_published").on(t.status).where(sql`${t.status} = 'published'`)],
);

export type RuleSetVersion = typeof ruleSetVersions.$inferSelect;
