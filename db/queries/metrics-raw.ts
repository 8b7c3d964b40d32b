import { and, gte, lt, sql as dsql, type SQL } from "drizzle-orm";
import { db } from "@/db";
import { packageCorrections } from "@/db/schema";
import type { BreakdownRow, Dashboard, DiscardReasonRow, FunnelCounts, RuleQualityRow, TrendPoint } from "@/lib/metrics/dashboard";
import { deriveRates, emptyCounts, type MetricCounts, type MetricRow } from "@/lib/metrics/metric-row";
import { collectSliceDurations, type DurationHistogramRecord } from "@/lib/metrics/duration-histogram";
import type { Breakdown, MetricsRange, TrendStep } from "@/lib/metrics/params";

/*
 * The manager dashboard's figures computed from the raw rows alone: what the dashboard read before
 * the daily rollups (db/queries/metrics.ts), kept as the reference the rollups are checked against
 * (lib/metrics/rollup-check.ts) and for the parts of a range the rollups do not cover. Each one
 * scans the packages created in the range once, through handoffs_metrics_idx; what they need from
 * the timeline (first action, poor-escalation flag) is kept on the package by a trigger on
 * handoff_events, so no query joins the timeline except the per-rule flags.
 */

// A meeting: booked through a booking link (the webhooks' record), or ticked as booked outside any integration.
export const hasMeeting = dsql`(h.meeting_booked or exists (select 1 from meetings m where m.handoff_id = h.id and m.booked_at is not null))`;

const inRange = (range: MetricsRange) =>
  dsql`h.priority is not null and h.created_at >= ${range.start.toISOString()}::timestamptz and h.created_at < ${range.end.toISOString()}::timestamptz`;

// The figures of any group of rows of `h`; `now` decides which open packages are already overdue.
export const countColumns = (now: Date) => dsql`
  count(*)::int as created,
  count(*) filter (where h.accepted_at is not null)::int as accepted,
  count(*) filter (where h.status = 'in_follow_up')::int as in_follow_up,
  count(*) filter (where h.status = 'discarded')::int as discarded,
  count(*) filter (where h.status = 'converted')::int as converted,
  count(*) filter (where ${hasMeeting})::int as meetings,
  count(h.first_action_at)::int as actioned,
  percentile_cont(0.5) within group (order by extract(epoch from h.first_action_at - h.created_at)) as first_action_median,
  percentile_cont(0.9) within group (order by extract(epoch from h.first_action_at - h.created_at)) as first_action_p90,
  percentile_cont(0.5) within group (order by extract(epoch from h.first_human_contact_at - h.created_at)) as first_contact_median,
  percentile_cont(0.9) within group (order by extract(epoch from h.first_human_contact_at - h.created_at)) as first_contact_p90,
  count(*) filter (where coalesce(h.first_action_at, ${now.toISOString()}::timestamptz) > h.sla_due_at)::int as sla_breached,
  count(h.poor_escalation_at)::int as poor_escalations`;

export type CountRecord = {
  created: number;
  accepted: number;
  in_follow_up: number;
  discarded: number;
  converted: number;
  meetings: number;
  actioned: number;
  first_action_median: number | string | null;
  first_action_p90: number | string | null;
  first_contact_median: number | string | null;
  first_contact_p90: number | string | null;
  sla_breached: number;
  poor_escalations: number;
};

export function toCounts(record: CountRecord, value: MetricCounts["convertedValue"]): MetricCounts {
  const seconds = (v: number | string | null) => (v === null ? null : Math.round(Number(v)));
  return {
    created: record.created,
    accepted: record.accepted,
    inFollowUp: record.in_follow_up,
    discarded: record.discarded,
    converted: record.converted,
    meetings: record.meetings,
    actioned: record.actioned,
    firstActionMedianSeconds: seconds(record.first_action_median),
    firstActionP90Seconds: seconds(record.first_action_p90),
    firstHumanContactMedianSeconds: seconds(record.first_contact_median),
    firstHumanContactP90Seconds: seconds(record.first_contact_p90),
    slaBreached: record.sla_breached,
    poorEscalations: record.poor_escalations,
    convertedValue: value,
  };
}

