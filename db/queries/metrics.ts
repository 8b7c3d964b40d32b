import { sql as dsql, type SQL } from "drizzle-orm";
import { db } from "@/db";
import type { BreakdownRow, Dashboard, DiscardReasonRow, FunnelCounts, RuleQualityRow, TrendPoint } from "@/lib/metrics/dashboard";
import { deriveRates, emptyCounts, type MetricCounts, type MetricRow } from "@/lib/metrics/metric-row";
import type { Breakdown, MetricsRange, TrendStep } from "@/lib/metrics/params";
import {
  collectSliceDurations,
  histogramPercentile,
  type DurationHistogram,
  type DurationHistogramRecord,
  type SliceDurations,
} from "@/lib/metrics/duration-histogram";
import { planRollupRead, type RollupPlan } from "@/lib/metrics/rollup-range";
import { agentAccuracy, dimensions, durationBuckets, hasMeeting } from "./metrics-raw";

export { agentAccuracy } from "./metrics-raw";

/*
 * The manager dashboard's reads, from the daily rollups (migration 0030, kept exact by triggers)
 * for the whole UTC days of the range and from the raw rows for a partial first and last day.
 * Every count equals what db/queries/metrics-raw.ts computes from the raw rows alone, which
 * lib/metrics/rollup-check.ts verifies. Two figures are read differently:
 * - the medians and p90s of time to first action and first human contact are read off log
 *   histograms (migration 0031, cumulative per day, so any range is two rows per slice): within 2%
 *   of the exact percentiles, which would need every duration of the range (a year: a million);
 *   the histograms themselves equal the raw rows' bucket for bucket;
 * - whether a package not acted on is overdue depends on "now": the rollups count those with a due
 *   time, and the reader takes off the few whose SLA is still running (handoffs_metrics_open_due_idx).
 */

type Counted = {
  key: string | null;
  created: number;
  accepted: number;
  in_follow_up: number;
  discarded: number;
  converted: number;
  meetings: number;
  actioned: number;
  sla_breached: number;
  poor_escalations: number;
};

type Percentiles = {
  first_action_median: number | string | null;
  first_action_p90: number | string | null;
  first_contact_median: number | string | null;
  first_contact_p90: number | string | null;
};

const ts = (date: Date) => dsql`${date.toISOString()}::timestamptz`;

// Packages created in the raw parts of a plan (the partial days), with or without the escalated-only filter.
function inRawParts(plan: RollupPlan, escalatedOnly = true): SQL {
  if (plan.raw.length === 0) return dsql`false`;
  const parts = dsql.join(
    plan.raw.map((part) => dsql`(h.created_at >= ${ts(part.start)} and h.created_at < ${ts(part.end)})`),
    dsql` or `,
  );
  return escalatedOnly ? dsql`h.priority is not null and (${parts})` : dsql`(${parts})`;
}

function inRollupDays(plan: RollupPlan, alias = "r"): SQL {
  if (!plan.days) return dsql`false`;
  return dsql`${dsql.raw(alias)}.day >= ${plan.days.from}::date and ${dsql.raw(alias)}.day < ${plan.days.to}::date`;
}

// The whole days' packages, from the raw rows: only for the "still due" correction, which is few rows.
function inWholeDays(plan: RollupPlan): SQL {
  if (!plan.days) return dsql`false`;
  return dsql`h.created_at >= ${plan.days.from}::date::timestamp at time zone 'UTC' and h.created_at < ${plan.days.to}::date::timestamp at time zone 'UTC'`;
}

type Slice = { dimension: string; from: SQL; key: SQL };
const allSlice: Slice = { dimension: "all", from: dsql``, key: dsql`null::text` };
const sliceOf = (by: Breakdown): Slice => ({ dimension: by, from: dimensions[by].from, key: dimensions[by].key });

