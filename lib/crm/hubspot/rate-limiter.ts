// A rolling-window limiter, one per HubSpot portal: HubSpot counts requests in a rolling window
// (TEN_SECONDLY_ROLLING), so a fixed window would let twice the limit through around its edge.
// Each slot is stamped when its response arrives, which is never earlier than when HubSpot counted
// it, so a request sent when the oldest stamp leaves the window can never be one too many.

export type RateLimiterOptions = { max: number; windowMs: number };

export class RateLimiter {
  /** The configured limit, and HubSpot's own policy once its headers name one: a request must fit all. */
  private readonly policies: RateLimiterOptions[];
  private readonly stamps: number[] = [];
  private inFlight = 0;
  private pausedUntil = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: RateLimiterOptions) {
    this.policies = [{ ...options }];
  }

  /** Waits for a slot; call the returned function when the response (or the failure) has arrived. */
  acquire(): Promise<() => void> {
    const turn = this.queue.then(() => this.waitForSlot());
    this.queue = turn;
    return turn;
  }

  /** Nobody sends before `until` (a 429's Retry-After). */
  pauseUntil(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  /** The portal's policy from X-HubSpot-RateLimit-Max and -Interval-Milliseconds, kept alongside the configured one. */
  adopt(max: number, windowMs: number): void {
    if (!Number.isInteger(max) || max <= 0 || !Number.isFinite(windowMs) || windowMs <= 0) return;
    const known = this.policies.slice(1).find((p) => p.windowMs === windowMs);
    if (known) known.max = max;
    else this.policies.push({ max, windowMs });
  }

  private async waitForSlot(): Promise<() => void> {
    for (;;) {
      const now = Date.now();
      const longest = Math.max(...this.policies.map((p) => p.windowMs));
      while (this.stamps.length && this.stamps[0]! <= now - longest) this.stamps.shift();
      let wait = this.pausedUntil > now ? this.pausedUntil - now : 0;
      for (const policy of this.policies) wait = Math.max(wait, this.waitFor(policy, now));
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

  /** How long until one more request fits this policy's rolling window (0: now). */
  private waitFor(policy: RateLimiterOptions, now: number): number {
    const inWindow = this.stamps.filter((t) => t > now - policy.windowMs);
    const over = inWindow.length + this.inFlight - policy.max;
    if (over < 0) return 0;
    // Every request still in flight counts until it answers; poll until one does.
    if (over >= inWindow.length) return 20;
    return inWindow[over]! + policy.windowMs - now + 1;
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
