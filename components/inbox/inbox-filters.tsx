import Link from "next/link";
import { Search } from "lucide-react";
import { FilterForm } from "@/components/inbox/filter-form";
import type { InboxFilters } from "@/db/queries/inbox";
import { cn } from "@/lib/cn";
import { channels, intents, reasonCodes } from "@/lib/contract/package";
import { channelLabels, humanize, reasonLabels } from "@/lib/format";
import { inboxHref } from "@/lib/inbox/href";
import type { InboxView } from "@/lib/inbox/params";

const viewLabels: Record<InboxView, string> = {
  mine: "Mine",
  team: "Team queue",
  unassigned: "Unassigned",
  all: "All teams",
  agent: "Handled by agent",
  filtered: "Filtered",
};
const statusOptions = [
  ["open", "Open"],
  ["pending", "Pending"],
  ["accepted", "Accepted"],
  ["in_follow_up", "In follow-up"],
  ["converted", "Converted"],
  ["discarded", "Discarded"],
  ["all", "Any status"],
] as const;

// What the filter form shows: the inbox query's own filters.
export type FilterValues = InboxFilters;

const noFilters: Record<keyof FilterValues, undefined> = {
  q: undefined,
  reason: undefined,
  channel: undefined,
  intent: undefined,
  campaign: undefined,
  owner: undefined,
  team: undefined,
  from: undefined,
  to: undefined,
};

export function InboxFilters({
  view,
  views,
  viewCounts,
  status,
  showStatus,
  filters,
  campaigns,
  owners,
  teams,
  baseParams,
}: {
  view: InboxView;
  views: InboxView[];
  viewCounts: Partial<Record<InboxView, number>>;
  status: string;
  showStatus: boolean;
  filters: FilterValues;
  campaigns: string[];
  /** People whose packages can be picked, and "nobody". */
  owners: { id: string; label: string }[];
  /** Teams to narrow to: managers and admins only (null hides the filter). */
  teams: { id: string; name: string }[] | null;
  baseParams: Record<string, string | undefined>;
}) {
  const active = Object.values(filters).some(Boolean);
  const fresh = { ...baseParams, after: undefined, before: undefined };
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Segmented
          label="View"
          items={views.map((v) => [v, viewCounts[v] === undefined ? viewLabels[v] : `${viewLabels[v]} (${viewCounts[v]})`] as const)}
          active={view}
          hrefFor={(v) => inboxHref({ ...fresh, view: v, status: undefined, sort: undefined, dir: undefined })}
        />
        {showStatus ? <Segmented label="Status" items={statusOptions} active={status} hrefFor={(s) => inboxHref({ ...fresh, status: s })} /> : null}
      </div>
      {/* Keyed by the filters: a client-side navigation (Clear, a view link) must reset what the inputs show. */}
      <FilterForm
        key={JSON.stringify(filters)}
        hidden={Object.fromEntries(
          Object.entries({
            view: baseParams.view,
            tab: baseParams.tab,
            status: baseParams.status,
            sort: baseParams.sort,
            dir: baseParams.dir,
            size: baseParams.size,
          }).filter((entry): entry is [string, string] => Boolean(entry[1])),
        )}
        activeCount={Object.values(filters).filter(Boolean).length}
        moreActiveCount={[filters.intent, filters.campaign, filters.team, filters.from, filters.to].filter(Boolean).length}
        search={
          <label className="relative min-w-0 flex-1 basis-52 md:max-w-sm">
            <span className="sr-only">Search name, company, email or summary</span>
            <Search className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-slate-400" aria-hidden />
            <input
              type="search"
              name="q"
              defaultValue={filters.q}
              data-inbox-search
              placeholder="Search leads…  ( / )"
              title="Search name, company, email or summary; Enter to search"
              maxLength={200}
              className="h-9 w-full rounded-md border border-slate-300 bg-white pr-3 pl-8 text-sm shadow-sm placeholder:text-slate-500 focus:border-brand-500 focus:ring-2 focus:ring-brand-500/30 focus:outline-none"
            />
          </label>
        }
        primary={
          <>
            <FilterSelect name="reason" label="Reason" value={filters.reason} options={reasonCodes.map((r) => [r, reasonLabels[r]] as const)} />
            <FilterSelect name="channel" label="Channel" value={filters.channel} options={channels.map((c) => [c, channelLabels[c]] as const)} />
            <FilterSelect
              name="owner"
              label="Owner"
              value={filters.owner}
              options={[["none", "Unassigned"] as const, ...owners.map((o) => [o.id, o.label] as const)]}
            />
          </>
        }
        more={
          <>
            <FilterSelect name="intent" label="Intent" value={filters.intent} options={intents.map((i) => [i, humanize(i)] as const)} />
            <FilterSelect name="campaign" label="Campaign" value={filters.campaign} options={campaigns.map((c) => [c, c] as const)} />
            {teams ? <FilterSelect name="team" label="Team" value={filters.team} options={teams.map((t) => [t.id, t.name] as const)} /> : null}
            <DateInput name="from" label="Created from" value={filters.from} />
            <DateInput name="to" label="Created to" value={filters.to} />
          </>
        }
        clear={
          active ? (
            <Link href={inboxHref({ ...fresh, ...noFilters })} className="h-9 px-2 text-sm leading-9 text-slate-600 underline hover:text-slate-900">
              Clear
            </Link>
          ) : null
        }
      />
    </div>
  );
}

function FilterSelect({ name, label, value, options }: { name: string; label: string; value?: string; options: readonly (readonly [string, string])[] }) {
  return (
    <label className="text-xs text-slate-500">
      <span className="sr-only">{label}</span>
      <select
        name={name}
        defaultValue={value ?? ""}
        aria-label={label}
        className={cn(
          "h-9 max-w-44 rounded-md border bg-white px-2 text-sm shadow-sm",
          value ? "border-brand-500 text-slate-900" : "border-slate-300 text-slate-600",
        )}
      >
        <option value="">{label}: any</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

function DateInput({ name, label, value }: { name: string; label: string; value?: string }) {
  return (
    <label className="flex items-center gap-1 text-xs text-slate-500">
      {label}
      <input
        type="date"
        name={name}
        defaultValue={value}
        className={cn("h-9 rounded-md border bg-white px-2 text-sm shadow-sm", value ? "border-brand-500 text-slate-900" : "border-slate-300 text-slate-600")}
      />
    </label>
  );
}

function Segmented<T extends string>({
  label,
  items,
  active,
  hrefFor,
}: {
  label: string;
  items: readonly (readonly [T, string])[];
  active: string;
  hrefFor: (value: T) => string;
}) {
  return (
    <div role="group" aria-label={label} className="inline-flex flex-wrap rounded-md border border-slate-200 bg-white p-0.5 text-sm shadow-sm">
      {items.map(([value, text]) => (
        <Link
          key={value}
          href={hrefFor(value)}
          aria-current={value === active ? "true" : undefined}
          className={cn("rounded px-2.5 py-1", value === active ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-100")}
        >
          {text}
        </Link>
      ))}
    </div>
  );
}
