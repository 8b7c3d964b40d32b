import { boolean, check, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { users } from "./auth";

/**
 * The privacy settings of /admin/privacy: one row. Raw intakes and chat transcripts older than
 * `retentionDays` are anonymised by the worker's daily retention job.
 */
export const privacySettings = pgTable(
  "privacy_settings",
  {
    singleton: boolean().primaryKey().default(true),
    retentionDays: integer().notNull().default(365),
    updatedById: text().references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("privacy_settings_singleton", sql`${t.singleton}`), check("privacy_settings_retention_days", sql`${t.retentionDays} between 1 and 3650`)],
);
