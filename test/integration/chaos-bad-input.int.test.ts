import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { stopBoss } from "@/lib/jobs/boss";
import { fuzzChat, fuzzIntake } from "../chaos/bad-input";

beforeAll(() => {
  // Hundreds of requests from one key within the minute: the rate limit is not what is tested here.
  process.env.INTAKE_RATE_LIMIT_PER_MINUTE = "1000000";
  resetEnvCache();
});

afterAll(async () => {
  delete process.env.INTAKE_RATE_LIMIT_PER_MINUTE;
  resetEnvCache();
  await stopBoss();
});

describe("bad input through the real route handlers, on the real database", () => {
  it("POST /api/v1/intake: every malformed, mistyped, huge, deep or hostile body is refused naming the field, or stored verbatim; never a 500, never a half-written row", { timeout: 60_000 }, async () => {
    const report = await fuzzIntake({ runs: 12 });
    expect(report.failures).toEqual([]);
    expect(report.tried).toBeGreaterThan(150);
    expect(report.accepted).toBeGreaterThan(30);
    expect(report.refused).toBeGreaterThan(50);
  });

  it("POST /api/chat: the same for the public chat", { timeout: 60_000 }, async () => {
    const report = await fuzzChat({ runs: 12 });
    expect(report.failures).toEqual([]);
    expect(report.tried).toBeGreaterThan(70);
    expect(report.accepted).toBeGreaterThan(10);
  });
});

