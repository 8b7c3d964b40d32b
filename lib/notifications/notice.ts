import type { HandoffPackage, Priority } from "@/lib/contract/package";
import { label, priorityLabels, reasonLabels } from "@/lib/format";
import type { NotifyEvent } from "@/lib/jobs/queues";

/** What one message about a package says, whatever the channel. */
export type Notice = {
  event: NotifyEvent;
  title: string;
  priority: Priority | null;
  priorityLabel: string;
  /** The package's 5-8 line summary, a line each. */
  summary: string[];
  /** Each reason with the words that triggered it. */
  reasons: string[];
  nextStep: string;
  /** What this message asks of the person (accept, look at a breach…). */
  ask: string;
  url: string;
  dueAt: Date;
};

export type NoticeInput = {
  event: NotifyEvent;
  appUrl: string;
  handoff: {
    id: string;
    priority: Priority | null;
    leadName: string | null;
    companyName: string | null;
    summary: string;
    slaDueAt: Date;
    package: HandoffPackage;
  };
  ownerName: string | null;
  teamName: string | null;
  breaches?: number;
  maxBreaches?: number;
  step?: "half" | "due";
};

/** Builds the notice for one event about one package (pure: the channels only format it). */
export function buildNotice(input: NoticeInput): Notice {
  const { handoff, event } = input;
  const who = [handoff.leadName, handoff.companyName].filter(Boolean).join(", ") || "A lead";
  const priorityLabel = handoff.priority ? priorityLabels[handoff.priority] : "No priority";
  const owner = input.ownerName ?? `the ${input.teamName ?? "team"} queue`;
  const due = handoff.slaDueAt.toISOString().replace("T", " ").slice(0, 16) + " UTC";
  const titles: Record<NotifyEvent, string> = {
    created: `${priorityLabel} handoff: ${who}`,
    assigned: `Handed to you: ${who} (${priorityLabel.toLowerCase()})`,
    reminder: input.step === "due" ? `SLA reached, still not accepted: ${who}` : `Reminder, half the SLA is gone: ${who}`,
    breach: `SLA breached (${input.breaches ?? 1} of ${input.maxBreaches ?? 1}): ${who}, owner ${owner}`,
    closed: `Closed to nurture after no answer: ${who}`,
    meeting: `Meeting booked: ${who}`,
    lead_message: `${who} wrote in the chat`,
    lead_replied: `${firstName(handoff.leadName) ?? who} replied: ${who}`,
    email_bounced: `Email to ${who} bounced: the address is undeliverable`,
  };
  const asks: Record<NotifyEvent, string> = {
    created: `Accept it by ${due}.`,
    assigned: `It was reassigned to you after the SLA lapsed. Accept it by ${due}.`,
    reminder: `Accept it by ${due} or it escalates to your manager.`,
    breach: `${owner} did not accept it in time. Reassign it or follow up.`,
    closed: `Nobody accepted it after ${input.breaches ?? 0} SLA breaches; it waits in nurture now.`,
    meeting: "The lead booked a meeting through the booking link; the package is in follow-up. The time is on its timeline.",
    lead_message: "The lead is waiting in the live chat: reply from the package page.",
    lead_replied: "Read the reply in the package's conversation and answer from there.",
    email_bounced: "Find another way to reach the lead (phone, another address); Baton sends nothing more to this address.",
  };
  const pkg = handoff.package;
  return {
    event,
    title: titles[event],
    priority: handoff.priority,
    priorityLabel,
    summary: summaryLines(pkg.summary || handoff.summary),
    reasons: pkg.reasons.map((r) => `${label(reasonLabels, r.code)}: “${r.evidence}”`),
    nextStep: `${capitalise(pkg.nextStep.action.replace(/_/g, " "))}: ${pkg.nextStep.why}`,
    ask: asks[event],
    url: `${input.appUrl.replace(/\/$/, "")}/handoffs/${handoff.id}`,
    dueAt: handoff.slaDueAt,
  };
}

/** The summary as separate lines, at most 8: written as a note, it may come as sentences on one line. */
export function summaryLines(summary: string): string[] {
  const lines = summary
    .split(/\n+/)
    .flatMap((line) => (line.length > 160 ? line.split(/(?<=[.!?])\s+/) : [line]))
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.slice(0, 8);
}

function firstName(name: string | null): string | null {
  return name?.trim().split(/\s+/)[0] || null;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
