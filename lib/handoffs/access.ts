import type { UserRole } from "@/db/schema/auth";

type ActorScope = { id: string; role: UserRole; teamId: string | null };
type HandoffScope = { ownerId: string | null; teamId: string | null };

/** Reps work their team's queue and what is theirs; managers and admins see every team. */
export function canViewHandoff(actor: ActorScope, handoff: HandoffScope): boolean {
  if (actor.role !== "rep") return true;
  if (handoff.ownerId === actor.id) return true;
  return handoff.teamId !== null && handoff.teamId === actor.teamId;
}

/**
 * A rep acts on packages that are theirs or still unowned in their queue; taking over a colleague's
 * package is a reassignment, which is a manager's call.
 */
export function canActOnHandoff(actor: ActorScope, handoff: HandoffScope): boolean {
  if (!canViewHandoff(actor, handoff)) return false;
  if (actor.role !== "rep") return true;
  return handoff.ownerId === null || handoff.ownerId === actor.id;
}
