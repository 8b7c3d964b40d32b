import { loadDashboard, metricDurationHistograms } from "@/db/queries/metrics";
import { loadDashboardFromRawRows, rawDurationHistograms } from "@/db/queries/metrics-raw";
import { withinHistogramError, type SliceDurations } from "./duration-histogram";
import type { Dashboard } from "./dashboard";
import type { MetricRow } from "./metric-row";
import { breakdowns, toDay, trendSteps, type Breakdown, type MetricsRange, type TrendStep } from "./params";

const DAY_MS = 86_400_000;

export type RollupSample = { start: Date; end: Date; by: Breakdown; every: TrendStep };
export type RollupDifference = { sample: RollupSample; path: string; rollups: unknown; raw: unknown };

/**
 * Where two dashboards differ, as paths ("breakdown[owner=u1].accepted") with both values. Rows
 * of a table are matched by their key; the order of the breakdown is compared on what decides it
 * (created, then label), since two slices with the same created and label may come in either order.
 * A median or p90 read off the histograms differs when it is further from the exact one than the
 * histograms' 2% (the histograms themselves are compared bucket for bucket: diffDurationHistograms).
 */
export function diffDashboards(rollups: Dashboard, raw: Dashboard): { path: string; rollups: unknown; raw: unknown }[] {
  const differences: { path: string; rollups: unknown; raw: unknown }[] = [];
  const compare = (path: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) differences.push({ path, rollups: a, raw: b });
  };
  compareRow("totals", rollups.totals, raw.totals, compare);
  compareKeyed(
    "breakdown",
    rollups.breakdown,
    raw.breakdown,
    (row) => String(row.key),
    (path, a, b) => {
      compare(`${path}.label`, a.label, b.label);
      compareRow(path, a, b, compare);
    },
    compare,
  );
  compare(
    "breakdown order",
    rollups.breakdown.map((row) => [row.created, row.label]),
    raw.breakdown.map((row) => [row.created, row.label]),
  );
  compare("funnel", rollups.funnel, raw.funnel);
  compare("trend", rollups.trend, raw.trend);
  compare("discards", rollups.discards, raw.discards);
  compareKeyed(
    "rules",
    rollups.rules,
    raw.rules,
    (row) => `${row.rule}@${row.ruleVersion}`,
    (path, a, b) => compare(path, a, b),
    compare,
  );
  compare(
    "rules order",
    rollups.rules.map((row) => [row.produced, row.rule, row.ruleVersion]),
    raw.rules.map((row) => [row.produced, row.rule, row.ruleVersion]),
  );
  compare("agentAccuracy", rollups.agentAccuracy, raw.agentAccuracy);
  return differences;
}

type Compare = (path: string, a: unknown, b: unknown) => void;

// Converted value per currency: currencies with equal sums come in either order.
function compareRow(path: string, a: MetricRow, b: MetricRow, compare: Compare) {
  for (const key of Object.keys(b) as (keyof MetricRow)[]) {
    if (key === "convertedValue") {
      const sorted = (row: MetricRow) => [...row.convertedValue].sort((x, y) => (x.currency < y.currency ? -1 : 1));
      compare(`${path}.convertedValue`, sorted(a), sorted(b));
    } else if (key in DURATIONS) {
      const estimate = a[key] as number | null;
      const exact = b[key] as number | null;
      if (!withinHistogramError(estimate, exact)) compare(`${path}.${key} (beyond the histograms' 2%)`, estimate, exact);
    } else if (!(key in BREAKDOWN_ONLY)) compare(`${path}.${key}`, a[key], b[key]);
  }
}
const BREAKDOWN_ONLY = { key: true, label: true };
const DURATIONS = { firstActionMedianSeconds: true, firstActionP90Seconds: true, firstHumanContactMedianSeconds: true, firstHumanContactP90Seconds: true };

