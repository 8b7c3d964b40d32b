import { createHash } from "node:crypto";
import { countFailure, readFailureBuckets } from "@/db/queries/login-attempts";
import { secondsUntilUnderLimit, type ThrottleVerdict } from "@/lib/auth/login-throttle";

/**
 * Limits for the sign-in pages' other doors, counted in the same Postgres windows as failed
 * sign-ins (keys under `login:`, so the same clean-up ages them out): reset emails per address and
 * per client, and bad link tokens per client.
 */
export const attemptLimits = {
  resetPerAddress: { limit: 3, windowSeconds: 15 * 60 },
  resetPerClient: { limit: 10, windowSeconds: 15 * 60 },
  badTokenPerClient: { limit: 10, windowSeconds: 15 * 60 },
} as const;

type Counter = { key: string; limit: number; windowSeconds: number };

function addressKey(scope: string, email: string): string {
  return `login:${scope}:account:${createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 32)}`;
}

export function resetCounters(email: string, ip: string | null): Counter[] {
  return [
    { key: addressKey("reset", email), ...attemptLimits.resetPerAddress },
    ...(ip ? [{ key: `login:reset:ip:${ip}`, ...attemptLimits.resetPerClient }] : []),
  ];
}

export function badTokenCounters(ip: string | null): Counter[] {
  return ip ? [{ key: `login:token:ip:${ip}`, ...attemptLimits.badTokenPerClient }] : [];
}

export async function checkAttempts(counters: Counter[]): Promise<ThrottleVerdict> {
  if (counters.length === 0) return { limited: false };
  const windowSeconds = Math.max(...counters.map((c) => c.windowSeconds));
  const { buckets, now } = await readFailureBuckets({ keys: counters.map((c) => c.key), windowSeconds });
  const wait = Math.max(
    ...counters.map((c) =>
      secondsUntilUnderLimit(
        buckets.filter((b) => b.key === c.key && b.startsAt.getTime() > now.getTime() - c.windowSeconds * 1000),
        c.limit,
        c.windowSeconds,
        now,
      ),
    ),
  );
  return wait > 0 ? { limited: true, retryAfterSeconds: wait } : { limited: false };
}

export async function countAttempt(counters: Counter[]): Promise<void> {
  if (counters.length === 0) return;
  await countFailure({ keys: counters.map((c) => c.key), windowSeconds: Math.max(...counters.map((c) => c.windowSeconds)) });
}

export function tryAgainIn(retryAfterSeconds: number, what: string): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many ${what}; try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
