import type { HandoffStatus } from "@/db/schema/handoffs";
import type { UserRole } from "@/db/schema/auth";
import { can } from "@/lib/auth/roles";
import { canActOnHandoff } from "@/lib/handoffs/access";
import { checkTransition, openStatuses } from "@/lib/handoffs/state-machine";

type ActorScope = { id: string; role: UserRole; teamId: string | null };
type HandoffForActions = { ownerId: string | null; teamId: string | null; status: HandoffStatus };

/**
 * Which of the package page's actions this person may use on this package now: what the state
 * machine allows from its status, narrowed by whose package it is. The page shows exactly these;
 * each server action checks again, so a stale page can offer nothing the server would run.
 */
export function allowedPackageActions(actor: ActorScope, handoff: HandoffForActions) {
  const mayAct = canActOnHandoff(actor, handoff);
  const mayReassign = can(actor.role, "handoffs.reassign");
  const isOpen = (openStatuses as readonly HandoffStatus[]).includes(handoff.status);
  return {
    mayAct,
    mayReassign,
    isOpen,
    status: {
      accept: mayAct && checkTransition("accept", handoff.status).ok,
      startFollowUp: mayAct && checkTransition("start_follow_up", handoff.status).ok,
      convert: mayAct && checkTransition("convert", handoff.status).ok,
      discard: mayAct && checkTransition("discard", handoff.status).ok,
      reassign: mayReassign && isOpen,
    },
    ownerRequests: {
      requestInfo: mayAct && isOpen,
      snooze: mayAct && isOpen,
      handBack: mayAct && checkTransition("hand_back", handoff.status).ok,
    },
  };
}
