import { label } from "@/lib/format";
import { discardReasons } from "@/lib/handoffs/discard-reasons";
import type { DiscardReasonRow } from "@/lib/metrics/dashboard";
import { formatRate } from "@/lib/metrics/format";

export function DiscardReasonsTable({ rows }: { rows: DiscardReasonRow[] }) {
  if (rows.length === 0) return <p className="px-4 py-6 text-sm text-slate-500">Nothing created in this range was discarded.</p>;
  return (
    <table className="w-full text-left text-xs tabular-nums" data-testid="discard-reasons-table">
      <thead className="bg-slate-50 text-slate-600">
        <tr>
          <th scope="col" className="px-3 py-2 font-medium">
            Reason
          </th>
          <th scope="col" className="px-3 py-2 text-right font-medium">
            Packages
          </th>
          <th scope="col" className="px-3 py-2 text-right font-medium">
            Share
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.reason} className="border-t border-slate-100">
            <th scope="row" className="px-3 py-2 font-medium text-slate-900">
              {label(discardReasons, row.reason)}
            </th>
            <td className="px-3 py-2 text-right">{row.count.toLocaleString("en")}</td>
            <td className="px-3 py-2 text-right">{formatRate(row.share)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
