import { toCsv } from "@/lib/csv";
import type { Dashboard } from "./dashboard";
import { agentAccuracyDefinition, breakdownColumns, funnelDefinitions, metricDefinitions, type MetricKey } from "./definitions";
import { formatDuration, formatMetric, formatRate, ratePercent } from "./format";
import type { MetricRow } from "./metric-row";
import { breakdownLabels, type MetricsParams } from "./params";

/** Every table on /metrics can be downloaded; these are their names in the export URL. */
export const exportTables = ["summary", "breakdown", "funnel", "trend", "discards", "rules"] as const;
export type ExportTable = (typeof exportTables)[number];

/**
 * A table as CSV holding what the screen shows, each unit in its header ("Acceptance rate (%)",
 * "Time to first action (median)" as "12 min"), and beside a figure the screen rounds or words,
 * the raw column a spreadsheet computes with ("… (seconds)", "Converted value (EUR)"). The file
 * name says what and when.
 */
export function metricsCsv(table: ExportTable, dashboard: Dashboard, params: MetricsParams): { fileName: string; csv: string } {
  const { from, to } = params.range;
  const name = (what: string) => `baton-${what}-${from}-to-${to}.csv`;
  switch (table) {
    case "summary": {
      const currencies = currenciesOf([dashboard.totals]);
      return {
        fileName: name("summary"),
        csv: toCsv(
          ["metric", "shown", "value", "unit", "definition"],
          [
            ...breakdownColumns.flatMap((key) => summaryRows(dashboard.totals, key, currencies)),
            [
              agentAccuracyDefinition.label,
              formatRate(dashboard.agentAccuracy.accuracy),
              dashboard.agentAccuracy.accuracy,
              "fraction",
              agentAccuracyDefinition.definition,
            ],
          ],
        ),
      };
    }
    case "breakdown": {
      const columns = breakdownCsvColumns(currenciesOf([dashboard.totals, ...dashboard.breakdown]));
      return {
        fileName: name(`by-${params.by.replace("_", "-")}`),
        csv: toCsv(
          [breakdownLabels[params.by], ...columns.map((c) => c.header)],
          dashboard.breakdown.map((row) => [row.label, ...columns.map((c) => c.value(row))]),
        ),
      };
    }
    case "funnel":
      return {
        fileName: name("funnel"),
        csv: toCsv(
          ["step", "leads", "definition"],
          (Object.keys(funnelDefinitions) as (keyof typeof funnelDefinitions)[]).map((step) => [
            funnelDefinitions[step].label,
            dashboard.funnel[step],
            funnelDefinitions[step].definition,
          ]),
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
        csv: toCsv(
          ["discard reason", "packages", "share (%)", "share (fraction)"],
          dashboard.discards.map((row) => [row.reason, row.count, ratePercent(row.share), row.share]),
        ),
      };
    case "rules":
      return {
        fileName: name("rule-quality"),
        csv: toCsv(
          ["rule", "rule version", "packages", "accepted", "converted", "discarded", "flagged poor", "good", "bad", "precision (%)", "precision (fraction)"],
          dashboard.rules.map((r) => [
            r.rule,
            r.ruleVersion,
            r.produced,
            r.accepted,
            r.converted,
            r.discarded,
            r.flagged,
            r.good,
            r.bad,
            ratePercent(r.precision),
            r.precision,
          ]),
        ),
      };
  }
}

type CsvColumn = { header: string; value: (row: MetricRow) => string | number | null };

const rateKeys = new Set<MetricKey>(["acceptanceRate", "conversionRate", "discardRate", "slaBreachRate", "poorEscalationRate"]);
const durationKeys = new Set<MetricKey>(["firstActionMedianSeconds", "firstActionP90Seconds", "firstHumanContactMedianSeconds", "firstHumanContactP90Seconds"]);

/**
 * A breakdown's columns: counts as they are; a rate as the screen's percentage and its fraction;
 * a time as the screen words it and in seconds; converted value as the screen shows it and one
 * column per currency (a sum across currencies means nothing).
 */
function breakdownCsvColumns(currencies: string[]): CsvColumn[] {
  return breakdownColumns.flatMap((key): CsvColumn[] => {
    const label = metricDefinitions[key].label;
    if (rateKeys.has(key))
      return [
        { header: `${label} (%)`, value: (row) => ratePercent(row[key] as number | null) },
        { header: `${label} (fraction)`, value: (row) => row[key] as number | null },
      ];
    if (durationKeys.has(key))
      return [
        { header: label, value: (row) => formatDuration(row[key] as number | null) },
        { header: `${label} (seconds)`, value: (row) => secondsOf(row[key] as number | null) },
      ];
    if (key === "convertedValue")
      return [
        { header: label, value: (row) => formatMetric(row, key) },
        ...currencies.map((currency) => ({ header: `${label} (${currency})`, value: (row: MetricRow) => amountIn(row, currency) })),
      ];
    return [{ header: label, value: (row) => row[key] as number }];
  });
}

function summaryRows(row: MetricRow, key: MetricKey, currencies: string[]): (string | number | null)[][] {
  const { label, definition } = metricDefinitions[key];
  if (rateKeys.has(key)) return [[label, formatMetric(row, key), row[key] as number | null, "fraction", definition]];
  if (durationKeys.has(key)) return [[label, formatMetric(row, key), secondsOf(row[key] as number | null), "seconds", definition]];
  if (key === "convertedValue") {
    if (currencies.length === 0) return [[label, formatMetric(row, key), null, null, definition]];
    return currencies.map((currency) => [
      `${label} (${currency})`,
      formatMetric({ ...row, convertedValue: row.convertedValue.filter((v) => v.currency === currency) }, key),
      amountIn(row, currency),
      currency,
      definition,
    ]);
  }
  return [[label, formatMetric(row, key), row[key] as number, "packages", definition]];
}

function currenciesOf(rows: MetricRow[]): string[] {
  return [...new Set(rows.flatMap((row) => row.convertedValue.map((v) => v.currency)))].sort();
}

// A slice that converted nothing in a currency holds 0 of it, so the column sums.
function amountIn(row: MetricRow, currency: string): string {
  return (row.convertedValue.find((v) => v.currency === currency)?.amount ?? 0).toFixed(2);
}

function secondsOf(seconds: number | null): number | null {
  return seconds === null ? null : Math.round(seconds);
}
