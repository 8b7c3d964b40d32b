import Link from "next/link";
import { addDays, type MetricsParams } from "@/lib/metrics/params";

// A plain GET form: the range lives in the URL, works without JavaScript, and can be shared.
export function RangeForm({ params, today, hrefFor }: { params: MetricsParams; today: string; hrefFor: (change: { from: string; to: string }) => string }) {
  const presets = [7, 30, 90].map((days) => ({ days, from: addDays(today, -(days - 1)) }));
  return (
    <form method="get" action="/metrics" className="flex flex-wrap items-end gap-3 text-sm" aria-label="Date range" data-testid="range-form">
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        From
        <input
          type="date"
          name="from"
          defaultValue={params.range.from}
          max={today}
          className="h-9 rounded-md border border-slate-300 px-2 text-sm text-slate-900"
        />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        To
        <input
          type="date"
          name="to"
          defaultValue={params.range.to}
          max={today}
          className="h-9 rounded-md border border-slate-300 px-2 text-sm text-slate-900"
        />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Trend
        <select name="every" defaultValue={params.every} className="h-9 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900">
          <option value="day">Per day</option>
          <option value="week">Per week</option>
        </select>
      </label>
      {params.by !== "priority" ? <input type="hidden" name="by" value={params.by} /> : null}
      <button type="submit" className="h-9 rounded-md bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700">
        Apply
      </button>
      <div className="flex gap-1 pb-1 text-xs">
        {presets.map((p) => (
          <Link key={p.days} href={hrefFor({ from: p.from, to: today })} className="rounded-md px-2 py-1 font-medium text-brand-700 hover:bg-brand-50">
            Last {p.days} days
          </Link>
        ))}
      </div>
    </form>
  );
}
