import { afterAll, describe, expect, it } from "vitest";
import { stopBoss } from "@/lib/jobs/boss";
import { survived } from "../chaos/fault-outcome";
import { crmDownThenSlow, notifyServicesSlowThenDown } from "../chaos/services-down";

afterAll(async () => {
  await stopBoss();
});

describe("Slack, SMTP and HubSpot slower than the timeouts and down (closed port), then back", () => {
  it("notifications retry with backoff: every Slack message and email arrives exactly once", { timeout: 60_000 }, async () => {
    const outcome = await notifyServicesSlowThenDown({ handoffs: 3, log: () => {} });
    expect(outcome.records).toBe(6);
    expect(outcome.details.maxAttempts).toBeGreaterThan(1);
    expect({ lost: outcome.lost, duplicated: outcome.duplicated, problems: outcome.problems }).toEqual({ lost: 0, duplicated: 0, problems: [] });
    expect(survived(outcome)).toBe(true);
  });

  it("CRM sync retries with backoff: every contact, company, note and task exactly once in HubSpot", { timeout: 150_000 }, async () => {
    const outcome = await crmDownThenSlow({ handoffs: 6, log: () => {} });
    expect({ lost: outcome.lost, duplicated: outcome.duplicated, problems: outcome.problems }).toEqual({ lost: 0, duplicated: 0, problems: [] });
    expect(survived(outcome)).toBe(true);
  });
});