// The additive figures per slice key: rollup days, raw partial days, and the open packages of the
// whole days still inside their SLA at `now` (counted by the rollups as possibly overdue).
async function countedBySlice(plan: RollupPlan, slice: Slice, now: Date): Promise<Counted[]> {
  return db.execute<Counted>(dsql`
    select key, sum(created)::int as created, sum(accepted)::int as accepted, sum(in_follow_up)::int as in_follow_up,
           sum(discarded)::int as discarded, sum(converted)::int as converted, sum(meetings)::int as meetings,
           sum(actioned)::int as actioned, sum(sla_breached)::int as sla_breached, sum(poor_escalations)::int as poor_escalations
    from (
      select r.key, r.created, r.accepted, r.in_follow_up, r.discarded, r.converted, r.meetings, r.actioned,
             r.sla_breached_actioned + r.open_with_due as sla_breached, r.poor_escalations
      from metrics_daily r
      where r.dimension = ${slice.dimension} and ${inRollupDays(plan)}
      union all
      select ${slice.key}, 1, (h.accepted_at is not null)::int, (h.status = 'in_follow_up')::int, (h.status = 'discarded')::int,
             (h.status = 'converted')::int, ${hasMeeting}::int, (h.first_action_at is not null)::int,
             (coalesce(h.first_action_at, ${ts(now)}) > h.sla_due_at)::int, (h.poor_escalation_at is not null)::int
      from handoffs h ${slice.from}
      where ${inRawParts(plan)}
      union all
      select ${slice.key}, 0, 0, 0, 0, 0, 0, 0, -1, 0
      from handoffs h ${slice.from}
      where h.first_action_at is null and h.priority is not null and h.sla_due_at >= ${ts(now)} and ${inWholeDays(plan)}
    ) x
    group by key`);
}

// The durations' histograms per slice key: for the whole days, the difference of each series'
// cumulative rows at the range's end and start (two rows per slice, whatever the range's length);
// for the partial days, the raw rows bucketed the same way. Keys as the counts have them ('' is null).
async function durationHistograms(plan: RollupPlan, slice: Slice): Promise<Map<string | null, SliceDurations>> {
  const [whole, partial] = await Promise.all([
    plan.days
      ? db.execute<DurationHistogramRecord>(dsql`
          select nullif(s.key, '') as key, s.kind, d.buckets, d.counts
          from (select distinct p.kind, p.key from metrics_duration_prefix p where p.dimension = ${slice.dimension} and p.day < ${plan.days.to}::date) s
          cross join lateral (
            select p.counts from metrics_duration_prefix p
            where p.dimension = ${slice.dimension} and p.kind = s.kind and p.key = s.key and p.day < ${plan.days.to}::date
            order by p.day desc limit 1) hi
          left join lateral (
            select p.counts from metrics_duration_prefix p
            where p.dimension = ${slice.dimension} and p.kind = s.kind and p.key = s.key and p.day < ${plan.days.from}::date
            order by p.day desc limit 1) lo on true
          cross join lateral (
            select array_agg((u.i - 1)::int order by u.i) as buckets, array_agg((u.h - coalesce(u.l, 0))::int order by u.i) as counts
            from unnest(hi.counts, lo.counts) with ordinality as u(h, l, i)
            where u.h - coalesce(u.l, 0) <> 0) d
          where d.buckets is not null`)
      : Promise.resolve([]),
    plan.raw.length > 0 ? durationBuckets(inRawParts(plan), slice) : Promise.resolve([]),
  ]);
  return collectSliceDurations([...whole, ...partial]);
}

/** The range's duration histograms per slice ("all" without `by`), as the dashboard reads them: for the rollups' check. */
export function metricDurationHistograms(options: { range: MetricsRange; by: Breakdown | null }) {
  return durationHistograms(planRollupRead(options.range), options.by ? sliceOf(options.by) : allSlice);
}

// Percentiles read off a slice's histograms (within 2% of the exact ones: lib/metrics/duration-histogram.ts).
function percentilesOf(durations: SliceDurations | undefined): Percentiles {
  const seconds = (histogram: DurationHistogram | undefined, p: number) => (histogram ? histogramPercentile(histogram, p) : null);
  return {
    first_action_median: seconds(durations?.firstAction, 0.5),
    first_action_p90: seconds(durations?.firstAction, 0.9),
    first_contact_median: seconds(durations?.firstContact, 0.5),
    first_contact_p90: seconds(durations?.firstContact, 0.9),
  };
}

