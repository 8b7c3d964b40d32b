import { integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * One row per running worker process, beaten every few seconds on a connection of its own (not
 * the jobs' pool), so a worker whose jobs are stuck still says it is alive and one that died goes
 * silent. /api/health and /admin/jobs read the newest beat.
 */
export const workerHeartbeats = pgTable("worker_heartbeats", {
  id: text().primaryKey(),
  host: text().notNull(),
  pid: integer().notNull(),
  queues: jsonb().$type<string[]>().notNull(),
  /** How many jobs this process runs at once, and the pools it sized that from (said at start-up too). */
  capacity: jsonb().$type<{ jobSlots: number; poolMax: number; lockPoolMax: number }>().notNull(),
  startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  beatAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * A queue whose oldest ready job has waited past the threshold: `stalledSince` is when the watchdog
 * first saw it, `lastSeenAt` when it last did; `alertedAt` is set once the managers and admins were
 * told, so one stall is one notice however many workers watch. The row is deleted once the queue has
 * moved for a quiet period, so a queue that flaps is one stall, not a notice per flap.
 */
export const queueStalls = pgTable("queue_stalls", {
  queue: text().primaryKey(),
  stalledSince: timestamp({ withTimezone: true }).notNull().defaultNow(),
  oldestJobId: text(),
  lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  alertedAt: timestamp({ withTimezone: true }),
});

export type WorkerHeartbeat = typeof workerHeartbeats.$inferSelect;
