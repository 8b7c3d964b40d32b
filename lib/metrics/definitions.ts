import type { MetricRow } from "./metric-row";

/**
 * Every figure on the dashboard with its one-line definition, shown beside it, and the column
 * it becomes in a breakdown table and its CSV.
 */
export const metricDefinitions = {
  created: { label: "Handoffs created", definition: "Packages the agent escalated to a person, created in the range." },
  accepted: { label: "Accepted", definition: "Of those, packages a person accepted (whatever happened next)." },
  inFollowUp: { label: "In follow-up", definition: "Of those, packages in follow-up now." },
  discarded: { label: "Discarded", definition: "Of those, packages discarded by a person or closed by the SLA process." },
  converted: { label: "Converted", definition: "Of those, packages converted into an opportunity." },
  meetings: { label: "Meetings booked", definition: "Of those, packages whose outcome includes a booked meeting." },
  acceptanceRate: { label: "Acceptance rate", definition: "Accepted ÷ handoffs created." },
  conversionRate: { label: "Conversion rate", definition: "Converted ÷ handoffs created." },
  discardRate: { label: "Discard rate", definition: "Discarded ÷ handoffs created." },
  firstActionMedianSeconds: {
    label: "Time to first action (median)",
    definition: "Median time from the handoff to the first thing a person did with it (packages acted on), to within 2%.",
  },
  firstActionP90Seconds: {
    label: "Time to first action (p90)",
    definition: "90% of acted-on packages got their first action within this time (to within 2%).",
  },
  firstHumanContactMedianSeconds: {
    label: "Time to first human contact (median)",
    definition:
      "Speed to lead: median time from the handoff to the first message a person wrote the lead (an email reply, a live chat message), packages contacted, to within 2%.",
  },
  firstHumanContactP90Seconds: {
    label: "Time to first human contact (p90)",
    definition: "90% of contacted packages heard from a person within this time (to within 2%).",
  },
  slaBreachRate: { label: "SLA breach rate", definition: "Share of packages whose first action came after the SLA due time, or has not come and is overdue." },
  poorEscalationRate: { label: "Poor-escalation rate", definition: "Share of packages a person flagged as a poor escalation." },
  convertedValue: { label: "Converted value", definition: "Sum of the values recorded when converting, per currency." },
} as const satisfies Partial<Record<keyof MetricRow, { label: string; definition: string }>>;

export type MetricKey = keyof typeof metricDefinitions;

/** The columns of a breakdown table, in reading order. */
export const breakdownColumns: MetricKey[] = [
  "created",
  "accepted",
  "inFollowUp",
  "discarded",
  "converted",
  "meetings",
  "acceptanceRate",
  "conversionRate",
  "discardRate",
  "firstActionMedianSeconds",
  "firstActionP90Seconds",
  "firstHumanContactMedianSeconds",
  "firstHumanContactP90Seconds",
  "slaBreachRate",
  "poorEscalationRate",
  "convertedValue",
];

export const agentAccuracyDefinition = {
  label: "Agent accuracy",
  definition: "Of the inferred facts people reviewed in the range, the share they confirmed rather than corrected.",
} as const;

export const funnelDefinitions = {
  triaged: { label: "Leads triaged", definition: "Every lead the agent triaged in the range, from any channel." },
  escalated: { label: "Escalated", definition: "Leads the agent handed to a person." },
  accepted: { label: "Accepted", definition: "Escalated leads a person accepted." },
  meeting: { label: "Meeting booked", definition: "Escalated leads with a booked meeting." },
  converted: { label: "Converted", definition: "Escalated leads converted into an opportunity." },
} as const;

export const ruleQualityDefinitions = {
  produced: "Packages created in the range on which this rule fired.",
  good: "Accepted or converted: the escalation was worth a person's time.",
  bad: "Discarded, or flagged as a poor escalation for this rule's reason.",
} as const;