// Converted value per slice and currency: rollup days and raw partial days.
async function convertedValues(plan: RollupPlan, slice: Slice) {
  const rows = await db.execute<{ key: string | null; currency: string; amount: string }>(dsql`
    select key, currency, sum(amount)::text as amount
    from (
      select r.key, r.currency, r.amount, r.packages from metrics_daily_values r
      where r.dimension = ${slice.dimension} and ${inRollupDays(plan)}
      union all
      select ${slice.key}, h.value_currency, h.value_amount, 1
      from handoffs h ${slice.from}
      where ${inRawParts(plan)} and h.status = 'converted' and h.value_amount is not null and h.value_currency is not null
    ) x
    group by 1, 2
    having sum(packages) > 0
    order by sum(amount) desc`);
  const byKey = new Map<string | null, { currency: string; amount: number }[]>();
  for (const row of rows) {
    const list = byKey.get(row.key) ?? [];
    list.push({ currency: row.currency, amount: Number(row.amount) });
    byKey.set(row.key, list);
  }
  return byKey;
}

function toCounts(counted: Counted, percentiles: Percentiles | undefined, value: MetricCounts["convertedValue"]): MetricCounts {
  const seconds = (v: number | string | null | undefined) => (v === null || v === undefined ? null : Math.round(Number(v)));
  return {
    created: counted.created,
    accepted: counted.accepted,
    inFollowUp: counted.in_follow_up,
    discarded: counted.discarded,
    converted: counted.converted,
    meetings: counted.meetings,
    actioned: counted.actioned,
    firstActionMedianSeconds: seconds(percentiles?.first_action_median),
    firstActionP90Seconds: seconds(percentiles?.first_action_p90),
    firstHumanContactMedianSeconds: seconds(percentiles?.first_contact_median),
    firstHumanContactP90Seconds: seconds(percentiles?.first_contact_p90),
    slaBreached: counted.sla_breached,
    poorEscalations: counted.poor_escalations,
    convertedValue: value,
  };
}

/** The whole range's figures. */
export async function metricTotals(options: { range: MetricsRange; now: Date }): Promise<MetricRow> {
  const plan = planRollupRead(options.range);
  const [counted, durations, values] = await Promise.all([
    countedBySlice(plan, allSlice, options.now),
    durationHistograms(plan, allSlice),
    convertedValues(plan, allSlice),
  ]);
  const row = counted[0];
  if (!row || row.created === 0) return deriveRates(emptyCounts);
  return deriveRates(toCounts(row, percentilesOf(durations.get(null)), values.get(null) ?? []));
}

// A slice's label from its key, as the raw query's join gives it.
const labels: Record<Breakdown, (key: SQL) => SQL> = {
  priority: (key) => key,
  reason: (key) => key,
  channel: (key) => key,
  campaign: (key) => dsql`coalesce(${key}, 'No campaign')`,
  intent: (key) => key,
  owner: (key) => dsql`coalesce((select coalesce(u.name, u.email) from users u where u.id = ${key}), 'Unassigned')`,
  team: (key) => dsql`coalesce((select t.name from teams t where t.id = ${key}::uuid), 'No team')`,
  rule_version: (key) => dsql`'Version ' || ${key}`,
};

/**
 * The range's figures per slice of one dimension, largest first. A package with two reasons
 * counts once under each: the reason table answers "how do packages with this reason do".
 */
export async function metricBreakdown(options: { range: MetricsRange; by: Breakdown; now: Date }): Promise<BreakdownRow[]> {
  const plan = planRollupRead(options.range);
  const slice = sliceOf(options.by);
  const [counted, durations, values] = await Promise.all([
    countedBySlice(plan, slice, options.now),
    durationHistograms(plan, slice),
    convertedValues(plan, slice),
  ]);
  const present = counted.filter((row) => row.created > 0);
  if (present.length === 0) return [];
  // Labels and order as the raw query gives them: `order by created desc, label` in the database's collation.
  const slices = JSON.stringify(present.map((row) => ({ key: row.key, created: row.created })));
  const ordered = await db.execute<{ key: string | null; label: string }>(dsql`
    select k.key, ${labels[options.by](dsql`k.key`)} as label
    from jsonb_to_recordset(${slices}::jsonb) as k(key text, created int)
    order by k.created desc, label`);
  const countedOf = new Map(present.map((row) => [row.key, row]));
  return ordered.map(({ key, label }) => ({
    key,
    label,
    ...deriveRates(toCounts(countedOf.get(key)!, percentilesOf(durations.get(key)), values.get(key) ?? [])),
  }));
}

