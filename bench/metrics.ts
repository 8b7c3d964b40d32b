import postgres from "postgres";
import { breakdowns, parseMetricsParams, type Breakdown } from "@/lib/metrics/params";
import type { BenchModule, Measurement } from "./bench-module";
import { countColumnDrift, ensureEvents } from "./generate-events";
import { ensureHandoffs } from "./generate-handoffs";
import { measureLatency, summarise } from "./latency";

const WARMUP = 10;
// Issue 29's budget: the dashboard's queries together, at 1M handoffs and 5M events, for a month, a quarter and a year.
const DASHBOARD_BUDGET = { kind: "p95_below_ms", ms: 300 } as const;
// Each sample reads the dashboard twice, once from the raw rows alone (seconds for a year): a few dozen.
const ROLLUP_CHECK_SAMPLES = 24;

/**
 * /metrics at scale: every read the page makes (loadDashboard and meetingMetrics, in parallel as the page runs them)
 * over the last 30, 90 and 365 days, with a breakdown drawn at random per run, each held to the
 * budget. The dataset ends "now", so the last 30 days hold ~1/12 of the packages. Then the
 * rollups' correctness check: random ranges (whole days and partial ones) and breakdowns read from
 * the rollups and from the raw rows alone, which must not differ.
 */
export const metricsBench: BenchModule = {
  name: "metrics",
  async run({ database, rows, runs, log }) {
    const dataset = await ensureHandoffs({ database, rows, log });
    const events = await ensureEvents({ url: database.url, handoffs: rows, log });
    const drift = await countColumnDrift(database.url);
    const { loadDashboard } = await import("@/db/queries/metrics");
    const { meetingMetrics } = await import("@/db/queries/meetings");
    const [end] = await latestDay(database.url);

    const measurements: Measurement[] = [];
    const perRange = { 30: Math.min(runs, 200), 90: Math.min(runs, 50), 365: Math.min(runs, 20) } as const;
    for (const days of [30, 90, 365] as const) {
      const from = new Date(Date.parse(`${end}T00:00:00Z`) - (days - 1) * 86_400_000).toISOString().slice(0, 10);
      const { params, problems } = parseMetricsParams({ from, to: end }, new Date(`${end}T12:00:00Z`));
      if (problems.length > 0) throw new Error(problems.join(" "));
      log(`metrics: dashboard, last ${days} days (${WARMUP} warm-up + ${perRange[days]} runs)`);
      const samples = await measureLatency({
        runs: perRange[days],
        warmup: WARMUP,
        draw: () => breakdowns[Math.floor(Math.random() * breakdowns.length)] as Breakdown,
        // As the page reads them: the dashboard and the meetings card side by side.
        operation: (by) =>
          Promise.all([loadDashboard({ range: params.range, every: params.every, by, now: new Date() }), meetingMetrics({ range: params.range, by: "owner" })]),
      });
      measurements.push({
        bench: "metrics",
        scenario: `/metrics' queries together (dashboard and meetings), last ${days} days, random breakdown`,
        ...summarise(samples),
        budget: DASHBOARD_BUDGET,
      });
    }
    log(`metrics: rollups against the raw rows, ${ROLLUP_CHECK_SAMPLES} random ranges and breakdowns`);
    const { checkMetricsRollups, drawRollupSamples, seededRandom } = await import("@/lib/metrics/rollup-check");
    const yearEnd = new Date(Date.parse(`${end}T00:00:00Z`) + 86_400_000);
    const samples = drawRollupSamples({
      count: ROLLUP_CHECK_SAMPLES,
      span: { start: new Date(yearEnd.getTime() - 366 * 86_400_000), end: yearEnd },
      random: seededRandom(Date.now()),
    });
    const check = await checkMetricsRollups({ samples, now: new Date() });
    for (const difference of check.differences.slice(0, 10)) log(`metrics: rollup difference ${JSON.stringify(difference)}`);
    measurements.push({
      bench: "metrics",
      scenario: `rollups vs raw rows: differences over ${check.checked} random ranges and breakdowns`,
      runs: check.checked,
      value: { amount: check.differences.length, unit: "differences" },
      budget: { kind: "at_most", unit: "differences", value: 0 },
    });
    measurements.push({
      bench: "metrics",
      scenario: "first-action/flag columns disagreeing with the timeline (1% sample)",
      runs: 1,
      value: { amount: drift, unit: "packages" },
      budget: { kind: "at_most", unit: "packages", value: 0 },
    });
    return {
      measurements,
      details: { handoffs: dataset.rows, events: events.events, eventsReused: events.reused, eventGenerationSeconds: Math.round(events.seconds * 10) / 10 },
    };
  },
};

async function latestDay(url: string): Promise<[string]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ day: string }[]>`select to_char(max(created_at) at time zone 'UTC', 'YYYY-MM-DD') as day from handoffs`;
    return [row!.day];
  } finally {
    await sql.end({ timeout: 5 });
  }
}
