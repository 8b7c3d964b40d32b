import Link from "next/link";
import { LogOut } from "lucide-react";
import type { Actor } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import type { BellState } from "@/lib/notifications/bell";
import { NotificationBell } from "./notification-bell";

const roleLabels = { rep: "Sales rep", manager: "Manager", admin: "Admin" } as const;

const navLink = "rounded-md px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-100";

export function ConsoleHeader({ actor, signOut, bell, serverNow }: { actor: Actor; signOut: () => Promise<void>; bell: BellState; serverNow: string }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      {/* On a phone the nav takes a second row of its own and scrolls sideways if it must. */}
      <div className="mx-auto flex min-h-14 max-w-7xl flex-wrap items-center gap-x-6 gap-y-1 px-4 py-2 sm:py-0">
        <Link href="/inbox" className="text-lg font-semibold tracking-tight text-slate-900">
          Baton<span className="text-brand-600">.</span>
        </Link>
        <nav aria-label="Main" className="order-last -mx-1 flex w-full gap-1 overflow-x-auto text-sm sm:order-none sm:mx-0 sm:w-auto">
          <Link href="/inbox" className={navLink}>
            Inbox
          </Link>
          {can(actor.role, "metrics.read") ? (
            <Link href="/metrics" className={navLink}>
              Metrics
            </Link>
          ) : null}
          <Link href="/crm/contacts" className={navLink}>
            CRM
          </Link>
          <Link href="/approvals" className={navLink}>
            Approvals
          </Link>
          {can(actor.role, "admin.manage") ? (
            <Link href="/admin/rules" className={navLink}>
              Admin
            </Link>
          ) : null}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <NotificationBell initial={bell} serverNow={serverNow} />
          <Link href="/profile" className="block max-w-[10rem] rounded-md px-1 text-right leading-tight hover:bg-slate-100" title="Your profile">
            <p className="truncate font-medium text-slate-900" data-testid="current-user" title={actor.name ?? actor.email}>
              {actor.name ?? actor.email}
            </p>
            <p className="text-xs text-slate-500">{roleLabels[actor.role]}</p>
          </Link>
          <form action={signOut}>
            <button type="submit" className="rounded-md p-2 text-slate-500 hover:bg-slate-100 hover:text-slate-800" aria-label="Sign out" title="Sign out">
              <LogOut className="size-4" aria-hidden />
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
