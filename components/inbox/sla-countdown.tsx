"use client";

import { useEffect, useState } from "react";
import { cn } from "@/lib/cn";
import { slaClockLabels, slaDisplay, type SlaDisplay, type SlaSubject } from "@/lib/sla/sla-display";

const styles: Record<SlaDisplay["state"], string> = {
  ok: "text-slate-700",
  soon: "text-amber-700 font-medium",
  urgent: "text-red-700 font-semibold",
  breached: "text-red-700 font-semibold",
  met: "text-emerald-700",
  missed: "text-slate-600",
  none: "text-slate-400",
};

/**
 * The package's SLA: a running acceptance clock counts down (the server's clock renders first, the
 * browser's keeps it moving); a stopped one says how it ended. `labelled` names what the clock measures.
 */
export function SlaCountdown({ subject, serverNow, labelled = false }: { subject: SlaSubject; serverNow: Date; labelled?: boolean }) {
  const [now, setNow] = useState(serverNow);
  const display = slaDisplay(subject, now);
  useEffect(() => {
    if (!display.running) return;
    const tick = () => setNow(new Date());
    const id = setInterval(tick, 30_000);
    const first = setTimeout(tick, 0);
    return () => {
      clearInterval(id);
      clearTimeout(first);
    };
  }, [display.running]);
  const text = (
    <span
      className={cn("whitespace-nowrap tabular-nums", styles[display.state])}
      data-sla={display.state}
      data-testid="sla"
      title={`Due ${subject.slaDueAt.toISOString()}`}
    >
      {display.text}
    </span>
  );
  if (!labelled) return text;
  return (
    <span className="flex flex-col items-end">
      <span className="text-xs font-medium uppercase tracking-wide text-slate-500" data-testid="sla-clock-label">
        {slaClockLabels[display.clock]}
      </span>
      {text}
    </span>
  );
}
