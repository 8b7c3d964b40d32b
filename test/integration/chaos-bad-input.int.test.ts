import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { stopBoss } from "@/lib/jobs/boss";
import { FUZZ_CALCOM_SECRET, FUZZ_CALENDLY_KEY, fuzzBookings, fuzzChat, fuzzChatLive, fuzzInboundEmail, fuzzIntake, fuzzRestApi } from "../chaos/bad-input";

beforeAll(() => {
  // Hundreds of requests from one key within the minute: the rate limit is not what is tested here.
  process.env.INTAKE_RATE_LIMIT_PER_MINUTE = "1000000";
  process.env.API_RATE_LIMIT_PER_MINUTE = "1000000";
  process.env.CALCOM_WEBHOOK_SECRET = FUZZ_CALCOM_SECRET;
  process.env.CALENDLY_SIGNING_KEY = FUZZ_CALENDLY_KEY;
  resetEnvCache();
});

afterAll(async () => {
  delete process.env.INTAKE_RATE_LIMIT_PER_MINUTE;
  delete process.env.API_RATE_LIMIT_PER_MINUTE;
  delete process.env.CALCOM_WEBHOOK_SECRET;
  delete process.env.CALENDLY_SIGNING_KEY;
  resetEnvCache();
  await stopBoss();
});

describe("bad input through the real route handlers, on the real database", () => {
  it(
    "the REST API v1: hostile query parameters and bodies are refused as problems naming the field, or accepted; never a 500, never a half-written row",
    { timeout: 60_000 },
    async () => {
      const reports = await fuzzRestApi({ runs: 8 });
      expect(reports.flatMap((r) => r.failures)).toEqual([]);
      const [queries, statuses, , notes] = reports;
      expect(queries!.tried).toBeGreaterThan(50);
      expect(queries!.refused).toBeGreaterThan(10);
      expect(statuses!.refused).toBe(statuses!.tried);
      expect(notes!.accepted).toBeGreaterThan(3);
    },
  );

  it(
    "POST /api/v1/intake: every malformed, mistyped, huge, deep or hostile body is refused naming the field, or stored verbatim; never a 500, never a half-written row",
    { timeout: 60_000 },
    async () => {
      const report = await fuzzIntake({ runs: 12 });
      expect(report.failures).toEqual([]);
      expect(report.tried).toBeGreaterThan(150);
      expect(report.accepted).toBeGreaterThan(30);
      expect(report.refused).toBeGreaterThan(50);
    },
  );

  it("POST /api/chat: the same for the public chat", { timeout: 60_000 }, async () => {
    const report = await fuzzChat({ runs: 12 });
    expect(report.failures).toEqual([]);
    expect(report.tried).toBeGreaterThan(70);
    expect(report.accepted).toBeGreaterThan(10);
  });

  it(
    "POST /api/chat/stream and /api/chat/updates: a bad session id or cursor is refused naming it, never a 500 or a written row",
    { timeout: 60_000 },
    async () => {
      const [stream, updates, correct] = await fuzzChatLive({ runs: 12 });
      expect([...stream.failures, ...updates.failures, ...correct.failures]).toEqual([]);
      expect(correct.refused).toBe(correct.tried);
      expect(stream.refused).toBe(stream.tried);
      expect(stream.tried).toBeGreaterThan(40);
      expect(updates.accepted).toBe(2);
    },
  );

  for (const provider of ["calcom", "calendly"] as const) {
    it(
      `POST /api/v1/bookings/${provider}: signed bodies that are malformed, mistyped, huge, deep or hostile are refused naming the field, or stored as sent; unsigned ones are 401`,
      { timeout: 60_000 },
      async () => {
        const report = await fuzzBookings(provider, { runs: 8 });
        expect(report.failures).toEqual([]);
        expect(report.tried).toBeGreaterThan(60);
        expect(report.accepted).toBeGreaterThan(15);
        expect(report.refused).toBeGreaterThan(30);
      },
    );
  }
  it(
    "POST /api/v1/inbound-email: raw mail that is not mail, malformed MIME, hostile text, sensitive values: refused with the reason or accepted masked; never a 500",
    { timeout: 120_000 },
    async () => {
      const report = await fuzzInboundEmail({ runs: 8 });
      expect(report.failures).toEqual([]);
      expect(report.tried).toBeGreaterThan(60);
      expect(report.accepted).toBeGreaterThan(20);
      expect(report.refused).toBeGreaterThan(15);
    },
  );
});
