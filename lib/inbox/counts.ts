import type { HandoffPriority } from "@/db/schema/handoffs";
import type { InboxTab } from "@/lib/inbox/params";

/**
 * A tab's count as shown: exact, or a lower bound such as "10,000+" ("100+" for a search) where the
 * count stopped at its cap. Any tab cut short makes the All tab's sum a lower bound too.
 */
export function tabCount(tab: InboxTab, counts: Record<HandoffPriority, number>, cap?: number): string {
  const tabs: HandoffPriority[] = tab === "all" ? ["immediate", "normal", "nurture"] : [tab];
  const over = cap !== undefined && tabs.some((t) => counts[t] > cap);
  const sum = tabs.reduce((total, t) => total + (cap === undefined ? counts[t] : Math.min(counts[t], cap)), 0);
  return `${sum.toLocaleString("en")}${over ? "+" : ""}`;
}
