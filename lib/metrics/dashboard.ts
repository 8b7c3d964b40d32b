import type { MetricRow } from "./metric-row";

// What the dashboard's reads return (db/queries/metrics.ts), shown by /metrics and exported as CSV.

/** One breakdown slice: its key (as stored) and a label to show, then its figures. */
export type BreakdownRow = MetricRow & { key: string | null; label: string };

export type FunnelCounts = { triaged: number; escalated: number; accepted: number; meeting: number; converted: number };

export type TrendPoint = { bucket: string; created: number; accepted: number; converted: number; discarded: number };

export type RuleQualityRow = {
  rule: string;
  ruleVersion: number;
  produced: number;
  accepted: number;
  converted: number;
  discarded: number;
  flagged: number;
  good: number;
  bad: number;
  precision: number | null;
};

export type DiscardReasonRow = { reason: string; count: number; share: number };

/** Reviews of the agent's inferred facts made in the range (package-page confirm / correct / answer). */
export type AgentAccuracy = { confirmed: number; corrected: number; answered: number; accuracy: number | null };

export type Dashboard = {
  totals: MetricRow;
  breakdown: BreakdownRow[];
  funnel: FunnelCounts;
  trend: TrendPoint[];
  discards: DiscardReasonRow[];
  rules: RuleQualityRow[];
  agentAccuracy: AgentAccuracy;
};
