"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from "react";

const POLL_MS = 10_000;
const Context = createContext<Date | null>(null);

/** When the person first saw this view of the inbox in this tab; null before the browser knows (first render). */
export function useSeenSince() {
  return useContext(Context);
}

/**
 * Keeps the inbox current without a reload: re-renders the page on the server every 10 s while
 * the tab is visible. Also remembers when the person first loaded this view, so rows created
 * since then can be marked "New".
 *
 * `serverNow` is the time the page was rendered. It is what "first loaded" means, rather than the
 * browser's clock, because rows carry the database's timestamps and a skewed laptop clock would
 * otherwise mark old rows new (or new rows old).
 */
export function InboxLive({ serverNow, children }: { serverNow: Date; children: ReactNode }) {
  const router = useRouter();
  const key = storageKey(usePathname(), useSearchParams());
  // sessionStorage keeps the moment across reloads of this tab, per view. The server has no
  // storage, so the server render and hydration see null (no badges) and the browser fills it in.
  const stored = useSyncExternalStore(
    subscribeNever,
    () => readOrStore(key, serverNow),
    () => null,
  );
  const seenSince = useMemo(() => (stored ? new Date(stored) : null), [stored]);

  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | undefined;
    const start = () => {
      if (timer === undefined) timer = setInterval(() => router.refresh(), POLL_MS);
    };
    const stop = () => {
      clearInterval(timer);
      timer = undefined;
    };
    const onVisibility = () => {
      if (document.visibilityState === "visible") {
        // Back from another tab: catch up at once instead of waiting out the interval.
        router.refresh();
        start();
      } else {
        stop();
      }
    };
    if (document.visibilityState === "visible") start();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      stop();
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [router]);

  return <Context.Provider value={seenSince}>{children}</Context.Provider>;
}

// A view is everything in the URL but the page cursor: paging through a view keeps its "since".
function storageKey(pathname: string, params: URLSearchParams): string {
  const view = new URLSearchParams(params);
  view.delete("after");
  view.delete("before");
  view.sort();
  return `baton:inbox-seen:${pathname}?${view.toString()}`;
}

// Nothing else writes these keys while the page is open, so there is nothing to subscribe to.
function subscribeNever() {
  return () => {};
}

/** The stored moment for this view, storing `fallback` the first time; the same string on every later call. */
function readOrStore(key: string, fallback: Date): string {
  try {
    const stored = sessionStorage.getItem(key);
    if (stored && !Number.isNaN(new Date(stored).getTime())) return stored;
    sessionStorage.setItem(key, fallback.toISOString());
  } catch {
    // Storage can be unavailable (private mode, quota); the render time still works for this visit.
  }
  return fallback.toISOString();
}
