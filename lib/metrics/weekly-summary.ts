import { formatMoney } from "@/lib/format";
import type { FunnelCounts, RuleQualityRow } from "./dashboard";
import { formatDuration, formatRate } from "./format";
import type { MetricRow } from "./metric-row";
import { addDays, parseMetricsParams, toDay, type MetricsRange } from "./params";

export type WeeklySummaryInput = {
  range: MetricsRange;
  totals: MetricRow;
  /** The week before, for the change in each headline figure. */
  previous: MetricRow;
  funnel: FunnelCounts;
  rules: RuleQualityRow[];
  /** Absolute link to the dashboard for the same range. */
  dashboardUrl: string;
};

export type EmailContent = { subject: string; text: string; html: string };

// A rule needs this many packages before its precision says anything.
const MIN_PACKAGES_FOR_PRECISION = 5;

/**
 * The Monday email to managers: last week's headline figures against the week before, the
 * funnel, and the rules whose escalations people most often rejected. Plain text and HTML carry
 * the same lines; every value from the database is escaped in the HTML.
 */
export function composeWeeklySummary(input: WeeklySummaryInput): EmailContent {
  const { totals, previous } = input;
  const lines: [string, string][] = [
    ["Handoffs created", `${totals.created}${change(totals.created, previous.created)}`],
    ["Accepted", `${totals.accepted} (${formatRate(totals.acceptanceRate)})`],
    ["Converted", `${totals.converted} (${formatRate(totals.conversionRate)})${change(totals.converted, previous.converted)}`],
    ["Meetings booked", String(totals.meetings)],
    ["Discarded", `${totals.discarded} (${formatRate(totals.discardRate)})`],
    ["Time to first action", `median ${formatDuration(totals.firstActionMedianSeconds)}, p90 ${formatDuration(totals.firstActionP90Seconds)}`],
    ["SLA breach rate", formatRate(totals.slaBreachRate)],
    ["Poor escalations flagged", `${totals.poorEscalations} (${formatRate(totals.poorEscalationRate)})`],
    ["Converted value", totals.convertedValue.length === 0 ? "none" : totals.convertedValue.map((v) => formatMoney(v.amount, v.currency)).join(", ")],
  ];
  const funnel = `${input.funnel.triaged} triaged → ${input.funnel.escalated} escalated → ${input.funnel.accepted} accepted → ${input.funnel.meeting} with a meeting → ${input.funnel.converted} converted`;
  const weakRules = input.rules
    .filter((r) => r.produced >= MIN_PACKAGES_FOR_PRECISION && r.precision !== null && r.precision < 0.5)
    .sort((a, b) => (a.precision ?? 0) - (b.precision ?? 0))
    .slice(0, 3)
    .map((r) => `${r.rule} (v${r.ruleVersion}): ${formatRate(r.precision)} precision over ${r.produced} packages`);

  const subject = `Baton weekly: ${totals.created} handoffs, ${totals.converted} converted (${input.range.from} to ${input.range.to})`;
  const text = [
    `Handoffs from ${input.range.from} to ${input.range.to}`,
    "",
    ...lines.map(([label, value]) => `${label}: ${value}`),
    "",
    `Funnel: ${funnel}`,
    ...(weakRules.length > 0 ? ["", "Rules people most often disagreed with:", ...weakRules.map((r) => `- ${r}`)] : []),
    "",
    `Open the dashboard: ${input.dashboardUrl}`,
  ].join("\n");
  const html = [
    `<h2 style="font:600 16px sans-serif">Handoffs from ${escapeHtml(input.range.from)} to ${escapeHtml(input.range.to)}</h2>`,
    `<table style="font:14px sans-serif;border-collapse:collapse">`,
    ...lines.map(
      ([label, value]) =>
        `<tr><td style="padding:2px 12px 2px 0;color:#475569">${escapeHtml(label)}</td><td style="padding:2px 0"><strong>${escapeHtml(value)}</strong></td></tr>`,
    ),
    `</table>`,
    `<p style="font:14px sans-serif">Funnel: ${escapeHtml(funnel)}</p>`,
    ...(weakRules.length > 0
      ? [
          `<p style="font:14px sans-serif">Rules people most often disagreed with:</p><ul style="font:14px sans-serif">${weakRules.map((r) => `<li>${escapeHtml(r)}</li>`).join("")}</ul>`,
        ]
      : []),
    `<p style="font:14px sans-serif"><a href="${escapeHtml(input.dashboardUrl)}">Open the dashboard</a></p>`,
  ].join("\n");
  return { subject, text, html };
}

function change(now: number, before: number): string {
  if (before === 0) return now === 0 ? "" : " (none the week before)";
  const percent = Math.round(((now - before) / before) * 100);
  return percent === 0 ? " (same as the week before)" : ` (${percent > 0 ? "+" : ""}${percent}% on the week before)`;
}

export function escapeHtml(value: string): string {
  return value.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#39;");
}

/**
 * The week a summary sent at `now` covers: the last whole ISO week (Monday to Sunday, UTC) before
 * it, or the week starting on `weekStarting`; and the week before that, for the comparison.
 */
export function summaryWeeks(now: Date, weekStarting?: string): { week: MetricsRange; previous: MetricsRange } {
  let monday = weekStarting;
  if (!monday) {
    const today = toDay(now);
    const isoWeekday = ((now.getUTCDay() + 6) % 7) + 1;
    monday = addDays(today, -(isoWeekday - 1) - 7);
  }
  const range = (from: string) => parseMetricsParams({ from, to: addDays(from, 6) }, now).params.range;
  return { week: range(monday), previous: range(addDays(monday, -7)) };
}
