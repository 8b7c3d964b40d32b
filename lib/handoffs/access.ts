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

/**
 * Who may write to the lead in the package's conversation: the person who owns the package, a
 * manager of its team (a manager without a team manages every team), an admin. Nobody writes on a
 * package nobody has taken: the agent speaks until a person accepts it.
 */
export function canWriteToLead(actor: ActorScope, handoff: HandoffScope & { status: string }): boolean {
  if (handoff.ownerId === null || !["accepted", "in_follow_up"].includes(handoff.status)) return false;
  if (actor.role === "admin") return true;
  if (actor.role === "manager") return actor.teamId === null || actor.teamId === handoff.teamId;
  return handoff.ownerId === actor.id;
}
