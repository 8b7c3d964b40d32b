import "server-only";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { embeddedUrl } from "@/db/embedded";
import { preparingRepeated } from "@/db/prepared-statements";
import { connectionBounds, env } from "@/lib/env";
import * as schema from "@/db/schema";

export type Database = PostgresJsDatabase<typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

/** Where the app's data lives: DATABASE_URL, or the embedded server that instrumentation starts. */
export function databaseUrl(): string {
  return env().DATABASE_URL ?? embeddedUrl(env().EMBEDDED_PG_PORT);
}

// One pool per process; dev's module reloads reuse it instead of leaking connections.
const globalForDb = globalThis as unknown as { batonSql?: postgres.Sql; batonLockSql?: postgres.Sql; batonWatchSql?: postgres.Sql };

export const sql =
  globalForDb.batonSql ??
  postgres(databaseUrl(), {
    max: env().DATABASE_POOL_MAX,
    onnotice: () => {},
    // JIT compiling pays off for long reports, not for the app's queries: on the metrics reads it
    // added ~75 ms of compilation to each (EXPLAIN ANALYZE at 1M handoffs). Prepared statements
    // (db/prepared-statements.ts) are planned for their parameters every time, as unnamed ones are:
    // a generic plan cannot use the partial indexes the inbox and the metrics rely on.
    connection: { jit: "off", plan_cache_mode: "force_custom_plan", ...connectionBounds() },
    // Timestamps come back as Date; numeric stays a string unless drizzle maps it.
  });
if (env().NODE_ENV !== "production") globalForDb.batonSql = sql;

// Repeated statements go prepared: one round trip each, pipelined (db/prepared-statements.ts says why).
export const db: Database = drizzle(preparingRepeated(sql), { schema, casing: "snake_case" });

/**
 * A small pool of its own for session advisory locks (the CRM sync's per-record locks): a job that
 * holds or waits for a lock holds one of these, never one of `sql`'s, so the work it does under the
 * lock always finds a connection. Its lock waits end after CRM_LOCK_TIMEOUT_SECONDS.
 */
export const lockSql =
  globalForDb.batonLockSql ??
  postgres(databaseUrl(), {
    max: env().CRM_LOCK_POOL_MAX,
    onnotice: () => {},
    connection: { ...connectionBounds(), lock_timeout: env().CRM_LOCK_TIMEOUT_SECONDS * 1000, application_name: "baton-locks" },
  });
if (env().NODE_ENV !== "production") globalForDb.batonLockSql = lockSql;

/**
 * One connection for the worker's heartbeat and watchdog, apart from the jobs' pool: a worker whose
 * jobs have every pooled connection still beats, and still sees and reports its stuck queues.
 */
export const watchSql =
  globalForDb.batonWatchSql ??
  postgres(databaseUrl(), { max: 1, onnotice: () => {}, connection: { ...connectionBounds(), statement_timeout: 10_000, application_name: "baton-watch" } });
if (env().NODE_ENV !== "production") globalForDb.batonWatchSql = watchSql;
