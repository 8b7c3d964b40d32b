import Link from "next/link";
import { cn } from "@/lib/cn";
import { inboxHref } from "@/lib/inbox/href";
import type { InboxView } from "@/lib/inbox/params";

const viewLabels: Record<InboxView, string> = { mine: "Mine", team: "Team queue", all: "All teams" };
const statusOptions = [
  ["open", "Open"],
  ["pending", "Pending"],
  ["accepted", "Accepted"],
  ["in_follow_up", "In follow-up"],
  ["converted", "Converted"],
  ["discarded", "Discarded"],
  ["all", "Any status"],
] as const;

export function InboxFilters({
  view,
  views,
  status,
  baseParams,
}: {
  view: InboxView;
  views: InboxView[];
  status: string;
  baseParams: Record<string, string | undefined>;
}) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <Segmented label="View" items={views.map((v) => [v, viewLabels[v]] as const)} active={view} hrefFor={(v) => inboxHref({ ...baseParams, view: v, after: undefined, before: undefined })} />
      <Segmented label="Status" items={statusOptions} active={status} hrefFor={(s) => inboxHref({ ...baseParams, status: s, after: undefined, before: undefined })} />
    </div>
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
