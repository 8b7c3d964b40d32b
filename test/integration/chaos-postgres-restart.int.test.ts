import { describe, expect, it } from "vitest";
import { survived } from "../chaos/fault-outcome";
import { postgresRestartDuringIntake } from "../chaos/postgres-restart";

describe("intake while its Postgres restarts", () => {
  it("every acknowledged intake is stored exactly once, retries never duplicate, and the app reconnects", { timeout: 60_000 }, async () => {
    const outcome = await postgresRestartDuringIntake({ port: 54410, dataDir: ".data/chaos-int", connections: 16, seconds: 8, log: () => {} });
    expect(outcome.records).toBeGreaterThan(20);
    expect({ lost: outcome.lost, duplicated: outcome.duplicated, problems: outcome.problems }).toEqual({ lost: 0, duplicated: 0, problems: [] });
    expect(outcome.details.acksAfterRestart).toBeGreaterThan(0);
    expect(survived(outcome)).toBe(true);
  });
});
