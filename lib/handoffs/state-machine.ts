import type { HandoffStatus } from "@/db/schema/handoffs";

/**
 * The only ways a package's status may change (SPEC.md, States). Every command names the statuses
 * it may start from; anything else is refused with a message that says why.
 */
export const commands = {
  accept: { from: ["pending"], to: "accepted", verb: "accept" },
  start_follow_up: { from: ["accepted"], to: "in_follow_up", verb: "mark in follow-up" },
  convert: { from: ["accepted", "in_follow_up"], to: "converted", verb: "convert" },
  discard: { from: ["pending", "accepted", "in_follow_up"], to: "discarded", verb: "discard" },
  // Not for a person yet: the agent keeps the lead (nurture priority, no owner) until it escalates again.
  hand_back: { from: ["pending", "accepted", "in_follow_up"], to: "pending", verb: "hand back" },
} as const satisfies Record<string, { from: readonly HandoffStatus[]; to: HandoffStatus; verb: string }>;

export type StatusCommand = keyof typeof commands;

export const statusLabels: Record<HandoffStatus, string> = {
  pending: "Pending",
  accepted: "Accepted",
  in_follow_up: "In follow-up",
  converted: "Converted",
  discarded: "Discarded",
};

export const openStatuses = ["pending", "accepted", "in_follow_up"] as const satisfies readonly HandoffStatus[];

export type TransitionCheck = { ok: true; to: HandoffStatus } | { ok: false; reason: string };

export function checkTransition(command: StatusCommand, current: HandoffStatus): TransitionCheck {
  const rule = commands[command];
  if ((rule.from as readonly HandoffStatus[]).includes(current)) return { ok: true, to: rule.to };
  return {
    ok: false,
    reason: `You can't ${rule.verb} a package that is ${statusLabels[current].toLowerCase()}.`,
  };
}

export function allowedCommands(current: HandoffStatus): StatusCommand[] {
  return (Object.keys(commands) as StatusCommand[]).filter((c) => checkTransition(c, current).ok);
}

/**
 * Changes the system makes on its own, through the same table of statuses: a meeting booked by the
 * lead moves a package nobody has followed up yet into follow-up.
 */
export const systemTransitions = {
  meeting_booked: { from: ["pending", "accepted"], to: "in_follow_up" },
} as const satisfies Record<string, { from: readonly HandoffStatus[]; to: HandoffStatus }>;
