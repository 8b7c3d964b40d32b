import { durationText, relativeTime, slaState } from "@/lib/format";

/**
 * What a package's SLA cell says. The only clock a policy runs is acceptance (sla_policies: minutes
 * until a person accepts a pending package); once it is accepted that clock has stopped, met or
 * missed, and says so instead of counting on. Only a running clock can be due soon or breached
 * (amber and red); the inbox's SLA sort puts running clocks first (db/queries/handoffs.ts).
 */
export type SlaDisplay =
  | { clock: "acceptance"; running: true; state: "ok" | "soon" | "urgent" | "breached"; text: string }
  | { clock: "acceptance"; running: false; state: "met" | "missed"; text: string }
  | { clock: "none"; running: false; state: "none"; text: string };

export type SlaSubject = { status: string; priority: string | null; slaDueAt: Date; createdAt: Date; acceptedAt: Date | null };

export const slaClockLabels = { acceptance: "Time to accept", none: "SLA" } as const;

export function slaDisplay(subject: SlaSubject, now: Date): SlaDisplay {
  if (subject.status === "pending" && subject.priority) {
    const state = slaState(subject.slaDueAt, now, subject.createdAt, true) as "ok" | "soon" | "urgent" | "breached";
    return {
      clock: "acceptance",
      running: true,
      state,
      text: state === "breached" ? `Breached ${relativeTime(subject.slaDueAt, now)}` : `Due ${relativeTime(subject.slaDueAt, now)}`,
    };
  }
  if (subject.acceptedAt && subject.priority) {
    const late = subject.acceptedAt.getTime() - subject.slaDueAt.getTime();
    return late > 0
      ? { clock: "acceptance", running: false, state: "missed", text: `Accepted ${durationText(late)} late` }
      : { clock: "acceptance", running: false, state: "met", text: `Accepted in ${durationText(subject.acceptedAt.getTime() - subject.createdAt.getTime())}` };
  }
  // Closed without being accepted (discarded while pending, the agent's own records): no clock ran to the end.
  return { clock: "none", running: false, state: "none", text: "—" };
}
