import Link from "next/link";
import type { RuleQualityRow } from "@/lib/metrics/dashboard";
import { ruleQualityDefinitions } from "@/lib/metrics/definitions";
import { formatRate } from "@/lib/metrics/format";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { ruleReferenceInWords } from "@/lib/rules/rule-words";

/** Which rules send people work worth their time: admins adjust the ones with low precision. */
export function RuleQualityTable({ rows, linkRules }: { rows: RuleQualityRow[]; linkRules: boolean }) {
  if (rows.length === 0) return <p className="px-4 py-6 text-sm text-slate-500">No rule fired on packages created in this range.</p>;
  return (
    <ScrollRegion label="Rule quality" className="overflow-x-auto">
      <table className="w-full min-w-[640px] text-left text-xs tabular-nums" data-testid="rule-quality-table">
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Rule
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium" title={ruleQualityDefinitions.produced}>
              Packages
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium" title={ruleQualityDefinitions.good}>
              Accepted or converted
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium" title={ruleQualityDefinitions.bad}>
              Discarded or flagged
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Precision
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.rule}@${row.ruleVersion}`} className="border-t border-slate-100">
              <th scope="row" className="px-3 py-2 font-medium text-slate-900">
                {linkRules ? (
                  <Link
                    href={`/admin/rules?rule=${encodeURIComponent(row.rule)}`}
                    className="text-brand-700 underline-offset-2 hover:underline"
                    title={row.rule}
                  >
                    {ruleReferenceInWords(row.rule)}
                  </Link>
                ) : (
                  <span title={row.rule}>{ruleReferenceInWords(row.rule)}</span>
                )}
                <span className="ml-1 font-normal text-slate-500">v{row.ruleVersion}</span>
              </th>
              <td className="px-3 py-2 text-right">{row.produced.toLocaleString("en")}</td>
              <td className="px-3 py-2 text-right">{row.good.toLocaleString("en")}</td>
              <td className="px-3 py-2 text-right">
                {row.bad.toLocaleString("en")}
                {row.flagged > 0 ? <span className="ml-1 text-amber-700">({row.flagged} flagged)</span> : null}
              </td>
              <td className="px-3 py-2">
                <div className="flex items-center gap-2">
                  <div className="h-2 w-24 rounded-full bg-slate-100" aria-hidden>
                    <div
                      className={row.precision !== null && row.precision < 0.5 ? "h-2 rounded-full bg-amber-500" : "h-2 rounded-full bg-green-600"}
                      style={{ width: `${(row.precision ?? 0) * 100}%` }}
                    />
                  </div>
                  <span>{formatRate(row.precision)}</span>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
