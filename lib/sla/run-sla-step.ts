import { insertHandoffEvent } from "@/db/queries/handoffs";
import { enqueue } from "@/db/queries/outbox";
import { applyRouting, getSlaPolicy, getTeamCalendar } from "@/db/queries/routing";
import { closeHandoffToNurture, restartSlaClock, setSlaClock, withLockedSlaClock } from "@/db/queries/sla";
import { handoffPackageSchema } from "@/lib/contract/package";
import type { NotifyEvent } from "@/lib/jobs/queues";
import { routingFactsFor } from "@/lib/routing/facts";
import { slaDueAt, slaWindow } from "@/lib/sla/due-at";
import { planBreach } from "@/lib/sla/plan-breach";

export type SlaStepResult = "not_due" | "reminded" | "breached_reassigned" | "breached_restarted" | "closed";

/** Why a package left its owners for the nurture queue, as the timeline and the notices say it. */
export const closedToNurtureReason = (breaches: number) => `No answer after ${breaches} SLA breach${breaches === 1 ? "" : "es"}`;

/**
 * One step of a package's acceptance clock (the half-time reminder, or the breach and what follows
 * it: a new owner, a new window, or the nurture queue), in one transaction with its timeline events
 * and the notify jobs they cause. Idempotent: the clock row is locked and must still be at the stage
 * and cycle the job was sent for, so a duplicate job (or a package accepted meanwhile) changes nothing.
 */
export async function runSlaStep(input: { handoffId: string; step: "half" | "due"; cycle: number; at: Date }): Promise<SlaStepResult> {
  return withLockedSlaClock(input.handoffId, async (tx, locked): Promise<SlaStepResult> => {
    const expected = input.step === "half" ? "running" : "reminded";
    if (!locked || locked.clock.cycle !== input.cycle || locked.clock.stage !== expected) return "not_due";
    const { clock, handoff } = locked;
    if (handoff.status !== "pending" || !handoff.priority) {
      await setSlaClock(tx, handoff.id, { stage: "stopped", updatedAt: input.at });
      return "not_due";
    }
    const notify = (event: NotifyEvent, occurrence: string, about: { ownerId?: string | null; breaches?: number } = {}) =>
      enqueue(tx, "notify", { handoffId: handoff.id, event, occurrence, ownerId: about.ownerId ?? handoff.ownerId, breaches: about.breaches });

    if (input.step === "half") {
      if (input.at < clock.remindAt) return "not_due";
      await setSlaClock(tx, handoff.id, { stage: "reminded", nextAt: clock.dueAt, updatedAt: input.at });
      await insertHandoffEvent(tx, handoff.id, {
        type: "sla_reminder",
        actorKind: "system",
        data: { step: "half", cycle: clock.cycle, ownerId: handoff.ownerId, dueAt: clock.dueAt.toISOString() },
      });
      await notify("reminder", `c${clock.cycle}-half`);
      return "reminded";
    }

    if (input.at < clock.dueAt) return "not_due";
    const breaches = clock.breaches + 1;
    const policy = await getSlaPolicy(tx, handoff.priority);
    await insertHandoffEvent(tx, handoff.id, {
      type: "sla_breached",
      actorKind: "system",
      data: { cycle: clock.cycle, breaches, maxBreaches: policy.maxBreaches, ownerId: handoff.ownerId, dueAt: clock.dueAt.toISOString() },
    });
    // The owner hears the deadline passed; the managers hear of the breach.
    await setSlaClock(tx, handoff.id, { breaches, updatedAt: input.at });
    await notify("reminder", `c${clock.cycle}-due`);
    await notify("breach", `c${clock.cycle}`, { breaches });

    const plan = planBreach({ breaches, maxBreaches: policy.maxBreaches, reassignOnBreach: policy.reassignOnBreach });
    if (plan === "close") {
      const calendar = await getTeamCalendar(tx, handoff.teamId);
      const nurturePolicy = await getSlaPolicy(tx, "nurture");
      const reason = closedToNurtureReason(breaches);
      await closeHandoffToNurture(tx, {
        handoffId: handoff.id,
        at: input.at,
        priority: "nurture",
        slaDueAt: slaDueAt("nurture", input.at, { calendar, minutes: nurturePolicy.minutes }),
      });
      await insertHandoffEvent(tx, handoff.id, {
        type: "closed_to_nurture",
        actorKind: "system",
        note: reason,
        data: { reason, breaches, fromPriority: handoff.priority, fromOwnerId: handoff.ownerId },
      });
      await notify("closed", `c${clock.cycle}`, { breaches });
      return "closed";
    }

    if (plan === "reassign") {
      const pkg = handoffPackageSchema.safeParse(handoff.package);
      if (pkg.success) {
        const facts = routingFactsFor({
          pkg: pkg.data,
          priority: handoff.priority,
          reasons: pkg.data.reasons.map((r) => r.code),
          sourceTeamId: handoff.teamId,
        });
        const exclude = handoff.ownerId ? [handoff.ownerId] : [];
        const routed = await applyRouting(tx, {
          handoffId: handoff.id,
          facts,
          priority: handoff.priority,
          now: input.at,
          exclude,
          cycle: clock.cycle + 1,
          breaches,
          eventType: "reassigned",
        });
        await notify(routed.decision.ownerId ? "assigned" : "created", `c${clock.cycle + 1}`, { ownerId: routed.decision.ownerId });
        return "breached_reassigned";
      }
    }

    // Nobody to hand it to (or reassignment is off): the same owner gets a new window.
    const calendar = await getTeamCalendar(tx, handoff.teamId);
    await restartSlaClock(tx, {
      handoffId: handoff.id,
      cycle: clock.cycle + 1,
      at: input.at,
      window: slaWindow(handoff.priority, input.at, { calendar, minutes: policy.minutes }),
    });
    return "breached_restarted";
  });
}