// How each breakdown names its slice: the stored key, and a label a manager reads.
export const dimensions: Record<Breakdown, { from: SQL; key: SQL; label: SQL }> = {
  priority: { from: dsql``, key: dsql`h.priority::text`, label: dsql`h.priority::text` },
  reason: { from: dsql`cross join lateral unnest(h.reasons) as r(code)`, key: dsql`r.code`, label: dsql`r.code` },
  channel: { from: dsql``, key: dsql`h.channel::text`, label: dsql`h.channel::text` },
  campaign: { from: dsql``, key: dsql`h.campaign`, label: dsql`coalesce(h.campaign, 'No campaign')` },
  intent: { from: dsql``, key: dsql`h.intent`, label: dsql`h.intent` },
  owner: { from: dsql`left join users u on u.id = h.owner_id`, key: dsql`h.owner_id`, label: dsql`coalesce(u.name, u.email, 'Unassigned')` },
  team: { from: dsql`left join teams t on t.id = h.team_id`, key: dsql`h.team_id::text`, label: dsql`coalesce(t.name, 'No team')` },
  rule_version: { from: dsql``, key: dsql`h.rule_version::text`, label: dsql`'Version ' || h.rule_version` },
};

/**
 * Durations bucketed as the rollups keep them (migration 0031's metrics_duration_bucket), per
 * slice key and kind (1: time to first action, 2: to first human contact), for the rows `where` picks.
 */
export function durationBuckets(where: SQL, slice: { key: SQL; from: SQL }) {
  return db.execute<DurationHistogramRecord>(dsql`
    select key, kind, array_agg(bucket order by bucket) as buckets, array_agg(n order by bucket) as counts
    from (
      select ${slice.key} as key, d.kind, metrics_duration_bucket(d.seconds) as bucket, count(*)::int as n
      from handoffs h ${slice.from}
      cross join lateral (values (1, extract(epoch from h.first_action_at - h.created_at)::float8),
                                 (2, extract(epoch from h.first_human_contact_at - h.created_at)::float8)) as d(kind, seconds)
      where ${where} and d.seconds is not null
      group by 1, 2, 3
    ) x
    group by key, kind`);
}

/** The range's duration histograms per slice ("all" without `by`) from the raw rows alone: the reference for the cumulative rows. */
export async function rawDurationHistograms(options: { range: MetricsRange; by: Breakdown | null }) {
  const slice = options.by ? dimensions[options.by] : { key: dsql`null::text`, from: dsql`` };
  return collectSliceDurations(await durationBuckets(inRange(options.range), slice));
}

/** The whole range's figures. */
export async function rawMetricTotals(options: { range: MetricsRange; now: Date }): Promise<MetricRow> {
  const [rows, values] = await Promise.all([
    db.execute<CountRecord>(dsql`select ${countColumns(options.now)} from handoffs h where ${inRange(options.range)}`),
    convertedValues({ range: options.range, dimension: null }),
  ]);
  const record = rows[0];
  return deriveRates(record ? toCounts(record, values.get(null) ?? []) : emptyCounts);
}

/**
 * The range's figures per slice of one dimension, largest first. A package with two reasons
 * counts once under each: the reason table answers "how do packages with this reason do".
 */
export async function rawMetricBreakdown(options: { range: MetricsRange; by: Breakdown; now: Date }): Promise<BreakdownRow[]> {
  const dimension = dimensions[options.by];
  const [rows, values] = await Promise.all([
    db.execute<CountRecord & { key: string | null; label: string }>(dsql`
      select ${dimension.key} as key, min(${dimension.label}) as label, ${countColumns(options.now)}
      from handoffs h ${dimension.from}
      where ${inRange(options.range)}
      group by 1
      order by created desc, label`),
    convertedValues({ range: options.range, dimension }),
  ]);
  return rows.map((record) => ({ key: record.key, label: record.label, ...deriveRates(toCounts(record, values.get(record.key) ?? [])) }));
}