/**
 * The seed's funnel over the range: every lead the agent triaged, then those escalated, accepted,
 * with a meeting, converted. Each later step is a subset of the one before it.
 */
export async function metricFunnel(options: { range: MetricsRange }): Promise<FunnelCounts> {
  const plan = planRollupRead(options.range);
  const [row] = await db.execute<FunnelCounts>(dsql`
    select coalesce(sum(created), 0)::int as triaged,
           coalesce(sum(created) filter (where escalated), 0)::int as escalated,
           coalesce(sum(accepted) filter (where escalated), 0)::int as accepted,
           coalesce(sum(meetings) filter (where escalated), 0)::int as meeting,
           coalesce(sum(converted) filter (where escalated), 0)::int as converted
    from (
      select r.dimension = 'all' as escalated, r.created, r.accepted, r.meetings, r.converted
      from metrics_daily r
      where r.dimension in ('all', 'not_escalated') and ${inRollupDays(plan)}
      union all
      select h.priority is not null, 1, (h.accepted_at is not null)::int, ${hasMeeting}::int, (h.status = 'converted')::int
      from handoffs h
      where ${inRawParts(plan, false)}
    ) x`);
  return row ?? { triaged: 0, escalated: 0, accepted: 0, meeting: 0, converted: 0 };
}

/** Packages per day or ISO week (UTC), every bucket of the range present, empty ones as zero. */
export async function metricTrend(options: { range: MetricsRange; every: TrendStep }): Promise<TrendPoint[]> {
  const plan = planRollupRead(options.range);
  const step = options.every === "week" ? dsql`'week'` : dsql`'day'`;
  const interval = options.every === "week" ? dsql`interval '1 week'` : dsql`interval '1 day'`;
  const rows = await db.execute<{ bucket: string; created: number; accepted: number; converted: number; discarded: number }>(dsql`
    with buckets as (
      select generate_series(
        date_trunc(${step}, ${ts(options.range.start)} at time zone 'UTC'),
        date_trunc(${step}, (${ts(options.range.end)} - interval '1 millisecond') at time zone 'UTC'),
        ${interval}) as bucket
    ),
    counted as (
      select bucket, sum(created)::int as created, sum(accepted)::int as accepted, sum(converted)::int as converted, sum(discarded)::int as discarded
      from (
        select date_trunc(${step}, r.day::timestamp) as bucket, r.created, r.accepted, r.converted, r.discarded
        from metrics_daily r
        where r.dimension = 'all' and ${inRollupDays(plan)}
        union all
        select date_trunc(${step}, h.created_at at time zone 'UTC'), 1, (h.accepted_at is not null)::int, (h.status = 'converted')::int,
               (h.status = 'discarded')::int
        from handoffs h
        where ${inRawParts(plan)}
      ) x
      group by 1
    )
    select to_char(b.bucket, 'YYYY-MM-DD') as bucket,
           coalesce(c.created, 0) as created, coalesce(c.accepted, 0) as accepted,
           coalesce(c.converted, 0) as converted, coalesce(c.discarded, 0) as discarded
    from buckets b left join counted c using (bucket)
    order by b.bucket`);
  return rows.map((row) => ({ ...row }));
}

/** Why packages created in the range were discarded, most common first. */
export async function discardReasons(options: { range: MetricsRange }): Promise<DiscardReasonRow[]> {
  const plan = planRollupRead(options.range);
  const rows = await db.execute<{ reason: string; count: number }>(dsql`
    select reason, sum(n)::int as count
    from (
      select r.key as reason, r.created as n from metrics_daily r
      where r.dimension = 'discard_reason' and ${inRollupDays(plan)}
      union all
      select coalesce(h.discard_reason, 'other'), 1 from handoffs h
      where ${inRawParts(plan)} and h.status = 'discarded'
    ) x
    group by 1
    having sum(n) > 0
    order by 2 desc, 1`);
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  return rows.map((row) => ({ reason: row.reason, count: row.count, share: row.count / total }));
}

