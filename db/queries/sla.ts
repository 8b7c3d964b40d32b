import { and, eq, inArray, lte, sql as dsql } from "drizzle-orm";
import { fromDrizzle, type PgBoss } from "pg-boss";
import { db } from "@/db";
import { insertHandoffEvent } from "@/db/queries/handoffs";
import { applyRouting, getSlaPolicy, getTeamCalendar } from "@/db/queries/routing";
import { handoffs, handoffSlaClocks } from "@/db/schema";
import { handoffPackageSchema } from "@/lib/contract/package";
import { queues, type NotifyEvent } from "@/lib/jobs/queues";
import { routingFactsFor } from "@/lib/routing/facts";
import { slaDueAt, slaWindow } from "@/lib/sla/due-at";
import { planBreach } from "@/lib/sla/plan-breach";

/**
 * The sweep: clocks whose next step is due at `now`, for packages still waiting to be accepted.
 * Clocks of packages that left `pending` are stopped on the way, so the index stays small.
 */
/** Clocks whose next step is due, oldest first; `teamId` narrows the sweep to one team's packages. */
export async function findDueSlaClocks({ now, limit = 500, teamId }: { now: Date; limit?: number; teamId?: string }) {
  const inTeam = teamId ? dsql`and h.team_id = ${teamId}` : dsql``;
  await db.execute(dsql`
    update ${handoffSlaClocks} c set stage = 'stopped', updated_at = now()
    from ${handoffs} h
    where h.id = c.handoff_id and c.stage in ('running', 'reminded') and c.next_at <= ${now.toISOString()}::timestamptz and h.status <> 'pending' ${inTeam}`);
  return db
    .select({ handoffId: handoffSlaClocks.handoffId, stage: handoffSlaClocks.stage, cycle: handoffSlaClocks.cycle })
    .from(handoffSlaClocks)
    .innerJoin(handoffs, eq(handoffs.id, handoffSlaClocks.handoffId))
    .where(and(inArray(handoffSlaClocks.stage, ["running", "reminded"]), lte(handoffSlaClocks.nextAt, now), teamId ? eq(handoffs.teamId, teamId) : undefined))
    .orderBy(handoffSlaClocks.nextAt)
    .limit(limit);
}

export type SlaStepResult = "not_due" | "reminded" | "breached_reassigned" | "breached_restarted" | "closed";

/**
 * One step of a package's acceptance clock, in one transaction with its timeline events and the
 * notify jobs they cause. Idempotent: the clock row is locked and must still be at the stage and
 * cycle the job was sent for, so a duplicate job (or a package accepted meanwhile) changes nothing.
 */
export async function runSlaStep(input: { handoffId: string; step: "half" | "due"; cycle: number; at: Date; boss: PgBoss }): Promise<SlaStepResult> {
  return db.transaction(async (tx) => {
    const [clock] = await tx.select().from(handoffSlaClocks).where(eq(handoffSlaClocks.handoffId, input.handoffId)).for("update");
    const [handoff] = await tx.select().from(handoffs).where(eq(handoffs.id, input.handoffId)).for("update");
    const expected = input.step === "half" ? "running" : "reminded";
    if (!clock || !handoff || clock.cycle !== input.cycle || clock.stage !== expected) return "not_due";
    if (handoff.status !== "pending" || !handoff.priority) {
      await tx.update(handoffSlaClocks).set({ stage: "stopped", updatedAt: input.at }).where(eq(handoffSlaClocks.handoffId, clock.handoffId));
      return "not_due";
    }
    const notify = (event: NotifyEvent, occurrence: string, about: { ownerId?: string | null; breaches?: number } = {}) =>
      input.boss.send(queues.notify.name, { handoffId: handoff.id, event, occurrence, ownerId: about.ownerId ?? handoff.ownerId, breaches: about.breaches }, { db: fromDrizzle(tx, dsql), singletonKey: `notify:${event}:${occurrence}:${handoff.id}` });

    if (input.step === "half") {
      if (input.at < clock.remindAt) return "not_due";
      await tx.update(handoffSlaClocks).set({ stage: "reminded", nextAt: clock.dueAt, updatedAt: input.at }).where(eq(handoffSlaClocks.handoffId, clock.handoffId));
      await insertHandoffEvent(tx, handoff.id, { type: "sla_reminder", actorKind: "system", data: { step: "half", cycle: clock.cycle, ownerId: handoff.ownerId, dueAt: clock.dueAt.toISOString() } });
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
    await tx.update(handoffSlaClocks).set({ breaches, updatedAt: input.at }).where(eq(handoffSlaClocks.handoffId, clock.handoffId));
    await notify("reminder", `c${clock.cycle}-due`);
    await notify("breach", `c${clock.cycle}`, { breaches });

    const plan = planBreach({ breaches, maxBreaches: policy.maxBreaches, reassignOnBreach: policy.reassignOnBreach });
    if (plan === "close") {
      const calendar = await getTeamCalendar(tx, handoff.teamId);
      const nurturePolicy = await getSlaPolicy(tx, "nurture");
      const reason = `No answer after ${breaches} SLA breach${breaches === 1 ? "" : "es"}`;
      await tx
        .update(handoffs)
        .set({ priority: "nurture", ownerId: null, slaDueAt: slaDueAt("nurture", input.at, { calendar, minutes: nurturePolicy.minutes }), updatedAt: dsql`now()`, version: dsql`${handoffs.version} + 1` })
        .where(eq(handoffs.id, handoff.id));
      await tx.update(handoffSlaClocks).set({ stage: "closed", updatedAt: input.at }).where(eq(handoffSlaClocks.handoffId, clock.handoffId));
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
        const facts = routingFactsFor({ pkg: pkg.data, priority: handoff.priority, reasons: pkg.data.reasons.map((r) => r.code), sourceTeamId: handoff.teamId });
        const exclude = handoff.ownerId ? [handoff.ownerId] : [];
        const routed = await applyRouting(tx, { handoffId: handoff.id, facts, priority: handoff.priority, now: input.at, exclude, cycle: clock.cycle + 1, breaches, eventType: "reassigned" });
        await notify(routed.decision.ownerId ? "assigned" : "created", `c${clock.cycle + 1}`, { ownerId: routed.decision.ownerId });
        return "breached_reassigned";
      }
    }

    // Nobody to hand it to (or reassignment is off): the same owner gets a new window.
    const calendar = await getTeamCalendar(tx, handoff.teamId);
    const window = slaWindow(handoff.priority, input.at, { calendar, minutes: policy.minutes });
    await tx.update(handoffs).set({ slaDueAt: window.dueAt, updatedAt: dsql`now()` }).where(eq(handoffs.id, handoff.id));
    await tx
      .update(handoffSlaClocks)
      .set({ cycle: clock.cycle + 1, stage: "running", startedAt: input.at, remindAt: window.remindAt, dueAt: window.dueAt, nextAt: window.remindAt, updatedAt: input.at })
      .where(eq(handoffSlaClocks.handoffId, clock.handoffId));
    return "breached_restarted";
  });
}
