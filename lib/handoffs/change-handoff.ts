import { getHandoff, listHandoffEvents, changeHandoff, type HandoffChange } from "@/db/queries/handoffs";
import { findUserById } from "@/db/queries/users";
import type { Handoff, HandoffStatus } from "@/db/schema";
import type { Actor } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import { UserError } from "@/lib/errors";
import { canActOnHandoff, canViewHandoff } from "@/lib/handoffs/access";
import { discardReasons, type DiscardReason } from "@/lib/handoffs/discard-reasons";
import { checkTransition, commands, openStatuses, statusLabels } from "@/lib/handoffs/state-machine";

export type StatusCommandInput =
  | { command: "accept" }
  | { command: "start_follow_up" }
  | { command: "discard"; reason: DiscardReason; note?: string | null }
  | { command: "convert"; valueAmount: number; valueCurrency: string; meetingBooked: boolean; note?: string | null };

/**
 * Applies one owner command to a package through the state machine. The caller's view of the
 * package is `expectedVersion`: if anyone changed it since, nothing is written and the error says
 * what happened, so the person can look at the fresh state and decide again.
 */
export async function changeHandoffStatus(options: { actor: Actor; handoffId: string; expectedVersion: number; input: StatusCommandInput }) {
  const { actor, handoffId, expectedVersion, input } = options;
  const { handoff: current } = await loadForChange(actor, handoffId, expectedVersion);

  const check = checkTransition(input.command, current.status);
  if (!check.ok) throw new UserError("conflict", check.reason);

  const change: HandoffChange = { status: check.to };
  let note: string | null = null;
  // What the command overwrites, so an undo (lib/handoffs/undo.ts) puts back exactly this.
  const data: Record<string, unknown> = { before: undoSnapshot(current) };
  if (input.command === "accept") {
    change.ownerId = actor.id;
    change.acceptedAt = new Date();
    if (current.ownerId && current.ownerId !== actor.id) data.previousOwnerId = current.ownerId;
  } else if (input.command === "discard") {
    change.discardReason = input.reason;
    change.closedAt = new Date();
    note = input.note?.trim() || null;
    data.reason = input.reason;
    data.reasonLabel = discardReasons[input.reason];
  } else if (input.command === "convert") {
    change.valueAmount = input.valueAmount;
    change.valueCurrency = input.valueCurrency;
    change.meetingBooked = input.meetingBooked;
    change.closedAt = new Date();
    note = input.note?.trim() || null;
    Object.assign(data, { valueAmount: input.valueAmount, valueCurrency: input.valueCurrency, meetingBooked: input.meetingBooked });
  }

  const updated = await changeHandoff({
    id: handoffId,
    expectedVersion,
    fromStatuses: commands[input.command].from,
    change,
    event: { type: "status_changed", actorKind: "user", actorId: actor.id, fromStatus: current.status, toStatus: check.to, note, data },
    // The CRM follows the status (lead status, task, deal stage and amount) through the outbox.
    along: { syncCrm: true },
  });
  if (!updated) throw await conflictError(handoffId, input.command);
  return updated;
}

/** The columns an accept, discard or convert overwrites, as they were: JSON-safe, for the event's data. */
export function undoSnapshot(h: Pick<Handoff, "ownerId" | "acceptedAt" | "closedAt" | "discardReason" | "valueAmount" | "valueCurrency" | "meetingBooked">) {
  return {
    ownerId: h.ownerId,
    acceptedAt: h.acceptedAt?.toISOString() ?? null,
    closedAt: h.closedAt?.toISOString() ?? null,
    discardReason: h.discardReason,
    valueAmount: h.valueAmount,
    valueCurrency: h.valueCurrency,
    meetingBooked: h.meetingBooked,
  };
}

/** A manager's call: hand the package to someone else (or back to the queue with `null`). */
export async function reassignHandoff(options: { actor: Actor; handoffId: string; expectedVersion: number; ownerId: string | null; note?: string | null }) {
  const { actor, handoffId, expectedVersion, ownerId } = options;
  if (!can(actor.role, "handoffs.reassign")) throw new UserError("forbidden", "Only managers and admins can reassign packages.");
  const { handoff: current } = await loadForChange(actor, handoffId, expectedVersion);
  if (!(openStatuses as readonly HandoffStatus[]).includes(current.status)) {
    throw new UserError("conflict", `This package is ${statusLabels[current.status].toLowerCase()}; only open packages can be reassigned.`);
  }
  let teamId = current.teamId;
  if (ownerId) {
    const owner = await findUserById({ id: ownerId });
    if (!owner || !owner.active) throw new UserError("bad_request", "That person is not an active user.", { ownerId: ["Pick an active user."] });
    teamId = owner.teamId ?? current.teamId;
  }
  // Reassigning an accepted package hands over the work, so it goes back to pending for the new owner.
  const status: HandoffStatus = current.ownerId !== ownerId && current.status === "accepted" ? "pending" : current.status;
  const updated = await changeHandoff({
    id: handoffId,
    expectedVersion,
    fromStatuses: openStatuses,
    change: { ownerId, teamId, status, acceptedAt: status === "pending" ? null : undefined },
    event: {
      type: "reassigned",
      actorKind: "user",
      actorId: actor.id,
      fromStatus: current.status,
      toStatus: status,
      note: options.note?.trim() || null,
      data: { fromOwnerId: current.ownerId, toOwnerId: ownerId },
    },
  });
  if (!updated) throw await conflictError(handoffId, "reassign");
  return updated;
}

/** The package as the actor may change it: it exists, they may act on it, and their view of it is current. */
export async function loadForChange(actor: Actor, handoffId: string, expectedVersion: number) {
  const found = await getHandoff({ id: handoffId });
  if (!found) throw new UserError("not_found", "That package does not exist (or was removed).");
  const current = found.handoff;
  if (!canViewHandoff(actor, current)) throw new UserError("forbidden", "This package is outside your team's queue.");
  // A stale view is reported first: "someone took it a moment ago" explains more than "not yours".
  if (current.version !== expectedVersion) throw await conflictError(handoffId, null);
  if (!canActOnHandoff(actor, current)) {
    throw new UserError("forbidden", `This package belongs to ${found.ownerName ?? "someone else"}. Ask a manager to reassign it.`);
  }
  return { handoff: current, ownerName: found.ownerName };
}

/** "Someone changed it a moment ago": who, what it is now, and that the attempted change (`verb`) was not applied. */
export async function conflictError(handoffId: string, attempted: string | null): Promise<UserError> {
  const fresh = await getHandoff({ id: handoffId });
  const [latest] = await listHandoffEvents({ handoffId, limit: 1 });
  const who = latest?.actorName ?? latest?.actorEmail ?? (latest?.event.actorKind === "agent" ? "The agent" : "Someone");
  const state = fresh ? statusLabels[fresh.handoff.status].toLowerCase() : "gone";
  const owner = fresh?.ownerName ? ` (owner: ${fresh.ownerName})` : "";
  const verb = attempted ? ` Your ${attempted.replace(/_/g, " ")} was not applied.` : " Nothing was changed.";
  return new UserError("conflict", `${who} changed this package a moment ago; it is now ${state}${owner}.${verb} The page now shows the latest state.`);
}
