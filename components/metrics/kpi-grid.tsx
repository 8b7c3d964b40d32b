import type { AgentAccuracy } from "@/lib/metrics/dashboard";
import { agentAccuracyDefinition, breakdownColumns, metricDefinitions } from "@/lib/metrics/definitions";
import { formatMetric, formatRate } from "@/lib/metrics/format";
import type { MetricRow } from "@/lib/metrics/metric-row";

// The headline figures are a breakdown row's columns, each with its definition under it: nobody
// has to guess what a number means.
export function KpiGrid({ totals, accuracy }: { totals: MetricRow; accuracy: AgentAccuracy }) {
  const reviewed = accuracy.confirmed + accuracy.corrected;
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5 xl:grid-cols-8" data-testid="metrics-kpis">
      {breakdownColumns.map((key) => (
        <Kpi key={key} id={key} label={metricDefinitions[key].label} value={formatMetric(totals, key)} definition={metricDefinitions[key].definition} />
      ))}
      <Kpi
        id="agentAccuracy"
        label={agentAccuracyDefinition.label}
        value={formatRate(accuracy.accuracy)}
        definition={`${agentAccuracyDefinition.definition} ${accuracy.confirmed} of ${reviewed} confirmed.`}
      />
    </dl>
  );
}

function Kpi({ id, label, value, definition }: { id: string; label: string; value: string; definition: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm" data-testid={`kpi-${id}`}>
      <dt className="text-xs font-medium text-slate-600">{label}</dt>
      <dd className="mt-1 text-xl font-semibold tabular-nums text-slate-900" data-testid="kpi-value">
        {value}
      </dd>
      <dd className="mt-1 text-[11px] leading-snug text-slate-500">{definition}</dd>
    </div>
  );
}
