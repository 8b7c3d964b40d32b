import { describe, expect, it } from "vitest";
import { parseServerTiming, phaseTimer, serverTimingHeaders, timePhase } from "./server-timing";

describe("phaseTimer", () => {
  it("adds up each phase, keeps the order phases were first timed, and ends with the total", async () => {
    let clock = 0;
    const timer = phaseTimer(() => clock);
    await timer.time("auth", async () => void (clock += 2));
    await timer.time("record", async () => void (clock += 5));
    await timer.time("auth", async () => void (clock += 1.5));
    clock += 0.25;
    expect(timer.header()).toBe("auth;dur=3.5, record;dur=5, total;dur=8.75");
  });

  it("times a phase that throws, and lets the error through", async () => {
    let clock = 0;
    const timer = phaseTimer(() => clock);
    await expect(
      timer.time("parse", async () => {
        clock += 1;
        throw new Error("bad body");
      }),
    ).rejects.toThrow("bad body");
    expect(parseServerTiming(timer.header())).toEqual({ parse: 1, total: 1 });
  });
});

describe("parseServerTiming", () => {
  it("reads durations, with or without descriptions, and skips metrics without one", () => {
    expect(parseServerTiming('read;dur=0.2, auth;desc="key and limit";dur=1.4, cache, total;dur=9.8')).toEqual({ read: 0.2, auth: 1.4, total: 9.8 });
  });
});

describe("serverTimingHeaders", () => {
  it("sends the header for a timed request and none for one that was not timed", async () => {
    let clock = 0;
    const timer = phaseTimer(() => clock);
    await timePhase(timer, "auth", async () => void (clock += 2));
    expect(serverTimingHeaders(timer)).toEqual({ "Server-Timing": "auth;dur=2, total;dur=2" });
    expect(await timePhase(undefined, "auth", async () => "ran")).toBe("ran");
    expect(serverTimingHeaders(undefined)).toEqual({});
  });
});
