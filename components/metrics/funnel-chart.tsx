import type { FunnelCounts } from "@/lib/metrics/dashboard";
import { funnelDefinitions } from "@/lib/metrics/definitions";
import { formatRate } from "@/lib/metrics/format";
import { ratio } from "@/lib/metrics/metric-row";

const steps = Object.keys(funnelDefinitions) as (keyof FunnelCounts)[];

/**
 * The seed's funnel as bars. Escalated is a share of what was triaged; later steps are shares of
 * what was escalated (a meeting is not a precondition of converting, so "of the step before" would
 * read over 100% there).
 */
export function FunnelChart({ funnel }: { funnel: FunnelCounts }) {
  const top = Math.max(1, funnel.triaged);
  return (
    <ol className="space-y-2 px-4 py-3" data-testid="funnel">
      {steps.map((step, i) => {
        const base = i === 0 ? null : i === 1 ? { n: funnel.triaged, of: "triaged" } : { n: funnel.escalated, of: "escalated" };
        return (
          <li key={step} title={funnelDefinitions[step].definition}>
            <div className="flex items-baseline justify-between text-xs">
              <span className="font-medium text-slate-700">{funnelDefinitions[step].label}</span>
              <span className="tabular-nums text-slate-600">
                <span className="font-semibold text-slate-900" data-testid={`funnel-${step}`}>
                  {funnel[step].toLocaleString("en")}
                </span>
                {base !== null ? (
                  <span className="ml-2 text-slate-500">
                    {formatRate(ratio(funnel[step], base.n))} of {base.of}
                  </span>
                ) : null}
              </span>
            </div>
            <div className="mt-1 h-2.5 rounded-full bg-slate-100" aria-hidden>
              <div className="h-2.5 rounded-full bg-brand-600" style={{ width: `${Math.max(funnel[step] > 0 ? 1 : 0, (funnel[step] / top) * 100)}%` }} />
            </div>
          </li>
        );
      })}
    </ol>
  );
}
