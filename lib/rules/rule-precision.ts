import type { RuleQualityRow } from "@/lib/metrics/dashboard";

export type RulePrecision = { produced: number; good: number; bad: number; precision: number | null };

/** The metrics module's escalation quality per rule and version, summed per rule id (what the editor shows beside each rule). */
export function precisionByRule(rows: RuleQualityRow[]): Record<string, RulePrecision> {
  const byRule: Record<string, RulePrecision> = {};
  for (const row of rows) {
    const sum = (byRule[row.rule] ??= { produced: 0, good: 0, bad: 0, precision: null });
    sum.produced += row.produced;
    sum.good += row.good;
    sum.bad += row.bad;
  }
  for (const sum of Object.values(byRule)) sum.precision = sum.good + sum.bad === 0 ? null : sum.good / (sum.good + sum.bad);
  return byRule;
}
