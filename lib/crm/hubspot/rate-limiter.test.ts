import { describe, expect, it } from "vitest";
import { RateLimiter } from "@/lib/crm/hubspot/rate-limiter";

async function fire(limiter: RateLimiter, count: number, latencyMs = 2) {
  const sent: number[] = [];
  await Promise.all(
    Array.from({ length: count }, async () => {
      const done = await limiter.acquire();
      sent.push(Date.now());
      await new Promise((r) => setTimeout(r, latencyMs));
      done();
    }),
  );
  return sent.sort((a, b) => a - b);
}

function busiestWindow(stamps: number[], windowMs: number): number {
  let most = 0;
  for (let i = 0; i < stamps.length; i++) most = Math.max(most, stamps.filter((t) => t >= stamps[i]! && t < stamps[i]! + windowMs).length);
  return most;
}

describe("RateLimiter", () => {
  it("never lets more than max requests into any rolling window, and uses the window fully", async () => {
    const limiter = new RateLimiter({ max: 5, windowMs: 200 });
    const started = Date.now();
    const sent = await fire(limiter, 15);
    expect(busiestWindow(sent, 200)).toBe(5);
    // 15 requests at 5 per 200 ms: two full waits, not more.
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(Date.now() - started).toBeLessThan(900);
  });

  it("holds everyone back until a 429's Retry-After has passed", async () => {
    const limiter = new RateLimiter({ max: 100, windowMs: 1_000 });
    const until = Date.now() + 300;
    limiter.pauseUntil(until);
    const sent = await fire(limiter, 3);
    expect(sent[0]).toBeGreaterThanOrEqual(until);
  });

  it("keeps to the portal's policy from HubSpot's headers as well as the configured one", async () => {
    const limiter = new RateLimiter({ max: 6, windowMs: 600 });
    limiter.adopt(3, 150);
    const started = Date.now();
    const sent = await fire(limiter, 9);
    expect(busiestWindow(sent, 150)).toBe(3);
    expect(busiestWindow(sent, 600)).toBe(6);
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
  });
});
