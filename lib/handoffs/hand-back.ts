import { changeHandoff } from "@/db/queries/handoffs";
import { slaDeadline } from "@/db/queries/routing";
import type { Actor } from "@/lib/auth/guard";
import { UserError } from "@/lib/errors";
import { conflictError, loadForChange } from "@/lib/handoffs/change-handoff";
import { RESUME_LINE } from "@/lib/handoffs/info-request-messages";
import { checkTransition, commands } from "@/lib/handoffs/state-machine";

/**
 * "Not for a person yet": the package goes back to the agent. It is pending again with no owner, at
 * nurture priority and its SLA, any snooze and open request for info dropped; in chat the agent
 * takes the conversation back and says so to the lead, and escalates it again only if the case
 * becomes stronger than it was when it was handed back.
 */
export async function handBackToAgent(options: { actor: Actor; handoffId: string; expectedVersion: number; reason: string; now?: Date }) {
  const { actor, handoffId, expectedVersion } = options;
  const now = options.now ?? new Date();
  const { handoff } = await loadForChange(actor, handoffId, expectedVersion);
  const check = checkTransition("hand_back", handoff.status);
  if (!check.ok) throw new UserError("conflict", check.reason);

  const inChat = handoff.channel === "chat" && handoff.conversationId !== null;
  const updated = await changeHandoff({
    id: handoffId,
    expectedVersion,
    fromStatuses: commands.hand_back.from,
    change: {
      status: check.to,
      ownerId: null,
      acceptedAt: null,
      priority: "nurture",
      slaDueAt: await slaDeadline({ priority: "nurture", teamId: handoff.teamId, from: now }),
      snoozedUntil: null,
      infoRequest: null,
      handedBackFrom: { decision: handoff.decision, priority: handoff.priority },
    },
    event: {
      type: "handed_back",
      actorKind: "user",
      actorId: actor.id,
      fromStatus: handoff.status,
      toStatus: check.to,
      note: options.reason,
      data: { fromOwnerId: handoff.ownerId, fromPriority: handoff.priority },
    },
    along: {
      chatMessage: inChat ? { conversationId: handoff.conversationId!, text: RESUME_LINE, resume: true } : undefined,
      withdrawApprovalId: handoff.infoRequest?.approvalRequestId ?? null,
    },
  });
  if (!updated) throw await conflictError(handoffId, "hand back");
  return updated;
}
