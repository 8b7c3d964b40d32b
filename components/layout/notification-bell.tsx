import Link from "next/link";
import { Bell } from "lucide-react";

/** The header's bell: unread in-app notifications, linking to the list. */
export function NotificationBell({ unread }: { unread: number }) {
  const label = unread ? `Notifications: ${unread} unread` : "Notifications";
  return (
    <Link
      href="/notifications"
      className="relative rounded-md p-2 text-slate-500 hover:bg-slate-100 hover:text-slate-800"
      aria-label={label}
      title={label}
      data-testid="notification-bell"
    >
      <Bell className="size-4" aria-hidden />
      {unread ? (
        <span
          className="absolute -right-0.5 -top-0.5 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] font-semibold leading-4 text-white"
          data-testid="notification-count"
        >
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </Link>
  );
}
