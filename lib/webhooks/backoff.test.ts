import { describe, expect, it } from "vitest";
import { defaultRetrySchedule, nextRetryDelaySeconds, parseRetryAfter } from "./backoff";

describe("webhook back-off", () => {
  it("follows the Standard Webhooks example, with ±10% jitter, and stops after the last step (about a day)", () => {
    expect(nextRetryDelaySeconds({ attempts: 1, schedule: defaultRetrySchedule, retryAfterSeconds: null, random: () => 0.5 })).toBe(5);
    expect(nextRetryDelaySeconds({ attempts: 2, schedule: defaultRetrySchedule, retryAfterSeconds: null, random: () => 0 })).toBeCloseTo(270);
    expect(nextRetryDelaySeconds({ attempts: 9, schedule: defaultRetrySchedule, retryAfterSeconds: null, random: () => 1 })).toBeCloseTo(24 * 3600 * 1.1);
    expect(nextRetryDelaySeconds({ attempts: 10, schedule: defaultRetrySchedule, retryAfterSeconds: null })).toBeNull();
  });

  it("honours a Retry-After longer than the schedule's wait, never a shorter one", () => {
    expect(nextRetryDelaySeconds({ attempts: 1, schedule: defaultRetrySchedule, retryAfterSeconds: 120, random: () => 0.5 })).toBe(120);
    expect(nextRetryDelaySeconds({ attempts: 3, schedule: defaultRetrySchedule, retryAfterSeconds: 1, random: () => 0.5 })).toBe(1800);
  });

  it("reads Retry-After as seconds or an HTTP date, capped at a day", () => {
    const now = new Date("2026-12-01T10:00:00Z");
    expect(parseRetryAfter("30", now)).toBe(30);
    expect(parseRetryAfter("Tue, 01 Dec 2026 10:01:00 GMT", now)).toBe(60);
    expect(parseRetryAfter("999999", now)).toBe(86_400);
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
