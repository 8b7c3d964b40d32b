// A rolling-window limiter, one per HubSpot portal: HubSpot counts requests in a rolling window
// (TEN_SECONDLY_ROLLING), so a fixed window would let twice the limit through around its edge.
// Each slot is stamped when its response arrives, which is never earlier than when HubSpot counted
// it, so a request sent when the oldest stamp leaves the window can never be one too many.

export type RateLimiterOptions = { max: number; windowMs: number };

export class RateLimiter {
  private max: number;
  private windowMs: number;
  private readonly stamps: number[] = [];
  private inFlight = 0;
  private pausedUntil = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(options: RateLimiterOptions) {
    this.max = options.max;
    this.windowMs = options.windowMs;
  }

  /** Waits for a slot; call the returned function when the response (or the failure) has arrived. */
  acquire(): Promise<() => void> {
    const turn = this.queue.then(() => this.waitForSlot());
    this.queue = turn.then(() => undefined);
    return turn;
  }

  /** Nobody sends before `until` (a 429's Retry-After, or a window HubSpot says is used up). */
  pauseUntil(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  /** The portal's real policy from X-HubSpot-RateLimit-Max and -Interval-Milliseconds, when stricter than configured. */
  adopt(max: number, windowMs: number): void {
    if (!Number.isInteger(max) || max <= 0 || !Number.isFinite(windowMs) || windowMs <= 0) return;
    if (max / windowMs < this.max / this.windowMs) {
      this.max = max;
      this.windowMs = windowMs;
    }
  }

  private async waitForSlot(): Promise<() => void> {
    for (;;) {
      const now = Date.now();
      while (this.stamps.length && this.stamps[0] <= now - this.windowMs) this.stamps.shift();
      let wait = 0;
      if (this.pausedUntil > now) wait = this.pausedUntil - now;
      else if (this.stamps.length + this.inFlight >= this.max) wait = this.stamps.length ? this.stamps[0] + this.windowMs - now + 1 : 20;
      if (wait <= 0) break;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    this.inFlight += 1;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.inFlight -= 1;
      this.stamps.push(Date.now());
    };
  }
}

const limiters = new Map<string, RateLimiter>();

/** The process's limiter for a portal: every client of the same portal shares it. */
export function limiterFor(portalKey: string, options: RateLimiterOptions): RateLimiter {
  let limiter = limiters.get(portalKey);
  if (!limiter) {
    limiter = new RateLimiter(options);
    limiters.set(portalKey, limiter);
  }
  return limiter;
}
