import { sql } from "drizzle-orm";
import { boolean, index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { handoffPriority, handoffs } from "./handoffs";

/** The SLA of each priority, in business minutes of the owning team, and what happens when nobody answers. */
export const slaPolicies = pgTable("sla_policies", {
  priority: handoffPriority().primaryKey(),
  minutes: integer().notNull(),
  /** After this many breaches the package is closed to nurture, with the reason on its timeline. */
  maxBreaches: integer().notNull().default(2),
  /** On a breach, hand the package to the next person the routing rules pick (else it stays and the clock restarts). */
  reassignOnBreach: boolean().notNull().default(true),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const slaStage = pgEnum("sla_stage", ["running", "reminded", "closed", "stopped"]);

/**
 * The acceptance clock of a pending package: a reminder to its owner at half of the SLA, a breach at
 * all of it. `nextAt` is when the next step is due, so the sweep reads one small index.
 */
export const handoffSlaClocks = pgTable(
  "handoff_sla_clocks",
  {
    handoffId: uuid()
      .primaryKey()
      .references(() => handoffs.id, { onDelete: "cascade" }),
    /** Counts the windows: each breach that does not close the package starts a new one. */
    cycle: integer().notNull().default(1),
    stage: slaStage().notNull().default("running"),
    ownerId: text().references(() => users.id, { onDelete: "set null" }),
    startedAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    remindAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    dueAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    nextAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    breaches: integer().notNull().default(0),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("handoff_sla_clocks_due_idx")
      .on(t.nextAt)
      .where(sql`${t.stage} in ('running', 'reminded')`),
  ],
);

export type SlaPolicy = typeof slaPolicies.$inferSelect;
export type HandoffSlaClock = typeof handoffSlaClocks.$inferSelect;
export type SlaStage = (typeof slaStage.enumValues)[number];
