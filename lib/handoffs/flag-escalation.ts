import { addHandoffEvent, getHandoff } from "@/db/queries/handoffs";
import type { Actor } from "@/lib/auth/guard";
import type { ReasonCode } from "@/lib/contract/package";
import { UserError } from "@/lib/errors";
import { canViewHandoff } from "@/lib/handoffs/access";
import { reasonLabels } from "@/lib/format";

/**
 * "The agent should not have escalated this for <reason>": the feedback that measures each rule's
 * precision. Recorded on the timeline with the rule and rule-set version that fired, so the metrics
 * can count flags per rule; it changes nothing about the package itself.
 */
export async function flagPoorEscalation(options: { actor: Actor; handoffId: string; reason: ReasonCode; comment: string }) {
  const found = await getHandoff({ id: options.handoffId });
  if (!found) throw new UserError("not_found", "That package does not exist (or was removed).");
  const { handoff } = found;
  if (!canViewHandoff(options.actor, handoff)) throw new UserError("forbidden", "This package is outside your team's queue.");
  if (!handoff.reasons.includes(options.reason)) {
    throw new UserError("bad_request", `The agent did not give "${reasonLabels[options.reason]}" as a reason for this package.`, {
      reason: ["Pick one of the package's reasons."],
    });
  }
  const fired = handoff.package.reasons.find((r) => r.code === options.reason);
  await addHandoffEvent({
    handoffId: handoff.id,
    event: {
      type: "poor_escalation_flagged",
      actorKind: "user",
      actorId: options.actor.id,
      note: options.comment,
      data: { reason: options.reason, rule: fired?.rule ?? null, ruleVersion: handoff.ruleVersion },
    },
  });
  return { id: handoff.id };
}
