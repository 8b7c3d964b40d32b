import { describe, expect, it } from "vitest";
import {
  addHistograms,
  DURATION_BUCKET_GROWTH,
  durationBucket,
  emptyHistogram,
  histogramPercentile,
  withinHistogramError,
  type DurationHistogram,
} from "./duration-histogram";
import { seededRandom } from "./rollup-check";

// Postgres' percentile_cont over exact values: the reference the histogram is held to.
function exactPercentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = p * (sorted.length - 1);
  const lower = Math.floor(position);
  return sorted[lower]! + (position - lower) * (sorted[Math.ceil(position)]! - sorted[lower]!);
}

function histogramOf(values: number[]): DurationHistogram {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(durationBucket(v), (counts.get(durationBucket(v)) ?? 0) + 1);
  const buckets = [...counts.keys()].sort((a, b) => a - b);
  return { buckets, counts: buckets.map((b) => counts.get(b)!) };
}

// Durations as a sales floor produces them: some within seconds (the agent's booking link), most
// within the SLA of their priority (15 min, 4 h, 3 days), a tail of weeks.
function durations(n: number, next: () => number): number[] {
  return Array.from({ length: n }, () => {
    const r = next();
    if (r < 0.05) return next() * 3;
    if (r < 0.4) return 60 + next() * 1800;
    if (r < 0.8) return 1800 + next() * 4 * 3600 * 2;
    if (r < 0.97) return 86_400 * next() * 6;
    return 86_400 * (7 + next() * 60);
  });
}

describe("durationBucket", () => {
  it("puts under a second in bucket 0 and each power of the growth factor at its bucket's start", () => {
    expect(durationBucket(0)).toBe(0);
    expect(durationBucket(-5)).toBe(0);
    expect(durationBucket(0.999)).toBe(0);
    expect(durationBucket(1)).toBe(1);
    expect(durationBucket(1.0199)).toBe(1);
    expect(durationBucket(DURATION_BUCKET_GROWTH ** 10 * 1.0001)).toBe(11);
    expect(durationBucket(86_400)).toBe(1 + Math.floor(Math.log(86_400) / Math.log(DURATION_BUCKET_GROWTH)));
  });

  it("keeps everything from about a hundred years in the last bucket, and decades apart below it", () => {
    const year = 365.25 * 86_400;
    expect(durationBucket(year * 120)).toBe(1106);
    expect(durationBucket(year * 10_000)).toBe(1106);
    expect(durationBucket(year * 90)).toBeLessThan(1106);
    expect(durationBucket(year * 23)).toBeLessThan(durationBucket(year * 25));
  });
});

describe("histogramPercentile", () => {
  it("is null for no durations", () => {
    expect(histogramPercentile(emptyHistogram(), 0.5)).toBeNull();
  });

  it("gives the median and p90 of many ranges of durations within the buckets' 2%", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const next = seededRandom(seed);
      const values = durations(1 + Math.floor(next() * 400), next);
      const histogram = histogramOf(values);
      for (const p of [0.5, 0.9]) {
        const estimate = Math.round(histogramPercentile(histogram, p)!);
        const exact = Math.round(exactPercentile(values, p)!);
        expect(withinHistogramError(estimate, exact), `seed ${seed}, p${p * 100}: ${estimate} vs ${exact}`).toBe(true);
      }
    }
  });

  it("is exact to the interpolation for one duration and for two in one bucket", () => {
    expect(histogramPercentile(histogramOf([3600]), 0.5)).toBeCloseTo(3600, -2);
    const two = histogramOf([3600, 3601]);
    expect(histogramPercentile(two, 0)!).toBeLessThan(histogramPercentile(two, 1)!);
  });

  it("would notice a histogram two buckets off: the bound is tight enough to mean something", () => {
    const next = seededRandom(7);
    const values = durations(500, next).filter((v) => v > 600);
    const histogram = histogramOf(values);
    const shifted = { buckets: histogram.buckets.map((b) => b + 2), counts: histogram.counts };
    const exact = Math.round(exactPercentile(values, 0.5)!);
    expect(withinHistogramError(Math.round(histogramPercentile(shifted, 0.5)!), exact)).toBe(false);
  });
});

describe("addHistograms", () => {
  it("sums bucket by bucket and drops buckets that cancel out", () => {
    const a = { buckets: [0, 5, 9], counts: [1, 2, 3] };
    const b = { buckets: [5, 7, 9], counts: [1, 4, -3] };
    expect(addHistograms(a, b)).toEqual({ buckets: [0, 5, 7], counts: [1, 3, 4] });
  });
});

describe("withinHistogramError", () => {
  it("asks both or neither to be null", () => {
    expect(withinHistogramError(null, null)).toBe(true);
    expect(withinHistogramError(null, 10)).toBe(false);
    expect(withinHistogramError(10, null)).toBe(false);
  });
});
