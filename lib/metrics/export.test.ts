import { describe, expect, it } from "vitest";
import type { Dashboard } from "./dashboard";
import { metricsCsv } from "./export";
import { deriveRates, emptyCounts } from "./metric-row";
import { parseMetricsParams } from "./params";

const { params } = parseMetricsParams({ from: "2026-11-01", to: "2026-11-07", by: "owner" }, new Date("2026-11-25T00:00:00Z"));
const row = deriveRates({ ...emptyCounts, created: 4, accepted: 3, converted: 1, firstActionMedianSeconds: 600, convertedValue: [{ currency: "EUR", amount: 1200 }, { currency: "USD", amount: 80.5 }] });
const dashboard: Dashboard = {
  totals: row,
  breakdown: [{ ...row, key: "u1", label: "=Rita, North" }],
  funnel: { triaged: 10, escalated: 4, accepted: 3, meeting: 2, converted: 1 },
  trend: [{ bucket: "2026-11-01", created: 4, accepted: 3, converted: 1, discarded: 0 }],
  discards: [],
  agentAccuracy: { confirmed: 6, corrected: 2, answered: 3, accuracy: 0.75 },
  rules: [{ rule: "default.high_value", ruleVersion: 2, produced: 4, accepted: 3, converted: 1, discarded: 1, flagged: 0, good: 3, bad: 1, precision: 0.75 }],
};

describe("metricsCsv", () => {
  it("a breakdown: the dimension, then every metric with raw values; labels from outside are neutralised", () => {
    const { fileName, csv } = metricsCsv("breakdown", dashboard, params);
    expect(fileName).toBe("baton-by-owner-2026-11-01-to-2026-11-07.csv");
    const [header, first] = csv.split("\r\n");
    expect(header).toBe("Owner,Handoffs created,Accepted,In follow-up,Discarded,Converted,Meetings booked,Acceptance rate,Conversion rate,Discard rate,Time to first action (median),Time to first action (p90),SLA breach rate,Poor-escalation rate,Converted value");
    expect(first).toBe(`"'=Rita, North",4,3,0,0,1,0,0.75,0.25,0,600,,0,0,1200.00 EUR; 80.50 USD`);
  });

  it("the summary, funnel, trend and rule tables", () => {
    expect(metricsCsv("summary", dashboard, params).csv.split("\r\n")[1]).toBe("Handoffs created,4,\"Packages the agent escalated to a person, created in the range.\"");
    expect(metricsCsv("funnel", dashboard, params).csv.split("\r\n").slice(1, 3)).toEqual(["Leads triaged,10,\"Every lead the agent triaged in the range, from any channel.\"", "Escalated,4,Leads the agent handed to a person."]);
    expect(metricsCsv("trend", dashboard, params).csv).toBe("day,created,accepted,converted,discarded\r\n2026-11-01,4,3,1,0\r\n");
    expect(metricsCsv("rules", dashboard, params).csv.split("\r\n")[1]).toBe("default.high_value,2,4,3,1,1,0,3,1,0.75");
    expect(metricsCsv("discards", dashboard, params).csv).toBe("discard reason,packages,share\r\n");
    expect(metricsCsv("summary", dashboard, params).csv.trimEnd().split("\r\n").at(-1)).toBe("Agent accuracy,0.75,\"Of the inferred facts people reviewed in the range, the share they confirmed rather than corrected.\"");
  });
});
