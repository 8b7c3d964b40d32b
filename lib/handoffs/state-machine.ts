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

/** How long after an action its toast offers Undo; the server allows a little more for the round trip. */
export const UNDO_WINDOW_MS = 10_000;
export const UNDO_GRACE_MS = 2_000;

/**
 * What a person may take back, and from which status: an accept, discard or convert returns the
 * package to the status it had (the event's `fromStatus`), a snooze to its previous wake time. Each
 * names the status the package must still be in and the statuses it may return to.
 */
export const undoable = {
  accept: { eventType: "status_changed", at: ["accepted"], backTo: ["pending"] },
  discard: { eventType: "status_changed", at: ["discarded"], backTo: openStatuses },
  convert: { eventType: "status_changed", at: ["converted"], backTo: ["accepted", "in_follow_up"] },
  snooze: { eventType: "snoozed", at: openStatuses, backTo: openStatuses },
} as const satisfies Record<string, { eventType: string; at: readonly HandoffStatus[]; backTo: readonly HandoffStatus[] }>;

export type UndoableCommand = keyof typeof undoable;

/** The command an event records, if it is one a person may undo. */
export function undoableCommandOf(event: { type: string; fromStatus: HandoffStatus | null; toStatus: HandoffStatus | null }): UndoableCommand | null {
  if (event.type === "snoozed") return "snooze";
  if (event.type !== "status_changed" || !event.fromStatus || !event.toStatus) return null;
  for (const command of ["accept", "discard", "convert"] as const) {
    const rule = undoable[command];
    if ((rule.at as readonly HandoffStatus[]).includes(event.toStatus) && (rule.backTo as readonly HandoffStatus[]).includes(event.fromStatus)) return command;
  }
  return null;
}

export type UndoCheck = { ok: true; command: UndoableCommand; to: HandoffStatus } | { ok: false; reason: string };

/**
 * Whether `actorId` may undo the action `event` recorded, now: only its own, within the window, and
 * only while the package is still where that action left it (the caller also checks the version).
 */
export function checkUndo(
  event: { type: string; actorId: string | null; fromStatus: HandoffStatus | null; toStatus: HandoffStatus | null; createdAt: Date },
  current: HandoffStatus,
  actorId: string,
  now: Date,
): UndoCheck {
  const command = undoableCommandOf(event);
  if (!command) return { ok: false, reason: "The last change to this package cannot be undone." };
  if (event.actorId !== actorId) return { ok: false, reason: "Only the person who made this change can undo it." };
  if (now.getTime() - event.createdAt.getTime() > UNDO_WINDOW_MS + UNDO_GRACE_MS) return { ok: false, reason: "Too late to undo: the 10 seconds have passed." };
  if (!(undoable[command].at as readonly HandoffStatus[]).includes(current)) return { ok: false, reason: "The package changed since; nothing was undone." };
  const to = command === "snooze" ? current : event.fromStatus!;
  return { ok: true, command, to };
}
