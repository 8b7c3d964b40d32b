import { sql } from "drizzle-orm";
import { index, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import { handoffs } from "./handoffs";
import { conversations } from "./leads";

/**
 * What the chat agent told a lead about when a person will answer: the SLA deadline of their package
 * in the team's business hours (lib/chat/chat-promise.ts). Kept per package, once; a promise nobody
 * kept is apologised for once, with a new time (`apologisedAt`, `renewedBy`), and logged on the timeline.
 */
export const chatPromises = pgTable(
  "chat_promises",
  {
    handoffId: uuid()
      .primaryKey()
      .references(() => handoffs.id, { onDelete: "cascade" }),
    conversationId: uuid()
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    promisedBy: timestamp({ withTimezone: true }).notNull(),
    madeAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    apologisedAt: timestamp({ withTimezone: true }),
    renewedBy: timestamp({ withTimezone: true }),
  },
  // The minute sweep reads only promises still open.
  (t) => [
    index("chat_promises_open_idx")
      .on(t.promisedBy)
      .where(sql`${t.apologisedAt} is null`),
  ],
);

export type ChatPromise = typeof chatPromises.$inferSelect;
