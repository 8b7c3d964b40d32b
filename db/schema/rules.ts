import { sql } from "drizzle-orm";
import { integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./auth";

export const ruleSetStatus = pgEnum("rule_set_status", ["draft", "published", "archived"]);

/**
 * The escalation rules are data: each publication is a new version; exactly one is published at a
 * time and at most one draft is being edited. A trigger (migration 0012) refuses any change to the
 * content of a version that is no longer a draft: what decided a package can always be read back.
 */
export const ruleSetVersions = pgTable(
  "rule_set_versions",
  {
    version: integer().primaryKey(),
    status: ruleSetStatus().notNull().default("draft"),
    rules: jsonb().$type<Record<string, unknown>>().notNull(),
    note: text(),
    /** Set when this version was published as a copy of an earlier one (a restore). */
    restoredFrom: integer(),
    createdById: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("rule_set_versions_one_published")
      .on(t.status)
      .where(sql`${t.status} = 'published'`),
    uniqueIndex("rule_set_versions_one_draft")
      .on(t.status)
      .where(sql`${t.status} = 'draft'`),
  ],
);

export type RuleSetVersion = typeof ruleSetVersions.$inferSelect;
