import { describe, expect, it } from "vitest";
import { deriveRates, emptyCounts } from "./metric-row";
import { parseMetricsParams } from "./params";
import { composeWeeklySummary, summaryWeeks } from "./weekly-summary";

const { range } = parseMetricsParams({ from: "2026-11-16", to: "2026-11-22" }, new Date("2026-11-23T08:00:00Z")).params;
const totals = deriveRates({
  ...emptyCounts,
  created: 40,
  accepted: 30,
  converted: 8,
  meetings: 6,
  discarded: 5,
  actioned: 30,
  firstActionMedianSeconds: 720,
  firstActionP90Seconds: 7200,
  slaBreached: 4,
  poorEscalations: 2,
  convertedValue: [{ currency: "EUR", amount: 52000 }],
});
const previous = deriveRates({ ...emptyCounts, created: 32, converted: 8 });
const rule = (id: string, produced: number, precision: number) => ({
  rule: id,
  ruleVersion: 3,
  produced,
  accepted: 0,
  converted: 0,
  discarded: 0,
  flagged: 0,
  good: 0,
  bad: 0,
  precision,
});

describe("composeWeeklySummary", () => {
  const email = composeWeeklySummary({
    range,
    totals,
    previous,
    funnel: { triaged: 90, escalated: 40, accepted: 30, meeting: 6, converted: 8 },
    rules: [
      rule("default.escalate:volume.budget", 12, 0.25),
      rule("default.escalate:risk.complaint", 3, 0),
      rule("default.escalate:volume.employees", 20, 0.9),
      rule("<script>x</script>", 6, 0.4),
    ],
    dashboardUrl: "https://baton.example/metrics?from=2026-11-16&to=2026-11-22",
  });

  it("says the week, the headline figures against the week before, and the funnel", () => {
    expect(email.subject).toBe("Baton weekly: 40 handoffs, 8 converted (2026-11-16 to 2026-11-22)");
    expect(email.text).toContain("Handoffs created: 40 (+25% on the week before)");
    expect(email.text).toContain("Converted: 8 (20%) (same as the week before)");
    expect(email.text).toContain("Time to first action: median 12 min, p90 2 h");
    expect(email.text).toContain("SLA breach rate: 10%");
    expect(email.text).toContain("Funnel: 90 triaged → 40 escalated → 30 accepted → 6 with a meeting → 8 converted");
    expect(email.text).toContain("Open the dashboard: https://baton.example/metrics?from=2026-11-16&to=2026-11-22");
  });

  it("lists the weakest rules with enough packages to judge, worst first", () => {
    const listed = email.text.split("\n").filter((line) => line.startsWith("- "));
    expect(listed).toEqual([
      "- default.escalate:volume.budget (v3): 25% precision over 12 packages",
      "- <script>x</script> (v3): 40% precision over 6 packages",
    ]);
  });

  it("escapes everything in the HTML", () => {
    expect(email.html).toContain("&lt;script&gt;x&lt;/script&gt;");
    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain('href="https://baton.example/metrics?from=2026-11-16&amp;to=2026-11-22"');
  });
});

describe("summaryWeeks", () => {
  it("covers the last whole ISO week before now, and the week before it", () => {
    // Monday morning, Sunday night and mid-week all point at the last complete Monday-to-Sunday.
    for (const now of ["2026-11-23T07:00:00Z", "2026-11-29T23:59:00Z", "2026-11-25T12:00:00Z"]) {
      const { week, previous } = summaryWeeks(new Date(now));
      expect([week.from, week.to, previous.from, previous.to]).toEqual(["2026-11-16", "2026-11-22", "2026-11-09", "2026-11-15"]);
    }
  });

  it("or the week it is asked for", () => {
    expect(summaryWeeks(new Date("2026-11-25T12:00:00Z"), "2026-11-02").week).toMatchObject({ from: "2026-11-02", to: "2026-11-08", days: 7 });
  });
});
