import { bigserial, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./auth";

/**
 * Every change an admin makes (rules, routing, SLAs, users, keys, connections), with what the
 * thing looked like before and after. Append-only: nothing updates or deletes these rows.
 * Secrets never appear in `before`/`after`; callers pass redacted snapshots.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    actorId: text().references(() => users.id, { onDelete: "set null" }),
    /** Kept as text so the entry still says who after the user is deleted. */
    actorEmail: text().notNull(),
    /** What was done, `<entity>.<verb>`, e.g. `rules.publish`, `user.deactivate`. */
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text(),
    before: jsonb().$type<unknown>(),
    after: jsonb().$type<unknown>(),
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index("audit_log_created_idx").on(t.createdAt.desc(), t.id.desc()), index("audit_log_entity_idx").on(t.entityType, t.entityId)],
);

export type AuditEntry = typeof auditLog.$inferSelect;
