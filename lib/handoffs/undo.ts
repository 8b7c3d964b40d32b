import { changeHandoff, listHandoffEvents, type HandoffChange } from "@/db/queries/handoffs";
import type { HandoffStatus } from "@/db/schema";
import type { Actor } from "@/lib/auth/guard";
import { UserError } from "@/lib/errors";
import { conflictError, loadForChange } from "@/lib/handoffs/change-handoff";
import { checkUndo, undoable } from "@/lib/handoffs/state-machine";
import { UNDONE_EVENT } from "@/lib/handoffs/undo-words";

/** Timeline events that change nothing on the package itself. */
const asidesOnly = new Set(["note", "poor_escalation_flagged"]);

type Before = Partial<Record<"ownerId" | "acceptedAt" | "closedAt" | "discardReason" | "valueCurrency" | "snoozedUntil", string | null>> & {
  valueAmount?: number | null;
  meetingBooked?: boolean;
};

const date = (value: string | null | undefined) => (value ? new Date(value) : null);

/**
 * Takes back the actor's own accept, discard, convert or snooze, for a few seconds after it: the
 * package returns to the status and values the action's event recorded as `before`, through the
 * state machine's `undoable` table and the one guarded write, with its own `undone` timeline event.
 * `expectedVersion` is the version the action returned: anything since (another person, the agent, a
 * second undo) refuses it.
 */
export async function undoLastAction(options: { actor: Actor; handoffId: string; expectedVersion: number; now?: Date }) {
  const { actor, handoffId, expectedVersion } = options;
  const now = options.now ?? new Date();
  const { handoff: current } = await loadForChange(actor, handoffId, expectedVersion);
  // The action's own event must be the newest: only a note or a flag (which leave the package as it is) may follow it.
  const events = await listHandoffEvents({ handoffId, limit: 20 });
  const last = events.find(({ event }) => !asidesOnly.has(event.type))?.event;
  if (!last) throw new UserError("conflict", "There is nothing to undo on this package.");
  const check = checkUndo(last, current.status, actor.id, now);
  if (!check.ok) throw new UserError("conflict", check.reason);

  const before = ((last.data as Record<string, unknown>).before ?? null) as Before | null;
  if (!before) throw new UserError("conflict", "This change was made before undo existed; it cannot be undone.");
  let change: HandoffChange;
  if (check.command === "snooze") {
    change = { snoozedUntil: date(before.snoozedUntil) };
  } else {
    change = {
      status: check.to,
      ownerId: before.ownerId ?? null,
      acceptedAt: date(before.acceptedAt),
      closedAt: date(before.closedAt),
      discardReason: before.discardReason ?? null,
      valueAmount: before.valueAmount ?? null,
      valueCurrency: before.valueCurrency ?? null,
      meetingBooked: before.meetingBooked ?? false,
    };
  }

  const updated = await changeHandoff({
    id: handoffId,
    expectedVersion,
    fromStatuses: undoable[check.command].at as readonly HandoffStatus[],
    change,
    event: {
      type: UNDONE_EVENT,
      actorKind: "user",
      actorId: actor.id,
      fromStatus: current.status,
      toStatus: check.to,
      data: { command: check.command, undoneEventId: last.id },
    },
    // The CRM follows the status back, as it followed it forward.
    along: { syncCrm: check.command !== "snooze" },
  });
  if (!updated) throw await conflictError(handoffId, "undo");
  return updated;
}
