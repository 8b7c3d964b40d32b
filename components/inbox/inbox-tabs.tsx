import Link from "next/link";
import type { HandoffPriority } from "@/db/schema/handoffs";
import { tabCount } from "@/lib/inbox/counts";
import type { InboxTab } from "@/lib/inbox/params";
import { cn } from "@/lib/cn";
import { priorityLabels } from "@/lib/format";
import { inboxHref } from "@/lib/inbox/href";

const tabHints: Record<InboxTab, string> = {
  immediate: "Risk, or high value with urgency",
  normal: "Worth a person's review",
  nurture: "Waiting for data",
  all: "Every priority; sort by priority to read them in order",
};
const tabLabels: Record<InboxTab, string> = { ...priorityLabels, all: "All" };

export function InboxTabs({
  active,
  counts,
  cap,
  baseParams,
}: {
  active: InboxTab;
  counts: Record<HandoffPriority, number>;
  /** Counts above this were cut short (a search): shown as "10,000+". */
  cap?: number;
  baseParams: Record<string, string | undefined>;
}) {
  return (
    <nav aria-label="Priority" className="flex gap-1 overflow-x-auto border-b border-slate-200 sm:gap-2" role="tablist">
      {(Object.keys(tabLabels) as InboxTab[]).map((tab) => {
        const selected = tab === active;
        const count = tab === "all" ? counts.immediate + counts.normal + counts.nurture : counts[tab];
        const shown = tabCount(tab, counts, cap);
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
            {tabLabels[tab]}
            <span
              data-testid={`tab-count-${tab}`}
              className={cn(
                "rounded-full px-2 py-0.5 text-xs tabular-nums",
                tab === "immediate" && count > 0 ? "bg-red-100 text-red-700" : "bg-slate-100 text-slate-600",
              )}
            >
              {shown}
            </span>
          </Link>
        );
      })}
    </nav>
  );
}
