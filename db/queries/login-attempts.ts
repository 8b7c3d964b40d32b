import { and, gt, inArray, like, lt, sql as dsql } from "drizzle-orm";
import { db } from "@/db";
import { rateLimitWindows } from "@/db/schema";

// Failed sign-ins counted in the same Postgres counters as intake (rate_limit_windows), so every
// app instance sees the same numbers and a restart forgets nothing. Counted in one-minute buckets
// and summed over the window: a sliding window, so the count never drops to zero at a boundary.

const BUCKET_SECONDS = 60;

export type FailureBucket = { key: string; startsAt: Date; count: number };

/** The buckets of each key that still fall inside the window, and the database's clock. */
export async function readFailureBuckets({ keys, windowSeconds }: { keys: string[]; windowSeconds: number }) {
  const rows = await db
    .select({ key: rateLimitWindows.key, startsAt: rateLimitWindows.windowStart, count: rateLimitWindows.count, now: dsql<Date>`now()` })
    .from(rateLimitWindows)
    .where(and(inArray(rateLimitWindows.key, keys), gt(rateLimitWindows.windowStart, dsql`now() - make_interval(secs => ${windowSeconds})`)));
  const now = rows[0]?.now ?? (await db.execute<{ now: Date }>(dsql`select now() as now`))[0]!.now;
  return { buckets: rows.map(({ key, startsAt, count }) => ({ key, startsAt: new Date(startsAt), count })), now: new Date(now) };
}

export async function countFailure({ keys, windowSeconds }: { keys: string[]; windowSeconds: number }) {
  if (keys.length === 0) return;
  await db
    .insert(rateLimitWindows)
    .values(keys.map((key) => ({ key, windowStart: currentBucket(), count: 1 })))
    .onConflictDoUpdate({ target: [rateLimitWindows.key, rateLimitWindows.windowStart], set: { count: dsql`${rateLimitWindows.count} + 1` } });
  if (Math.random() < 0.02) {
    await db
      .delete(rateLimitWindows)
      .where(and(like(rateLimitWindows.key, "login:%"), lt(rateLimitWindows.windowStart, dsql`now() - make_interval(secs => ${windowSeconds})`)));
  }
}

/** A successful sign-in clears the account's failures (not the address's: others may share it). */
export async function clearFailures({ key }: { key: string }) {
  await db.delete(rateLimitWindows).where(inArray(rateLimitWindows.key, [key]));
}

function currentBucket() {
  return dsql`to_timestamp(floor(extract(epoch from now()) / ${BUCKET_SECONDS}) * ${BUCKET_SECONDS})`;
}
