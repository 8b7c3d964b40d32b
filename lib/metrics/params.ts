import { z } from "zod";

/** What a breakdown table groups the packages by. */
export const breakdowns = ["priority", "reason", "channel", "campaign", "intent", "owner", "team", "rule_version"] as const;
export type Breakdown = (typeof breakdowns)[number];

export const breakdownLabels: Record<Breakdown, string> = {
  priority: "Priority",
  reason: "Reason",
  channel: "Channel",
  campaign: "Campaign",
  intent: "Intent",
  owner: "Owner",
  team: "Team",
  rule_version: "Rule version",
};

export const trendSteps = ["day", "week"] as const;
export type TrendStep = (typeof trendSteps)[number];

export const DEFAULT_RANGE_DAYS = 30;
/** Longer ranges are a warehouse's job: a year keeps every dashboard query inside its budget. */
export const MAX_RANGE_DAYS = 366;
const DAY_MS = 86_400_000;

/** A range of whole UTC days, both ends included; `end` is the exclusive instant after `to`. */
export type MetricsRange = { from: string; to: string; start: Date; end: Date; days: number };
export type MetricsParams = { range: MetricsRange; by: Breakdown; every: TrendStep };

const isoDay = z.iso.date({ message: "must be a date like 2026-11-01" });

const rawSchema = z.object({
  from: isoDay.optional(),
  to: isoDay.optional(),
  by: z.enum(breakdowns, { message: `must be one of ${breakdowns.join(", ")}` }).optional(),
  every: z.enum(trendSteps, { message: "must be day or week" }).optional(),
});

/**
 * The dashboard's state, from the URL. Unlike the inbox, a wrong value is reported (the manager
 * asked for a specific range and should know it was not used), and the default stands in for it.
 */
export function parseMetricsParams(search: Record<string, string | string[] | undefined>, today: Date): { params: MetricsParams; problems: string[] } {
  const flat = Object.fromEntries(Object.entries(search).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const problems: string[] = [];
  const picked: Record<string, unknown> = {};
  for (const key of ["from", "to", "by", "every"] as const) {
    if (flat[key] === undefined || flat[key] === "") continue;
    const field = rawSchema.shape[key].safeParse(flat[key]);
    if (field.success) picked[key] = field.data;
    else problems.push(`"${key}" ${field.error.issues[0]?.message ?? "is not valid"}; the default is shown instead.`);
  }
  const raw = rawSchema.parse(picked);

  const todayDay = toDay(today);
  let to = raw.to ?? todayDay;
  let from = raw.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
  if (from > to) {
    problems.push(`"from" (${from}) is after "to" (${to}); the last ${DEFAULT_RANGE_DAYS} days are shown instead.`);
    to = todayDay;
    from = addDays(to, -(DEFAULT_RANGE_DAYS - 1));
  }
  if (daysBetween(from, to) > MAX_RANGE_DAYS) {
    problems.push(`The range is longer than ${MAX_RANGE_DAYS} days; it was shortened to end on ${to}.`);
    from = addDays(to, -(MAX_RANGE_DAYS - 1));
  }
  const days = daysBetween(from, to);
  return {
    params: {
      range: { from, to, start: new Date(`${from}T00:00:00Z`), end: new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS), days },
      by: raw.by ?? "priority",
      every: raw.every ?? defaultStep(days),
    },
    problems,
  };
}

/** Weeks read better once a day-by-day chart would have more points than a screen shows well. */
export function defaultStep(days: number): TrendStep {
  return days > 45 ? "week" : "day";
}

/**
 * The URL search of a dashboard state, leaving out what equals the default. A new range without
 * an explicit step gets that range's default step.
 */
export function metricsSearch(params: MetricsParams, change: Partial<{ from: string; to: string; by: Breakdown; every: TrendStep }> = {}): string {
  const rangeChanged = change.from !== undefined || change.to !== undefined;
  const next = { from: params.range.from, to: params.range.to, by: params.by, ...change };
  const every = change.every ?? (rangeChanged ? defaultStep(daysBetween(next.from, next.to)) : params.every);
  const search = new URLSearchParams({ from: next.from, to: next.to });
  if (next.by !== "priority") search.set("by", next.by);
  if (every !== defaultStep(daysBetween(next.from, next.to))) search.set("every", every);
  return search.toString();
}

export function toDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return toDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

/** Days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}
