// The Standard Webhooks example schedule (INTEGRATIONS.md §1): the wait before each retry after
// the immediate first attempt. Past the last one the delivery has failed for good.
export const defaultRetrySchedule = [5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 14 * 3600, 20 * 3600, 24 * 3600] as const;
const MAX_RETRY_AFTER_SECONDS = 24 * 3600;

/** `Retry-After` as seconds (delta or HTTP date), or null when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: Date): number | null {
  if (!header) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text), MAX_RETRY_AFTER_SECONDS);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(0, Math.ceil((at - now.getTime()) / 1000)), MAX_RETRY_AFTER_SECONDS);
}

/**
 * Seconds until the next attempt after `attempts` failed ones, or null when the schedule is spent.
 * Jitter (±10%) keeps many endpoints' retries from landing together; a Retry-After longer than the
 * schedule's wait is honoured.
 */
export function nextRetryDelaySeconds(input: {
  attempts: number;
  schedule: readonly number[];
  retryAfterSeconds: number | null;
  random?: () => number;
}): number | null {
  const base = input.schedule[input.attempts - 1];
  if (base === undefined) return null;
  const jittered = base * (0.9 + 0.2 * (input.random ?? Math.random)());
  return Math.max(jittered, input.retryAfterSeconds ?? 0);
}
