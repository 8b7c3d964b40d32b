import { boolean, date, integer, jsonb, numeric, pgTable, smallint, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";

/*
 * Daily rollups of the metrics dashboard (migration 0030): kept exact by triggers on handoffs,
 * handoff_events and meetings, in the transaction of the change. A day is a UTC day of the
 * package's created_at, as the dashboard's range is. `shard` spreads one day's hot rows (every
 * package of today adds to the same "all" row) so concurrent transactions seldom wait on each
 * other's row lock; readers sum the shards. `key` is null where the slice is (no campaign, no owner).
 */

/** Counts per day and breakdown slice: `dimension` is a breakdown, "all", "discard_reason" or "not_escalated". */
export const metricsDaily = pgTable(
  "metrics_daily",
  {
    dimension: text().notNull(),
    day: date().notNull(),
    key: text(),
    shard: smallint().notNull().default(0),
    created: integer().notNull().default(0),
    accepted: integer().notNull().default(0),
    inFollowUp: integer().notNull().default(0),
    discarded: integer().notNull().default(0),
    converted: integer().notNull().default(0),
    meetings: integer().notNull().default(0),
    actioned: integer().notNull().default(0),
    /** First action after the SLA due time: breached for good, whatever "now" is. */
    slaBreachedActioned: integer().notNull().default(0),
    /** Not acted on yet, with a due time: breached once "now" passes it (the reader subtracts those still due). */
    openWithDue: integer().notNull().default(0),
    poorEscalations: integer().notNull().default(0),
  },
  (t) => [unique("metrics_daily_slice_key").on(t.dimension, t.day, t.key, t.shard).nullsNotDistinct()],
);

/** Converted value per day, slice and currency; `packages` counts the rows summed, so a 0 amount still shows. */
export const metricsDailyValues = pgTable(
  "metrics_daily_values",
  {
    dimension: text().notNull(),
    day: date().notNull(),
    key: text(),
    shard: smallint().notNull().default(0),
    currency: text().notNull(),
    amount: numeric().notNull().default("0"),
    packages: integer().notNull().default(0),
  },
  (t) => [unique("metrics_daily_values_slice_key").on(t.dimension, t.day, t.key, t.currency, t.shard).nullsNotDistinct()],
);

/** Escalation quality per day, fired rule (`rule:signal`, or the rule alone when `byRuleId`) and rule-set version. */
export const metricsDailyRules = pgTable(
  "metrics_daily_rules",
  {
    byRuleId: boolean().notNull(),
    day: date().notNull(),
    /** Null for a fired reason that names no rule, as the raw query's group has it. */
    rule: text(),
    ruleVersion: integer().notNull(),
    shard: smallint().notNull().default(0),
    produced: integer().notNull().default(0),
    accepted: integer().notNull().default(0),
    converted: integer().notNull().default(0),
    discarded: integer().notNull().default(0),
    flagged: integer().notNull().default(0),
    good: integer().notNull().default(0),
    bad: integer().notNull().default(0),
  },
  (t) => [unique("metrics_daily_rules_slice_key").on(t.byRuleId, t.day, t.rule, t.ruleVersion, t.shard).nullsNotDistinct()],
);

/**
 * What each package last added to the rollups: a trigger subtracts this and adds the package's
 * current state, so any order of triggers (a meeting, a flag event, the package's own update)
 * ends exact. No foreign key: it outlives its package for the instant the delete trigger needs.
 */
export const metricsRollupSources = pgTable("metrics_rollup_sources", {
  handoffId: uuid().primaryKey(),
  createdAt: timestamp({ withTimezone: true }).notNull(),
  shard: smallint().notNull(),
  priority: text(),
  status: text().notNull(),
  reasons: text().array().notNull(),
  channel: text().notNull(),
  campaign: text(),
  intent: text().notNull(),
  ownerId: text(),
  teamId: text(),
  ruleVersion: integer().notNull(),
  accepted: boolean().notNull(),
  discardReason: text(),
  firstActionAt: timestamp({ withTimezone: true }),
  slaDueAt: timestamp({ withTimezone: true }),
  poorEscalated: boolean().notNull(),
  valueAmount: numeric(),
  valueCurrency: text(),
  firedRules: jsonb().notNull(),
  hasMeeting: boolean().notNull(),
  /** The rules named by the package's poor-escalation flags (`data.rule` of its flag events). */
  flaggedRules: text().array().notNull(),
  firstHumanContactAt: timestamp({ withTimezone: true }),
});

/**
 * Time to first action (`kind` 1) and to first human contact (2) as cumulative histograms
 * (migration 0031): the row of `day` counts, per log bucket of the duration (bucket i ≥ 1 holds
 * [1.02^(i-1), 1.02^i) seconds, bucket 0 under a second, 1106 from about a hundred years; lib/metrics/duration-histogram.ts),
 * every package of the slice created on or before that UTC day. A range's histogram is the
 * difference of two rows, whatever its length, and its percentiles are read off it to within 2%.
 * `key` is '' where the slice's key is null (an index can look '' up; it cannot look up a null).
 */
export const metricsDurationPrefix = pgTable(
  "metrics_duration_prefix",
  {
    dimension: text().notNull(),
    kind: smallint().notNull(),
    key: text().notNull(),
    day: date().notNull(),
    counts: integer().array().notNull(),
  },
  (t) => [unique("metrics_duration_prefix_series_day").on(t.dimension, t.kind, t.key, t.day)],
);
