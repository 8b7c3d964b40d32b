"use client";

import { useSyncExternalStore } from "react";
import { DESKTOP_ALERTS_KEY, desktopAlertsOn, rememberAsked, setDesktopAlerts } from "@/lib/notifications/desktop-alerts";

const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => e.key === DESKTOP_ALERTS_KEY && listener();
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
};

/** Browser alerts for immediate packages, on or off in this browser (the server render knows nothing of it: unchecked until hydrated). */
export function DesktopAlertsToggle() {
  const on = useSyncExternalStore(
    subscribe,
    () => desktopAlertsOn(localStorage),
    () => null,
  );
  const permission = useSyncExternalStore(
    subscribe,
    () => (typeof Notification === "undefined" ? "unsupported" : Notification.permission),
    () => null,
  );
  const change = async (next: boolean) => {
    setDesktopAlerts(localStorage, next);
    if (next && permission === "default") {
      rememberAsked(localStorage);
      await Notification.requestPermission();
    }
    for (const listener of listeners) listener();
  };
  return (
    <div className="space-y-1">
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input
          type="checkbox"
          className="size-4"
          checked={on === true && permission !== "denied" && permission !== "unsupported"}
          disabled={on === null || permission === "denied" || permission === "unsupported"}
          onChange={(e) => void change(e.target.checked)}
        />
        Browser alerts in this browser when an immediate package is routed to me, while Baton is in a background tab
      </label>
      {permission === "denied" ? (
        <p className="text-xs text-slate-500">This browser blocks Baton&apos;s notifications; allow them in the site settings to turn this on.</p>
      ) : null}
      {permission === "unsupported" ? <p className="text-xs text-slate-500">This browser has no notifications.</p> : null}
    </div>
  );
}
