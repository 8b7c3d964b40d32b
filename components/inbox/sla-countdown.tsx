"use client";

import { useEffect, useState } from "react";
import { cn } from "@/lib/cn";
import { relativeTime, slaState, type SlaState } from "@/lib/format";

const styles: Record<SlaState, string> = {
  ok: "text-slate-700",
  soon: "text-amber-700 font-medium",
  urgent: "text-red-700 font-semibold",
  breached: "text-red-700 font-semibold",
  closed: "text-slate-400",
};

/** Counts down to the SLA due time; the server's clock renders first, the browser's keeps it moving. */
export function SlaCountdown({ due, createdAt, open, serverNow }: { due: Date; createdAt: Date; open: boolean; serverNow: Date }) {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const tick = () => setNow(new Date());
    const id = setInterval(tick, 30_000);
    const first = setTimeout(tick, 0);
    return () => {
      clearInterval(id);
      clearTimeout(first);
    };
  }, []);
  const state = slaState(due, now, createdAt, open);
  const text = state === "closed" ? "—" : state === "breached" ? `Breached ${relativeTime(due, now)}` : `Due ${relativeTime(due, now)}`;
  return (
    <span className={cn("whitespace-nowrap tabular-nums", styles[state])} data-sla={state} title={due.toISOString()}>
      {text}
    </span>
  );
}
