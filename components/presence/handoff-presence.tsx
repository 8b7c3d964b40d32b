"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Eye, History } from "lucide-react";
import { presenceHeartbeat } from "@/app/(console)/handoffs/presence-actions";
import type { PresenceView } from "@/lib/inbox/presence";

const HEARTBEAT_MS = 15_000;

/**
 * On the package page: tells the server this person has the package open (every 15 s while the tab
 * is visible) and shows who else has it open, and who else changed it a moment ago.
 */
export function HandoffPresence({ handoffId }: { handoffId: string }) {
  const router = useRouter();
  const [presence, setPresence] = useState<PresenceView>({ viewers: [], acted: null });

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setInterval> | undefined;
    const beat = async () => {
      const result = await presenceHeartbeat({ handoffId });
      if (!stopped && result.ok) setPresence(result.data);
    };
    const start = () => {
      void beat();
      timer ??= setInterval(beat, HEARTBEAT_MS);
    };
    const stop = () => {
      clearInterval(timer);
      timer = undefined;
    };
    const onVisibility = () => (document.visibilityState === "visible" ? start() : stop());
    if (document.visibilityState === "visible") start();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      stopped = true;
      stop();
      document.removeEventListener("visibilitychange", onVisibility);
      void presenceHeartbeat({ handoffId, leaving: true });
    };
  }, [handoffId]);

  const { viewers, acted } = presence;
  return (
    <div role="status" aria-live="polite" data-testid="presence" className="empty:hidden space-y-1">
      {viewers.length > 0 ? (
        <p
          className="flex items-center gap-1.5 rounded-md bg-amber-50 px-3 py-1.5 text-sm text-amber-900 ring-1 ring-amber-200 ring-inset"
          data-testid="presence-viewers"
        >
          <Eye className="size-4 shrink-0" aria-hidden />
          <span className="min-w-0 wrap-anywhere">
            {joinNames(viewers)} {viewers.length === 1 ? "is" : "are"} viewing this package too.
          </span>
        </p>
      ) : null}
      {acted ? (
        <p
          className="flex flex-wrap items-center gap-1.5 rounded-md bg-brand-50 px-3 py-1.5 text-sm text-brand-700 ring-1 ring-brand-100 ring-inset"
          data-testid="presence-acted"
        >
          <History className="size-4 shrink-0" aria-hidden />
          <span className="min-w-0 wrap-anywhere">
            {acted.by} {acted.what} a moment ago.
          </span>
          <button type="button" onClick={() => router.refresh()} className="font-medium underline hover:no-underline">
            Show the latest
          </button>
        </p>
      ) : null}
    </div>
  );
}

export function joinNames(names: string[]): string {
  if (names.length <= 2) return names.join(" and ");
  return `${names.slice(0, 2).join(", ")} and ${names.length - 2} more`;
}