/** Where the duration histograms of two reads differ, slice by slice and bucket by bucket. */
export function diffDurationHistograms(name: string, rollups: Map<string | null, SliceDurations>, raw: Map<string | null, SliceDurations>) {
  const differences: { path: string; rollups: unknown; raw: unknown }[] = [];
  for (const key of new Set([...rollups.keys(), ...raw.keys()])) {
    for (const kind of ["firstAction", "firstContact"] as const) {
      const a = rollups.get(key)?.[kind] ?? { buckets: [], counts: [] };
      const b = raw.get(key)?.[kind] ?? { buckets: [], counts: [] };
      if (JSON.stringify(a) !== JSON.stringify(b)) differences.push({ path: `${name}[${String(key)}].${kind} histogram`, rollups: a, raw: b });
    }
  }
  return differences;
}

function compareKeyed<T>(name: string, a: T[], b: T[], keyOf: (row: T) => string, each: (path: string, a: T, b: T) => void, compare: Compare) {
  const left = new Map(a.map((row) => [keyOf(row), row]));
  const right = new Map(b.map((row) => [keyOf(row), row]));
  for (const [key, row] of right) {
    const other = left.get(key);
    if (other === undefined) compare(`${name}[${key}]`, undefined, row);
    else each(`${name}[${key}]`, other, row);
  }
  for (const [key, row] of left) if (!right.has(key)) compare(`${name}[${key}]`, row, undefined);
}

/**
 * Ranges and breakdowns to check, drawn inside `span`: half of them whole UTC days (what the
 * dashboard asks for), half from any instant to any instant, so partial first and last days and
 * ranges inside one day are read from the raw rows beside the rollups.
 */
export function drawRollupSamples(options: { count: number; span: { start: Date; end: Date }; random: () => number }): RollupSample[] {
  const { random } = options;
  const first = options.span.start.getTime();
  const last = options.span.end.getTime();
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: options.count }, (_, i) => {
    let a = first + random() * (last - first);
    let b = first + random() * (last - first);
    if (a > b) [a, b] = [b, a];
    if (i % 2 === 0) {
      a = Math.floor(a / DAY_MS) * DAY_MS;
      b = Math.ceil(b / DAY_MS) * DAY_MS + (b % DAY_MS === 0 ? DAY_MS : 0);
    }
    return { start: new Date(a), end: new Date(b), by: pick(breakdowns), every: pick(trendSteps) };
  });
}

function rangeOf(sample: RollupSample): MetricsRange {
  const days = Math.max(1, Math.ceil((sample.end.getTime() - sample.start.getTime()) / DAY_MS));
  return { from: toDay(sample.start), to: toDay(new Date(sample.end.getTime() - 1)), start: sample.start, end: sample.end, days };
}

/**
 * The correctness check of the rollups: each sample's dashboard read from the rollups and from the
 * raw rows alone, at the same `now`, and every difference between them (none when the triggers and
 * the back-fill are right). Samples run one after the other, so both reads see the same data when
 * nothing else writes.
 */
export async function checkMetricsRollups(options: { samples: RollupSample[]; now: Date }): Promise<{ checked: number; differences: RollupDifference[] }> {
  const differences: RollupDifference[] = [];
  for (const sample of options.samples) {
    const params = { range: rangeOf(sample), by: sample.by, every: sample.every, now: options.now };
    const [rollups, raw] = await Promise.all([loadDashboard(params), loadDashboardFromRawRows(params)]);
    for (const difference of diffDashboards(rollups, raw)) differences.push({ sample, ...difference });
    for (const by of [null, sample.by]) {
      const [fromRollups, fromRaw] = await Promise.all([
        metricDurationHistograms({ range: params.range, by }),
        rawDurationHistograms({ range: params.range, by }),
      ]);
      for (const difference of diffDurationHistograms(by ?? "all", fromRollups, fromRaw)) differences.push({ sample, ...difference });
    }
  }
  return { checked: options.samples.length, differences };
}

/** A repeatable random source (mulberry32), so a failing sample can be drawn again from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
