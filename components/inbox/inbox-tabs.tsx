import Link from "next/link";
import type { HandoffPriority } from "@/db/schema/handoffs";
import { cn } from "@/lib/cn";
import { priorityLabels } from "@/lib/format";
import { inboxHref } from "@/lib/inbox/href";

const tabHints: Record<HandoffPriority, string> = {
  immediate: "Risk, or high value with urgency",
  normal: "Worth a person's review",
  nurture: "Waiting for data",
};

export function InboxTabs({
  active,
  counts,
  baseParams,
}: {
  active: HandoffPriority;
  counts: Record<HandoffPriority, number>;
  baseParams: Record<string, string | undefined>;
}) {
  return (
    <nav aria-label="Priority" className="flex gap-2 border-b border-slate-200" role="tablist">
      {(Object.keys(priorityLabels) as HandoffPriority[]).map((tab) => {
        const selected = tab === active;
        return (
          <Link
            key={tab}
            role="tab"
            aria-selected={selected}
            href={inboxHref({ ...baseParams, tab, after: undefined, before: undefined })}
            data-testid={`tab-${tab}`}
            title={tabHints[tab]}
            className={cn(
              "-mb-px flex items-center gap-2 border-b-2 px-3 py-2 text-sm font-medium",
              selected ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900",
            )}
          >
            {priorityLabels[tab]}
            <span
              data-testid={`tab-count-${tab}`}
              className={cn(
                "rounded-full px-2 py-0.5 text-xs tabular-nums",
                tab === "immediate" && counts[tab] > 0 ? "bg-red-100 text-red-700" : "bg-slate-100 text-slate-600",
              )}
            >
              {counts[tab]}
            </span>
          </Link>
        );
      })}
    </nav>
  );
}
