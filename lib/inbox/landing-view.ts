import type { UserRole } from "@/db/schema/auth";
import { can } from "@/lib/auth/roles";
import { inboxViews, type InboxView } from "@/lib/inbox/params";

// Where a rep's inbox opens: their own packages first, then the view they used last. The last view
// is remembered in a cookie (no table for a preference this small) keyed by the user, so another
// person signing in on the same browser does not inherit it. Managers keep the team queue.

export const INBOX_VIEW_COOKIE = "baton_inbox_view";
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/** The views a rep may land on: every view but the managers' all-teams one. */
const repLandingViews: readonly InboxView[] = inboxViews.filter((v) => v !== "all");

export function rememberedViewValue(userId: string, view: InboxView): string {
  return `${userId}.${view}`;
}

/** The cookie the browser sets when a rep opens a view, read back by `landingView`. */
export function rememberedViewCookie(userId: string, view: InboxView): string {
  return `${INBOX_VIEW_COOKIE}=${encodeURIComponent(rememberedViewValue(userId, view))}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax`;
}

/** The view a cookie remembers for this user, or null when it is absent, another user's or not a view a rep may use. */
export function readRememberedView(cookieValue: string | undefined, userId: string): InboxView | null {
  if (!cookieValue) return null;
  const value = decodeURIComponent(cookieValue);
  const at = value.lastIndexOf(".");
  if (at < 0 || value.slice(0, at) !== userId) return null;
  const view = value.slice(at + 1) as InboxView;
  return repLandingViews.includes(view) ? view : null;
}

/**
 * The view to open when someone opens the inbox with nothing chosen (a bare /inbox: the menu, a
 * sign-in): a rep's remembered view, else Mine; null for managers and admins (today's team queue,
 * no redirect).
 */
export function landingView(actor: { id: string; role: UserRole }, cookieValue: string | undefined): InboxView | null {
  if (can(actor.role, "handoffs.read_all")) return null;
  return readRememberedView(cookieValue, actor.id) ?? "mine";
}

/** Whether opening this view should be remembered as the rep's last one. */
export function remembersView(role: UserRole, view: InboxView | undefined): view is InboxView {
  return view !== undefined && !can(role, "handoffs.read_all") && repLandingViews.includes(view);
}
