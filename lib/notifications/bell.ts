/** What the bell's popover shows of one notification, as the browser receives it. */
export type BellItem = {
  id: string;
  title: string;
  body: string;
  href: string | null;
  createdAt: string;
  unread: boolean;
  /** About a package the agent marked immediate: the only kind that raises a browser alert. */
  immediate: boolean;
};

export type BellState = { unread: number; items: BellItem[] };

/** How many the popover lists (the rest are on /notifications). */
export const BELL_ITEMS = 6;

/** Where a notification leads: its package, or the jobs page for a stuck queue. */
export function notificationHref(n: { handoffId: string | null; event: string }): string | null {
  if (n.handoffId) return `/handoffs/${n.handoffId}`;
  return n.event === "queue_stalled" ? "/admin/jobs" : null;
}

export function toBellState(read: {
  unread: number;
  items: { id: string; handoffId: string | null; event: string; title: string; body: string; createdAt: Date; readAt: Date | null; immediate: boolean }[];
}): BellState {
  return {
    unread: read.unread,
    items: read.items.map((n) => ({
      id: n.id,
      title: n.title,
      body: n.body,
      href: notificationHref(n),
      createdAt: n.createdAt.toISOString(),
      unread: n.readAt === null,
      immediate: n.immediate,
    })),
  };
}

/**
 * The items that deserve a browser alert now: unread, about an immediate package, not known to
 * this tab before, and newer than when the tab started listening (so opening the console never
 * replays old news).
 */
export function alertsToRaise(items: BellItem[], known: ReadonlySet<string>, listeningSince: Date): BellItem[] {
  return items.filter((n) => n.unread && n.immediate && !known.has(n.id) && new Date(n.createdAt).getTime() >= listeningSince.getTime());
}