// Converted value per slice and currency: a small read of the converted packages only.
async function convertedValues(options: { range: MetricsRange; dimension: { from: SQL; key: SQL } | null }) {
  const key = options.dimension?.key ?? dsql`null::text`;
  const rows = await db.execute<{ key: string | null; currency: string; amount: string }>(dsql`
    select ${key} as key, h.value_currency as currency, sum(h.value_amount)::text as amount
    from handoffs h ${options.dimension?.from ?? dsql``}
    where ${inRange(options.range)} and h.status = 'converted' and h.value_amount is not null and h.value_currency is not null
    group by 1, 2
    order by sum(h.value_amount) desc`);
  const byKey = new Map<string | null, { currency: string; amount: number }[]>();
  for (const row of rows) {
    const list = byKey.get(row.key) ?? [];
    list.push({ currency: row.currency, amount: Number(row.amount) });
    byKey.set(row.key, list);
  }
  return byKey;
}

/**
 * The seed's funnel over the range: every lead the agent triaged, then those escalated, accepted,
 * with a meeting, converted. Each later step is a subset of the one before it.
 */
export async function rawMetricFunnel(options: { range: MetricsRange }): Promise<FunnelCounts> {
  const [row] = await db.execute<FunnelCounts>(dsql`
    select count(*)::int as triaged,
           count(*) filter (where h.priority is not null)::int as escalated,
           count(*) filter (where h.priority is not null and h.accepted_at is not null)::int as accepted,
           count(*) filter (where h.priority is not null and ${hasMeeting})::int as meeting,
           count(*) filter (where h.priority is not null and h.status = 'converted')::int as converted
    from handoffs h
    where h.created_at >= ${options.range.start.toISOString()}::timestamptz and h.created_at < ${options.range.end.toISOString()}::timestamptz`);
  return row ?? { triaged: 0, escalated: 0, accepted: 0, meeting: 0, converted: 0 };
}

