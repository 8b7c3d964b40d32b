"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { Bell } from "lucide-react";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { alertsToRaise, type BellState } from "@/lib/notifications/bell";
import { desktopAlertsOn, rememberAsked, shouldOfferDesktopAlerts } from "@/lib/notifications/desktop-alerts";
import { formatDateTime } from "@/lib/format";

/** How often the bell asks for news; a background tab's timers are slowed by the browser further. */
const POLL_MS = 15_000;

const permissionNow = (): NotificationPermission | "unsupported" => (typeof Notification === "undefined" ? "unsupported" : Notification.permission);

/**
 * The header's bell: the unread count, and a popover with the newest items. It keeps itself
 * current, and while the console sits in a background tab it raises a browser notification for a
 * new immediate package (the browser's permission is asked for once, from the popover; the alerts
 * can be turned off per browser on /notifications).
 */
export function NotificationBell({ initial, serverNow }: { initial: BellState; serverNow: string }) {
  const router = useRouter();
  const [state, setState] = useState(initial);
  const [open, setOpen] = useState(false);
  const [offerAlerts, setOfferAlerts] = useState(false);
  const known = useRef(new Set(initial.items.map((n) => n.id)));
  // When this tab started listening (the first render's server time, like the rows' own clocks).
  const listeningSince = useRef(new Date(serverNow));
  const root = useRef<HTMLDivElement>(null);
  const panelId = useId();

  const refresh = useCallback(async () => {
    const response = await fetch("/api/notifications/latest", { cache: "no-store" }).catch(() => null);
    if (!response?.ok) return;
    const next = (await response.json()) as BellState;
    const fresh = alertsToRaise(next.items, known.current, listeningSince.current);
    for (const n of next.items) known.current.add(n.id);
    setState(next);
    if (fresh.length && document.visibilityState === "hidden" && permissionNow() === "granted" && desktopAlertsOn(localStorage)) {
      for (const n of fresh) {
        const alert = new Notification(n.title, { body: n.body, tag: n.id });
        alert.onclick = () => {
          window.focus();
          if (n.href) router.push(n.href);
          alert.close();
        };
      }
    }
  }, [router]);

  useEffect(() => {
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  // A server render (navigation, router.refresh) brings a newer count: take it, and what it lists is known.
  const [rendered, setRendered] = useState(initial);
  if (rendered !== initial) {
    setRendered(initial);
    setState(initial);
  }
  useEffect(() => {
    for (const n of initial.items) known.current.add(n.id);
  }, [initial]);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    const onClick = (e: MouseEvent) => root.current && !root.current.contains(e.target as Node) && setOpen(false);
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  const askForAlerts = async () => {
    rememberAsked(localStorage);
    setOfferAlerts(false);
    await Notification.requestPermission();
  };

  const label = state.unread ? `Notifications: ${state.unread} unread` : "Notifications";
  return (
    <div className="relative" ref={root}>
      <button
        type="button"
        className="relative rounded-md p-2 text-slate-500 hover:bg-slate-100 hover:text-slate-800"
        aria-label={label}
        title={label}
        aria-expanded={open}
        aria-controls={panelId}
        data-testid="notification-bell"
        onClick={() => {
          if (!open) {
            setOfferAlerts(shouldOfferDesktopAlerts(localStorage, permissionNow()));
            void refresh();
          }
          setOpen(!open);
        }}
      >
        <Bell className="size-4" aria-hidden />
        {state.unread ? (
          <span
            className="absolute -right-0.5 -top-0.5 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] font-semibold leading-4 text-white"
            data-testid="notification-count"
          >
            {state.unread > 99 ? "99+" : state.unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div
          id={panelId}
          role="dialog"
          aria-label="Latest notifications"
          className="absolute right-0 top-full z-30 mt-1 w-80 max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white shadow-lg"
          data-testid="notification-popover"
        >
          <p className="border-b border-slate-100 px-3 py-2 text-xs font-medium text-slate-500">{state.unread ? `${state.unread} unread` : "All read"}</p>
          {state.items.length === 0 ? (
            <p className="px-3 py-4 text-sm text-slate-500">Nothing yet. Packages routed to you, reminders and escalations appear here.</p>
          ) : (
            <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto">
              {state.items.map((n) => (
                <li key={n.id} className="px-3 py-2" data-unread={n.unread ? "true" : "false"}>
                  {n.href ? (
                    <Link href={n.href} className="block hover:underline" onClick={() => setOpen(false)}>
                      <BellLine title={n.title} unread={n.unread} />
                    </Link>
                  ) : (
                    <BellLine title={n.title} unread={n.unread} />
                  )}
                  <p className="mt-0.5 line-clamp-2 text-xs text-slate-600">{n.body}</p>
                  <time className="text-[11px] text-slate-400" dateTime={n.createdAt}>
                    {formatDateTime(new Date(n.createdAt))}
                  </time>
                </li>
              ))}
            </ul>
          )}
          {offerAlerts ? (
            <div className="border-t border-slate-100 px-3 py-2">
              <button type="button" className="text-xs font-medium text-brand-700 hover:underline" onClick={() => void askForAlerts()}>
                Alert me in this browser when an immediate package is routed to me
              </button>
            </div>
          ) : null}
          <div className="border-t border-slate-100 px-3 py-2 text-right">
            <Link href="/notifications" className="text-xs font-medium text-brand-700 hover:underline" onClick={() => setOpen(false)}>
              All notifications and preferences
            </Link>
          </div>
        </div>
      ) : null}
    </div>
  );
}

function BellLine({ title, unread }: { title: string; unread: boolean }) {
  return <p className={`truncate text-sm ${unread ? "font-semibold text-slate-900" : "text-slate-700"}`}>{title}</p>;
}
