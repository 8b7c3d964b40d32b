import type { ApprovalScope } from "@/db/queries/approvals";
import type { Actor } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import { canActOnHandoff } from "@/lib/handoffs/access";

/** Whose requests a person sees: everyone's for managers and admins; a rep's own packages and their team's queue. */
export function approvalScopeFor(actor: Actor): ApprovalScope {
  return actor.role === "rep" ? { kind: "rep", userId: actor.id, teamId: actor.teamId } : { kind: "all" };
}

/** Whether this person may decide a request on this package (the console shows the buttons only then). */
export function mayDecide(actor: Actor, handoff: { ownerId: string | null; teamId: string | null }): boolean {
  return can(actor.role, "approvals.decide") && canActOnHandoff(actor, handoff);
}
