import { describe, expect, it } from "vitest";
import { secondsUntilUnderLimit, tooManyAttemptsMessage } from "./login-throttle";

const now = new Date("2026-11-25T12:00:30Z");
const minutesAgo = (m: number, count: number) => ({ startsAt: new Date(Date.UTC(2026, 10, 25, 12, -m)), count });
const window = 15 * 60;

describe("the sign-in throttle's sliding window", () => {
  it("waits nothing under the limit", () => {
    expect(secondsUntilUnderLimit([minutesAgo(3, 4), minutesAgo(0, 5)], 10, window, now)).toBe(0);
  });

  it("at the limit, waits until enough of the oldest failures leave the window", () => {
    // 4 failures 3 minutes ago, 6 now: once the 3-minute-old bucket ages out (12 min from 12:00:30 less 30 s), 6 < 10.
    expect(secondsUntilUnderLimit([minutesAgo(0, 6), minutesAgo(3, 4)], 10, window, now)).toBe(12 * 60 - 30);
    // All 10 in the current minute: the whole window.
    expect(secondsUntilUnderLimit([minutesAgo(0, 10)], 10, window, now)).toBe(15 * 60 - 30);
  });

  it("says the wait in whole minutes, rounded up", () => {
    expect(tooManyAttemptsMessage(30)).toBe("Too many sign-in attempts; try again in 1 minute.");
    expect(tooManyAttemptsMessage(14 * 60 + 1)).toBe("Too many sign-in attempts; try again in 15 minutes.");
  });
});
