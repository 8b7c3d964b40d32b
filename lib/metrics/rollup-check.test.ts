import { describe, expect, it } from "vitest";
import type { Dashboard } from "./dashboard";
import { deriveRates, emptyCounts } from "./metric-row";
import { diffDashboards, diffDurationHistograms, drawRollupSamples, seededRandom } from "./rollup-check";

const row = (created: number, extra: Partial<typeof emptyCounts> = {}) => deriveRates({ ...emptyCounts, created, ...extra });

function dashboard(): Dashboard {
  return {
    totals: row(3, {
      convertedValue: [
        { currency: "EUR", amount: 10 },
        { currency: "USD", amount: 10 },
      ],
    }),
    breakdown: [
      { key: "a", label: "Same", ...row(2) },
      { key: "b", label: "Same", ...row(2) },
    ],
    funnel: { triaged: 4, escalated: 3, accepted: 1, meeting: 0, converted: 1 },
    trend: [{ bucket: "2026-11-01", created: 3, accepted: 1, converted: 1, discarded: 0 }],
    discards: [],
    rules: [],
    agentAccuracy: { confirmed: 0, corrected: 0, answered: 0, accuracy: null },
  };
}

describe("diffDashboards", () => {
  it("finds no difference between equal dashboards, whatever the order of tied slices and currencies", () => {
    const other = dashboard();
    other.breakdown.reverse();
    other.totals.convertedValue.reverse();
    expect(diffDashboards(dashboard(), other)).toEqual([]);
  });

  it("names each figure that differs, and a slice only one side has", () => {
    const other = dashboard();
    other.totals.accepted = 1;
    other.breakdown[1]!.slaBreached = 1;
    other.breakdown.push({ key: "c", label: "Extra", ...row(1) });
    other.funnel.meeting = 1;
    expect(diffDashboards(dashboard(), other).map((d) => d.path)).toEqual([
      "totals.accepted",
      "breakdown[b].slaBreached",
      "breakdown[c]",
      "breakdown order",
      "funnel",
    ]);
  });
});

describe("diffDashboards on durations read off histograms", () => {
  it("lets a median be as far from the exact one as the histograms' 2%, and no further", () => {
    const exact = dashboard();
    exact.totals.firstActionMedianSeconds = 3600;
    exact.totals.firstHumanContactP90Seconds = null;
    const close = dashboard();
    close.totals.firstActionMedianSeconds = 3650;
    close.totals.firstHumanContactP90Seconds = null;
    expect(diffDashboards(close, exact)).toEqual([]);
    const far = dashboard();
    far.totals.firstActionMedianSeconds = 3700;
    far.totals.firstHumanContactP90Seconds = 10;
    expect(diffDashboards(far, exact).map((d) => d.path)).toEqual([
      "totals.firstActionMedianSeconds (beyond the histograms' 2%)",
      "totals.firstHumanContactP90Seconds (beyond the histograms' 2%)",
    ]);
  });
});

describe("diffDurationHistograms", () => {
  it("compares histograms bucket for bucket, per slice and duration", () => {
    const empty = { buckets: [], counts: [] };
    const a = new Map([["x", { firstAction: { buckets: [3, 4], counts: [1, 2] }, firstContact: empty }]]);
    const same = new Map([["x", { firstAction: { buckets: [3, 4], counts: [1, 2] }, firstContact: empty }]]);
    const other = new Map([
      ["x", { firstAction: { buckets: [3, 4], counts: [1, 3] }, firstContact: empty }],
      ["y", { firstAction: empty, firstContact: { buckets: [1], counts: [1] } }],
    ]);
    expect(diffDurationHistograms("owner", a, same)).toEqual([]);
    expect(diffDurationHistograms("owner", a, other).map((d) => d.path)).toEqual(["owner[x].firstAction histogram", "owner[y].firstContact histogram"]);
  });
});

describe("drawRollupSamples", () => {
  it("draws the same samples from the same seed, every range inside the span and not empty", () => {
    const span = { start: new Date("2026-01-01T00:00:00Z"), end: new Date("2026-03-01T00:00:00Z") };
    const a = drawRollupSamples({ count: 50, span, random: seededRandom(7) });
    expect(drawRollupSamples({ count: 50, span, random: seededRandom(7) })).toEqual(a);
    for (const sample of a) expect(sample.end.getTime()).toBeGreaterThan(sample.start.getTime());
    expect(a.filter((s) => s.start.getUTCHours() !== 0 || s.start.getUTCMinutes() !== 0).length).toBeGreaterThan(10);
  });
});
