import Link from "next/link";
import { channelLabels, humanize, label, priorityLabels, reasonLabels } from "@/lib/format";
import type { BreakdownRow } from "@/lib/metrics/dashboard";
import { breakdownColumns, metricDefinitions } from "@/lib/metrics/definitions";
import { breakdownLabels, breakdowns, type Breakdown } from "@/lib/metrics/params";
import { cn } from "@/lib/cn";
import { formatMetric } from "@/lib/metrics/format";
import { ScrollRegion } from "@/components/ui/scroll-region";

// Stored keys become words; owners, teams, campaigns and versions arrive already labelled.
function sliceLabel(by: Breakdown, row: BreakdownRow): string {
  if (by === "priority") return label(priorityLabels, row.key);
  if (by === "reason") return label(reasonLabels, row.key);
  if (by === "channel") return label(channelLabels, row.key);
  if (by === "intent") return row.key ? humanize(row.key) : "—";
  return row.label;
}

export function BreakdownTabs({ by, hrefFor }: { by: Breakdown; hrefFor: (by: Breakdown) => string }) {
  return (
    <nav aria-label="Break down by" className="flex flex-wrap gap-1 border-b border-slate-100 px-4 py-2">
      {breakdowns.map((b) => (
        <Link
          key={b}
          href={hrefFor(b)}
          aria-current={b === by ? "page" : undefined}
          className={cn("rounded-md px-2.5 py-1 text-xs font-medium", b === by ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100")}
        >
          {breakdownLabels[b]}
        </Link>
      ))}
    </nav>
  );
}

export function BreakdownTable({ by, rows }: { by: Breakdown; rows: BreakdownRow[] }) {
  if (rows.length === 0) {
    return <p className="px-4 py-6 text-sm text-slate-500">No packages were created in this range. Pick a longer range above.</p>;
  }
  return (
    <ScrollRegion label={`Packages by ${breakdownLabels[by].toLowerCase()}`} className="overflow-x-auto">
      <table className="w-full min-w-[900px] text-left text-xs tabular-nums" data-testid="breakdown-table">
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              {breakdownLabels[by]}
            </th>
            {breakdownColumns.map((key) => (
              <th key={key} scope="col" className="px-3 py-2 text-right font-medium" title={metricDefinitions[key].definition}>
                {metricDefinitions[key].label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key ?? "none"} className="border-t border-slate-100">
              <th scope="row" className="px-3 py-2 font-medium text-slate-900">
                {sliceLabel(by, row)}
              </th>
              {breakdownColumns.map((key) => (
                <td key={key} className="px-3 py-2 text-right text-slate-700">
                  {formatMetric(row, key)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