/** Packages per day or ISO week (UTC), every bucket of the range present, empty ones as zero. */
export async function rawMetricTrend(options: { range: MetricsRange; every: TrendStep }): Promise<TrendPoint[]> {
  const step = options.every === "week" ? dsql`'week'` : dsql`'day'`;
  const interval = options.every === "week" ? dsql`interval '1 week'` : dsql`interval '1 day'`;
  const rows = await db.execute<{ bucket: string; created: number; accepted: number; converted: number; discarded: number }>(dsql`
    with buckets as (
      select generate_series(
        date_trunc(${step}, ${options.range.start.toISOString()}::timestamptz at time zone 'UTC'),
        date_trunc(${step}, (${options.range.end.toISOString()}::timestamptz - interval '1 millisecond') at time zone 'UTC'),
        ${interval}) as bucket
    ),
    counted as (
      select date_trunc(${step}, h.created_at at time zone 'UTC') as bucket,
             count(*)::int as created,
             count(*) filter (where h.accepted_at is not null)::int as accepted,
             count(*) filter (where h.status = 'converted')::int as converted,
             count(*) filter (where h.status = 'discarded')::int as discarded
      from handoffs h
      where ${inRange(options.range)}
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
export async function rawDiscardReasons(options: { range: MetricsRange }): Promise<DiscardReasonRow[]> {
  const rows = await db.execute<{ reason: string; count: number }>(dsql`
    select coalesce(h.discard_reason, 'other') as reason, count(*)::int as count
    from handoffs h
    where ${inRange(options.range)} and h.status = 'discarded'
    group by 1
    order by 2 desc, 1`);
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  return rows.map((row) => ({ reason: row.reason, count: row.count, share: row.count / total }));
}

/**
 * Escalation quality per rule (and rule-set version): how many packages each rule produced, and
 * how many were worth a person's time (accepted or converted) against those that were not
 * (discarded, or flagged as a poor escalation naming this rule). Precision = good ÷ (good + bad).
 */
/**
 * Escalation quality per fired rule and version. A package's reasons name `rule:signal`
 * (`default.escalate:risk.pricing`); `byRuleId` groups by the rule alone (the rules editor's
 * rows), counting a package once however many of that rule's signals fired.
 */
export async function rawRuleQuality(options: { range: MetricsRange; byRuleId?: boolean }): Promise<RuleQualityRow[]> {
  const ruleOf = (expression: ReturnType<typeof dsql>) => (options.byRuleId ? dsql`split_part(${expression}, ':', 1)` : expression);
  const rows = await db.execute<Omit<RuleQualityRow, "precision">>(dsql`
    with fired as (
      select distinct h.id, h.rule_version, h.status, h.accepted_at, ${ruleOf(dsql`rule.id`)} as rule
      from handoffs h cross join lateral jsonb_array_elements_text(h.fired_rules) as rule(id)
      where ${inRange(options.range)}
    ),
    -- The flags on packages of the range: poor_escalation_at (in the covering index) finds the few
    -- flagged packages, the partial index their flag events.
    flags as (
      select distinct e.handoff_id, ${ruleOf(dsql`e.data->>'rule'`)} as rule
      from handoffs h join handoff_events e on e.handoff_id = h.id and e.type = 'poor_escalation_flagged'
      where ${inRange(options.range)} and h.poor_escalation_at is not null
    )
    select f.rule, f.rule_version as "ruleVersion",
           count(*)::int as produced,
           count(*) filter (where f.accepted_at is not null)::int as accepted,
           count(*) filter (where f.status = 'converted')::int as converted,
           count(*) filter (where f.status = 'discarded')::int as discarded,
           count(fl.handoff_id)::int as flagged,
           count(*) filter (where (f.accepted_at is not null or f.status = 'converted') and f.status <> 'discarded' and fl.handoff_id is null)::int as good,
           count(*) filter (where f.status = 'discarded' or fl.handoff_id is not null)::int as bad
    from fired f left join flags fl on fl.handoff_id = f.id and fl.rule = f.rule
    group by f.rule, f.rule_version
    order by produced desc, f.rule, f.rule_version desc`);
  return rows.map((row) => ({ ...row, precision: row.good + row.bad === 0 ? null : row.good / (row.good + row.bad) }));
}

/** Everything /metrics shows, from the raw rows alone. */
export async function loadDashboardFromRawRows(options: { range: MetricsRange; by: Breakdown; every: TrendStep; now: Date }): Promise<Dashboard> {
  const [totals, breakdown, funnel, trend, discards, rules, accuracy] = await Promise.all([
    rawMetricTotals(options),
    rawMetricBreakdown(options),
    rawMetricFunnel(options),
    rawMetricTrend(options),
    rawDiscardReasons(options),
    rawRuleQuality(options),
    agentAccuracy({ from: options.range.start, to: options.range.end }),
  ]);
  return { totals, breakdown, funnel, trend, discards, rules, agentAccuracy: accuracy };
}

/**
 * How often reps found the agent's inferences right: confirmed vs corrected in a time range (answers
 * to open questions are counted apart; the agent did not claim anything there), reviewed from `from`
 * up to (not including) `to`. `accuracy` is null when nothing was reviewed.
 */
export async function agentAccuracy({ from, to }: { from: Date; to: Date }) {
  const rows = await db
    .select({ kind: packageCorrections.kind, count: dsql<number>`count(*)::int` })
    .from(packageCorrections)
    .where(and(gte(packageCorrections.createdAt, from), lt(packageCorrections.createdAt, to)))
    .groupBy(packageCorrections.kind);
  const count = (kind: string) => rows.find((r) => r.kind === kind)?.count ?? 0;
  const confirmed = count("confirm");
  const corrected = count("correct");
  return { confirmed, corrected, answered: count("answer"), accuracy: confirmed + corrected === 0 ? null : confirmed / (confirmed + corrected) };
}
