import { describe, expect, it } from "vitest";
import type { Dashboard } from "./dashboard";
import { metricsCsv } from "./export";
import { deriveRates, emptyCounts } from "./metric-row";
import { parseMetricsParams } from "./params";

const { params } = parseMetricsParams({ from: "2026-11-01", to: "2026-11-07", by: "owner" }, new Date("2026-11-25T00:00:00Z"));
const row = deriveRates({
  ...emptyCounts,
  created: 4,
  accepted: 3,
  converted: 1,
  firstActionMedianSeconds: 600,
  convertedValue: [
    { currency: "EUR", amount: 1200 },
    { currency: "USD", amount: 80.5 },
  ],
});
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
  it("a breakdown: what the screen shows, units in the headers, and raw columns beside rounded or worded figures", () => {
    const { fileName, csv } = metricsCsv(
      "breakdown",
      { ...dashboard, breakdown: [...dashboard.breakdown, { ...deriveRates({ ...emptyCounts, created: 3, accepted: 1 }), key: "u2", label: "Sam" }] },
      params,
    );
    expect(fileName).toBe("baton-by-owner-2026-11-01-to-2026-11-07.csv");
    const [header, first, second] = csv.split("\r\n");
    expect(header).toBe(
      "Owner,Handoffs created,Accepted,In follow-up,Discarded,Converted,Meetings booked," +
        "Acceptance rate (%),Acceptance rate (fraction),Conversion rate (%),Conversion rate (fraction),Discard rate (%),Discard rate (fraction)," +
        "Time to first action (median),Time to first action (median) (seconds),Time to first action (p90),Time to first action (p90) (seconds)," +
        "Time to first human contact (median),Time to first human contact (median) (seconds),Time to first human contact (p90),Time to first human contact (p90) (seconds)," +
        "SLA breach rate (%),SLA breach rate (fraction),Poor-escalation rate (%),Poor-escalation rate (fraction)," +
        "Converted value,Converted value (EUR),Converted value (USD)",
    );
    expect(first).toBe(
      `"'=Rita, North",4,3,0,0,1,0,75,0.75,25,0.25,0,0,10 min,600,—,,—,,—,,0,0,0,0,€1,200 · $81,1200.00,80.50`.replace("€1,200 · $81", '"€1,200 · $81"'),
    );
    // A third rounds on screen; the fraction keeps it whole.
    expect(second).toBe("Sam,3,1,0,0,0,0,33,0.3333333333333333,0,0,0,0,—,,—,,—,,—,,0,0,0,0,—,0.00,0.00");
  });

  it("the summary, funnel, trend and rule tables", () => {
    const summary = metricsCsv("summary", dashboard, params).csv.split("\r\n");
    expect(summary[0]).toBe("metric,shown,value,unit,definition");
    expect(summary[1]).toBe('Handoffs created,4,4,packages,"Packages the agent escalated to a person, created in the range."');
    expect(summary.find((line) => line.startsWith("Acceptance rate"))).toBe("Acceptance rate,75%,0.75,fraction,Accepted ÷ handoffs created.");
    expect(summary.find((line) => line.startsWith("Time to first action (median)"))).toMatch(/^Time to first action \(median\),10 min,600,seconds,/);
    expect(summary.filter((line) => line.startsWith("Converted value"))).toEqual([
      'Converted value (EUR),"€1,200",1200.00,EUR,"Sum of the values recorded when converting, per currency."',
      'Converted value (USD),$81,80.50,USD,"Sum of the values recorded when converting, per currency."',
    ]);
    expect(metricsCsv("funnel", dashboard, params).csv.split("\r\n").slice(1, 3)).toEqual([
      'Leads triaged,10,"Every lead the agent triaged in the range, from any channel."',
      "Escalated,4,Leads the agent handed to a person.",
    ]);
    expect(metricsCsv("trend", dashboard, params).csv).toBe("day,created,accepted,converted,discarded\r\n2026-11-01,4,3,1,0\r\n");
    expect(metricsCsv("rules", dashboard, params).csv.split("\r\n")[1]).toBe("default.high_value,2,4,3,1,1,0,3,1,75,0.75");
    expect(metricsCsv("discards", { ...dashboard, discards: [{ reason: "No budget", count: 1, share: 0.045 }] } as Dashboard, params).csv).toBe(
      "discard reason,packages,share (%),share (fraction)\r\nNo budget,1,4.5,0.045\r\n",
    );
    expect(metricsCsv("summary", dashboard, params).csv.trimEnd().split("\r\n").at(-1)).toBe(
      'Agent accuracy,75%,0.75,fraction,"Of the inferred facts people reviewed in the range, the share they confirmed rather than corrected."',
    );
  });
});
