import type { Metadata } from "next";
import { BreakdownTable, BreakdownTabs } from "@/components/metrics/breakdown-table";
import { DiscardReasonsTable } from "@/components/metrics/discard-reasons-table";
import { FunnelChart } from "@/components/metrics/funnel-chart";
import { KpiGrid } from "@/components/metrics/kpi-grid";
import { MetricsCard } from "@/components/metrics/metrics-card";
import { RangeForm } from "@/components/metrics/range-form";
import { RuleQualityTable } from "@/components/metrics/rule-quality-table";
import { TrendChart } from "@/components/metrics/trend-chart";
import { loadDashboard } from "@/db/queries/metrics";
import { meetingBreakdowns, meetingMetrics, type MeetingBreakdown } from "@/db/queries/meetings";
import { MeetingsCard } from "@/components/metrics/meetings-card";
import { can } from "@/lib/auth/roles";
import { breakdownLabels, metricsSearch, parseMetricsParams, toDay } from "@/lib/metrics/params";
import { pageActorWith } from "../page-actor";

export const metadata: Metadata = { title: "Metrics" };

export default async function MetricsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await pageActorWith("metrics.read");

  const now = new Date();
  const query = await searchParams;
  const { params, problems } = parseMetricsParams(query, now);
  const meetingsBy: MeetingBreakdown = (meetingBreakdowns as readonly string[]).includes(String(query.meetingsBy))
    ? (query.meetingsBy as MeetingBreakdown)
    : "owner";
  const [dashboard, meetings] = await Promise.all([loadDashboard({ ...params, now }), meetingMetrics({ range: params.range, by: meetingsBy })]);
  const search = metricsSearch(params);
  const href = (change: Parameters<typeof metricsSearch>[1]) => `/metrics?${metricsSearch(params, change)}`;

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-xl font-semibold text-slate-900">Metrics</h1>
          <p className="text-sm text-slate-500">
            Packages created from {params.range.from} to {params.range.to} (UTC days, both included): does the handoff turn into meetings and sales?
          </p>
        </div>
        <RangeForm params={params} today={toDay(now)} hrefFor={(range) => href(range)} />
      </div>

      {problems.length > 0 ? (
        <div role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="metrics-problems">
          <ul className="list-inside list-disc">
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <section aria-label="Summary" className="space-y-2">
        <div className="flex justify-end">
          <MetricsCardExport search={search} />
        </div>
        <KpiGrid totals={dashboard.totals} accuracy={dashboard.agentAccuracy} />
      </section>

      <div className="grid gap-5 lg:grid-cols-[2fr_1fr]">
        <MetricsCard
          title={`Trend per ${params.every}`}
          definition="Packages created in each period, and how many of them were accepted, converted and discarded."
          table="trend"
          search={search}
        >
          <TrendChart points={dashboard.trend} every={params.every} />
        </MetricsCard>
        <MetricsCard title="Funnel" definition="From every lead the agent triaged to converted opportunities." table="funnel" search={search}>
          <FunnelChart funnel={dashboard.funnel} />
        </MetricsCard>
      </div>

      <MeetingsCard {...meetings} by={meetingsBy} hrefFor={(by) => `/metrics?${search}&meetingsBy=${by}`} />

      <MetricsCard
        title={`By ${breakdownLabels[params.by].toLowerCase()}`}
        definition="Every metric for each slice; hover a column for its definition."
        table="breakdown"
        search={search}
      >
        <BreakdownTabs by={params.by} hrefFor={(by) => href({ by })} />
        <BreakdownTable by={params.by} rows={dashboard.breakdown} />
      </MetricsCard>

      <div className="grid gap-5 lg:grid-cols-[2fr_1fr]">
        <MetricsCard
          title="Escalation quality by rule"
          definition="How often each rule's escalations were worth a person's time. Precision = good ÷ (good + bad)."
          table="rules"
          search={search}
        >
          <RuleQualityTable rows={dashboard.rules} linkRules={can(actor.role, "admin.manage")} />
        </MetricsCard>
        <MetricsCard title="Discard reasons" definition="Why packages created in the range were discarded." table="discards" search={search}>
          <DiscardReasonsTable rows={dashboard.discards} />
        </MetricsCard>
      </div>
    </div>
  );
}

function MetricsCardExport({ search }: { search: string }) {
  return (
    <a href={`/metrics/export?table=summary&${search}`} download data-testid="export-summary" className="text-xs font-medium text-brand-700 hover:underline">
      Download the summary as CSV
    </a>
  );
}
