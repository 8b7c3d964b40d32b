import { index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { handoffs } from "./handoffs";

export const correctionKind = pgEnum("correction_kind", ["confirm", "correct", "answer"]);

/**
 * A rep's verdict on the agent's inferences and open questions: confirm (the agent was right),
 * correct (it was wrong: before and after), answer (an open question, answered by the rep). The
 * agent-accuracy metric counts these; the package JSON carries the result.
 */
export const packageCorrections = pgTable(
  "package_corrections",
  {
    id: uuid().primaryKey().defaultRandom(),
    handoffId: uuid()
      .notNull()
      .references(() => handoffs.id, { onDelete: "cascade" }),
    actorId: text().references(() => users.id, { onDelete: "set null" }),
    kind: correctionKind().notNull(),
    field: text().notNull(),
    before: text(),
    after: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("package_corrections_handoff_idx").on(t.handoffId), index("package_corrections_created_idx").on(t.createdAt)],
);

export type PackageCorrection = typeof packageCorrections.$inferSelect;
