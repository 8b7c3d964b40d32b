import { afterAll, describe, expect, it } from "vitest";
import { stopBoss } from "@/lib/jobs/boss";
import { survived } from "../chaos/fault-outcome";
import { workerKilledDuringCrmSync, workerKilledDuringNotify } from "../chaos/worker-kill";

afterAll(async () => {
  await stopBoss();
});

describe("the worker SIGKILLed mid-job, then restarted", () => {
  it("during notification sending: every Slack message, email and in-app notice exactly once", { timeout: 60_000 }, async () => {
    const outcome = await workerKilledDuringNotify({ handoffs: 4, log: () => {} });
    expect(outcome.records).toBe(12);
    expect({ lost: outcome.lost, duplicated: outcome.duplicated, problems: outcome.problems }).toEqual({ lost: 0, duplicated: 0, problems: [] });
    expect(survived(outcome)).toBe(true);
  });

  it("during CRM sync: every contact, company, note and task exactly once in HubSpot", { timeout: 60_000 }, async () => {
    const outcome = await workerKilledDuringCrmSync({ handoffs: 12, log: () => {} });
    expect(outcome.details.notesWhenKilled).not.toBeNull();
    expect({ lost: outcome.lost, duplicated: outcome.duplicated, problems: outcome.problems }).toEqual({ lost: 0, duplicated: 0, problems: [] });
    expect(survived(outcome)).toBe(true);
  });
});
