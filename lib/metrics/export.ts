import { toCsv } from "@/lib/csv";
import type { Dashboard } from "./dashboard";
import { agentAccuracyDefinition, breakdownColumns, funnelDefinitions, metricDefinitions } from "./definitions";
import type { MetricRow } from "./metric-row";
import { breakdownLabels, type MetricsParams } from "./params";

/** Every table on /metrics can be downloaded; these are their names in the export URL. */
export const exportTables = ["summary", "breakdown", "funnel", "trend", "discards", "rules"] as const;
export type ExportTable = (typeof exportTables)[number];

/**
 * A table as CSV with raw values (rates as fractions, durations in seconds, values per currency) so
 * a spreadsheet can compute with them, and a file name that says what and when.
 */
export function metricsCsv(table: ExportTable, dashboard: Dashboard, params: MetricsParams): { fileName: string; csv: string } {
  const { from, to } = params.range;
  const name = (what: string) => `baton-${what}-${from}-to-${to}.csv`;
  switch (table) {
    case "summary":
      return {
        fileName: name("summary"),
        csv: toCsv(
          ["metric", "value", "definition"],
          [
            ...breakdownColumns.map((key) => [metricDefinitions[key].label, rawValue(dashboard.totals, key), metricDefinitions[key].definition]),
            [agentAccuracyDefinition.label, dashboard.agentAccuracy.accuracy, agentAccuracyDefinition.definition],
          ],
        ),
      };
    case "breakdown":
      return {
        fileName: name(`by-${params.by.replace("_", "-")}`),
        csv: toCsv(
          [breakdownLabels[params.by], ...breakdownColumns.map((key) => metricDefinitions[key].label)],
          dashboard.breakdown.map((row) => [row.label, ...breakdownColumns.map((key) => rawValue(row, key))]),
        ),
      };
    case "funnel":
      return {
        fileName: name("funnel"),
        csv: toCsv(
          ["step", "leads", "definition"],
          (Object.keys(funnelDefinitions) as (keyof typeof funnelDefinitions)[]).map((step) => [funnelDefinitions[step].label, dashboard.funnel[step], funnelDefinitions[step].definition]),
        ),
      };
    case "trend":
      return {
        fileName: name(`per-${params.every}`),
        csv: toCsv(
          [params.every === "week" ? "week starting" : "day", "created", "accepted", "converted", "discarded"],
          dashboard.trend.map((point) => [point.bucket, point.created, point.accepted, point.converted, point.discarded]),
        ),
      };
    case "discards":
      return {
        fileName: name("discard-reasons"),
        csv: toCsv(["discard reason", "packages", "share"], dashboard.discards.map((row) => [row.reason, row.count, row.share])),
      };
    case "rules":
      return {
        fileName: name("rule-quality"),
        csv: toCsv(
          ["rule", "rule version", "packages", "accepted", "converted", "discarded", "flagged poor", "good", "bad", "precision"],
          dashboard.rules.map((r) => [r.rule, r.ruleVersion, r.produced, r.accepted, r.converted, r.discarded, r.flagged, r.good, r.bad, r.precision]),
        ),
      };
  }
}

function rawValue(row: MetricRow, key: keyof typeof metricDefinitions): string | number | null {
  if (key === "convertedValue") return row.convertedValue.map((v) => `${v.amount.toFixed(2)} ${v.currency}`).join("; ");
  return row[key];
}
