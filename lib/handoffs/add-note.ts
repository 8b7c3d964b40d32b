import { addHandoffEvent, getHandoff } from "@/db/queries/handoffs";
import type { Actor } from "@/lib/auth/guard";
import { UserError } from "@/lib/errors";
import { canViewHandoff } from "@/lib/handoffs/access";

/**
 * A note on the timeline. It changes nothing about the package, so it needs no version check and
 * never conflicts with someone else's status change; anyone who may see the package may add one.
 */
export async function addHandoffNote(options: { actor: Actor; handoffId: string; note: string }) {
  const found = await getHandoff({ id: options.handoffId });
  if (!found) throw new UserError("not_found", "That package does not exist (or was removed).");
  if (!canViewHandoff(options.actor, found.handoff)) throw new UserError("forbidden", "This package is outside your team's queue.");
  await addHandoffEvent({ handoffId: options.handoffId, event: { type: "note", actorKind: "user", actorId: options.actor.id, note: options.note } });
  return { id: options.handoffId };
}
