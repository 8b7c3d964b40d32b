/**
 * What the database counts for a group of packages (all of a range, or one slice of a breakdown),
 * and what the dashboard derives from it. Every package counted was escalated to a person
 * (priority set) and created inside the range: a cohort, so the rates of one row add up.
 */
export type MetricCounts = {
  created: number;
  accepted: number;
  inFollowUp: number;
  discarded: number;
  converted: number;
  meetings: number;
  /** Packages a person has acted on: the population of the time-to-first-action figures. */
  actioned: number;
  firstActionMedianSeconds: number | null;
  firstActionP90Seconds: number | null;
  /** Speed to lead: from the handoff to the first message a person wrote the lead (an email, a live chat reply). */
  firstHumanContactMedianSeconds: number | null;
  firstHumanContactP90Seconds: number | null;
  slaBreached: number;
  poorEscalations: number;
  /** Converted value per currency, largest first. */
  convertedValue: { currency: string; amount: number }[];
};

export type MetricRow = MetricCounts & {
  acceptanceRate: number | null;
  conversionRate: number | null;
  discardRate: number | null;
  slaBreachRate: number | null;
  poorEscalationRate: number | null;
};

export function deriveRates(counts: MetricCounts): MetricRow {
  return {
    ...counts,
    acceptanceRate: ratio(counts.accepted, counts.created),
    conversionRate: ratio(counts.converted, counts.created),
    discardRate: ratio(counts.discarded, counts.created),
    slaBreachRate: ratio(counts.slaBreached, counts.created),
    poorEscalationRate: ratio(counts.poorEscalations, counts.created),
  };
}

/** A share, or null when there is nothing to divide: "no packages" is not "0%". */
export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

export const emptyCounts: MetricCounts = {
  created: 0,
  accepted: 0,
  inFollowUp: 0,
  discarded: 0,
  converted: 0,
  meetings: 0,
  actioned: 0,
  firstActionMedianSeconds: null,
  firstActionP90Seconds: null,
  firstHumanContactMedianSeconds: null,
  firstHumanContactP90Seconds: null,
  slaBreached: 0,
  poorEscalations: 0,
  convertedValue: [],
};
