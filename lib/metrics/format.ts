import { formatMoney } from "@/lib/format";
import type { MetricKey } from "./definitions";
import type { MetricRow } from "./metric-row";

/** A figure of a metric row as the dashboard shows it: the KPI tiles, the breakdown and the CSV's shown columns. */
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
    case "firstHumanContactMedianSeconds":
    case "firstHumanContactP90Seconds":
      return formatDuration(row[key]);
    case "convertedValue":
      return row.convertedValue.length === 0 ? "—" : row.convertedValue.map((v) => formatMoney(v.amount, v.currency)).join(" · ");
    default:
      return row[key].toLocaleString("en");
  }
}

/** "45 s", "12 min", "3.5 h", "2.1 d": a duration at the scale a manager thinks in. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) return `${trim(seconds / 3600)} h`;
  return `${trim(seconds / 86_400)} d`;
}

export function formatRate(rate: number | null): string {
  const percent = ratePercent(rate);
  return percent === null ? "—" : `${percent}%`;
}

/** A rate as the percentage the screen shows, without the sign: one decimal under 10%, whole above. */
export function ratePercent(rate: number | null): string | null {
  if (rate === null) return null;
  const percent = rate * 100;
  return percent > 0 && percent < 10 ? percent.toFixed(1) : String(Math.round(percent));
}

function trim(n: number): string {
  return n >= 10 ? String(Math.round(n)) : n.toFixed(1).replace(/\.0$/, "");
}