/**
 * Escalation quality per fired rule and version: how many packages each rule produced, and how
 * many were worth a person's time (accepted or converted) against those that were not (discarded,
 * or flagged as a poor escalation naming this rule). Precision = good ÷ (good + bad). A package's
 * reasons name `rule:signal` (`default.escalate:risk.pricing`); `byRuleId` groups by the rule alone
 * (the rules editor's rows), counting a package once however many of that rule's signals fired.
 */
export async function ruleQuality(options: { range: MetricsRange; byRuleId?: boolean }): Promise<RuleQualityRow[]> {
  const plan = planRollupRead(options.range);
  const byRuleId = options.byRuleId ?? false;
  const ruleOf = (expression: SQL) => (byRuleId ? dsql`split_part(${expression}, ':', 1)` : expression);
  const rows = await db.execute<Omit<RuleQualityRow, "precision">>(dsql`
    with fired as (
      select distinct h.id, h.rule_version, h.status, h.accepted_at, ${ruleOf(dsql`rule.id`)} as rule
      from handoffs h cross join lateral jsonb_array_elements_text(h.fired_rules) as rule(id)
      where ${inRawParts(plan)}
    ),
    flags as (
      select distinct e.handoff_id, ${ruleOf(dsql`e.data->>'rule'`)} as rule
      from handoffs h join handoff_events e on e.handoff_id = h.id and e.type = 'poor_escalation_flagged'
      where ${inRawParts(plan)} and h.poor_escalation_at is not null
    ),
    counted as (
      select r.rule, r.rule_version, r.produced, r.accepted, r.converted, r.discarded, r.flagged, r.good, r.bad
      from metrics_daily_rules r
      where r.by_rule_id = ${byRuleId} and ${inRollupDays(plan)}
      union all
      select f.rule, f.rule_version, 1, (f.accepted_at is not null)::int, (f.status = 'converted')::int, (f.status = 'discarded')::int,
             (fl.handoff_id is not null)::int,
             ((f.accepted_at is not null or f.status = 'converted') and f.status <> 'discarded' and fl.handoff_id is null)::int,
             (f.status = 'discarded' or fl.handoff_id is not null)::int
      from fired f left join flags fl on fl.handoff_id = f.id and fl.rule = f.rule
    )
    select rule, rule_version as "ruleVersion",
           sum(produced)::int as produced, sum(accepted)::int as accepted, sum(converted)::int as converted, sum(discarded)::int as discarded,
           sum(flagged)::int as flagged, sum(good)::int as good, sum(bad)::int as bad
    from counted
    group by rule, rule_version
    having sum(produced) > 0
    order by produced desc, rule, rule_version desc`);
  return rows.map((row) => ({ ...row, precision: row.good + row.bad === 0 ? null : row.good / (row.good + row.bad) }));
}

/**
 * Packages created in the range whose outcome includes a meeting (a booking link's record or the
 * box ticked when converting), escalated or not: from the rollups, as the funnel reads them.
 */
export async function packagesWithMeeting(options: { range: { start: Date; end: Date } }): Promise<number> {
  const plan = planRollupRead(options.range);
  const [row] = await db.execute<{ n: number }>(dsql`
    select coalesce(sum(n), 0)::int as n
    from (
      select r.meetings as n from metrics_daily r where r.dimension in ('all', 'not_escalated') and ${inRollupDays(plan)}
      union all
      select ${hasMeeting}::int from handoffs h where ${inRawParts(plan, false)}
    ) x`);
  return row?.n ?? 0;
}

/** Everything /metrics shows, read in parallel: the set the bench holds to its budget. */
export async function loadDashboard(options: { range: MetricsRange; by: Breakdown; every: TrendStep; now: Date }): Promise<Dashboard> {
  const [totals, breakdown, funnel, trend, discards, rules, accuracy] = await Promise.all([
    metricTotals(options),
    metricBreakdown(options),
    metricFunnel(options),
    metricTrend(options),
    discardReasons(options),
    ruleQuality(options),
    agentAccuracy({ from: options.range.start, to: options.range.end }),
  ]);
  return { totals, breakdown, funnel, trend, discards, rules, agentAccuracy: accuracy };
}
