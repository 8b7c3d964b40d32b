import { and, eq, inArray, sql as dsql } from "drizzle-orm";
import { db } from "@/db";
import { rateLimitWindows } from "@/db/schema";

// Failed sign-ins counted in the same fixed-window Postgres counters as intake, so every app
// instance sees the same numbers and a restart forgets nothing.

/** The failures counted so far in the current window for each key, and when that window ends. */
export async function readFailureCounts({ keys, windowSeconds }: { keys: string[]; windowSeconds: number }) {
  const rows = await db
    .select({ key: rateLimitWindows.key, count: rateLimitWindows.count, windowStart: rateLimitWindows.windowStart })
    .from(rateLimitWindows)
    .where(and(inArray(rateLimitWindows.key, keys), eq(rateLimitWindows.windowStart, windowStart(windowSeconds))));
  // The database's clock, like the window itself, so instances with drifting clocks agree.
  const [{ endsAt, now }] = await db.execute<{ endsAt: Date; now: Date }>(
    dsql`select ${windowStart(windowSeconds)} + make_interval(secs => ${windowSeconds}) as "endsAt", now() as now`,
  );
  return { counts: new Map(rows.map((r) => [r.key, r.count])), windowEndsAt: new Date(endsAt), now: new Date(now) };
}

export async function countFailure({ keys, windowSeconds }: { keys: string[]; windowSeconds: number }) {
  if (keys.length === 0) return;
  await db
    .insert(rateLimitWindows)
    .values(keys.map((key) => ({ key, windowStart: windowStart(windowSeconds), count: 1 })))
    .onConflictDoUpdate({ target: [rateLimitWindows.key, rateLimitWindows.windowStart], set: { count: dsql`${rateLimitWindows.count} + 1` } });
}

/** A successful sign-in clears the account's failures (not the address's: others may share it). */
export async function clearFailures({ key }: { key: string }) {
  await db.delete(rateLimitWindows).where(eq(rateLimitWindows.key, key));
}

function windowStart(windowSeconds: number) {
  return dsql`to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds})`;
}
