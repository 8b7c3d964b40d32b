import { formatMoney } from "@/lib/format";
import { metricDefinitions, type MetricKey } from "@/lib/metrics/definitions";
import { formatDuration, formatRate } from "@/lib/metrics/format";
import type { MetricRow } from "@/lib/metrics/metric-row";

// The headline figures, each with its definition under it: nobody has to guess what a number means.
const headline: MetricKey[] = [
  "created",
  "accepted",
  "inFollowUp",
  "converted",
  "discarded",
  "meetings",
  "acceptanceRate",
  "conversionRate",
  "discardRate",
  "firstActionMedianSeconds",
  "firstActionP90Seconds",
  "slaBreachRate",
  "poorEscalationRate",
  "convertedValue",
];

export function formatMetric(row: MetricRow, key: MetricKey): string {
  switch (key) {
    case "acceptanceRate":
    case "conversionRate":
    case "discardRate":
    case "slaBreachRate":
    case "poorEscalationRate":
      return formatRate(row[key]);
    case "firstActionMedianSeconds":
    case "firstActionP90Seconds":
      return formatDuration(row[key]);
    case "convertedValue":
      return row.convertedValue.length === 0 ? "—" : row.convertedValue.map((v) => formatMoney(v.amount, v.currency)).join(" · ");
    default:
      return row[key].toLocaleString("en");
  }
}

export function KpiGrid({ totals }: { totals: MetricRow }) {
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-7" data-testid="metrics-kpis">
      {headline.map((key) => (
        <div key={key} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-testid={`kpi-${key}`}>
          <dt className="text-xs font-medium text-slate-600">{metricDefinitions[key].label}</dt>
          <dd className="mt-1 text-xl font-semibold tabular-nums text-slate-900" data-testid="kpi-value">
            {formatMetric(totals, key)}
          </dd>
          <dd className="mt-1 text-[11px] leading-snug text-slate-500">{metricDefinitions[key].definition}</dd>
        </div>
      ))}
    </dl>
  );
}
