/** What the CRM clients share on the wire: a body read leniently, and the retry's wait. */

/** A response body as JSON, or null when it is empty or not JSON (a proxy's HTML error page). */
export function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Exponential back-off capped at 8 s, with jitter, so clients retrying together spread out. */
export function backoff(baseMs: number, attempt: number): number {
  return Math.min(baseMs * 2 ** (attempt - 1), 8_000) * (0.5 + Math.random() / 2);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
