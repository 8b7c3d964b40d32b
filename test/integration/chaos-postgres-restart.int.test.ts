import { describe, expect, it } from "vitest";
import { survived } from "../chaos/fault-outcome";
import { postgresRestartDuringIntake } from "../chaos/postgres-restart";

describe("intake while its Postgres restarts", () => {
  // The scenario bounds itself: start-up, 8 s of load, then up to 45 s (GIVE_UP_AFTER_MS) of a client
  // retrying an intake after the restart. The test's own limit sits above that sum, so a slow but
  // correct recovery on a busy machine is judged by the scenario's checks, not cut off.
  it("every acknowledged intake is stored exactly once, retries never duplicate, and the app reconnects", { timeout: 120_000 }, async () => {
    const outcome = await postgresRestartDuringIntake({ port: 25410, dataDir: ".data/chaos-int", connections: 16, seconds: 8, log: () => {} });
    expect(outcome.records).toBeGreaterThan(20);
    expect({ lost: outcome.lost, duplicated: outcome.duplicated, problems: outcome.problems }).toEqual({ lost: 0, duplicated: 0, problems: [] });
    expect(outcome.details.acksAfterRestart).toBeGreaterThan(0);
    expect(survived(outcome)).toBe(true);
  });
});
