import { and, eq, inArray, lte, sql as dsql } from "drizzle-orm";
import { db, type Transaction } from "@/db";
import { handoffs, handoffSlaClocks, type HandoffPriority } from "@/db/schema";

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

export type SlaClock = typeof handoffSlaClocks.$inferSelect;
type ClockWindow = { remindAt: Date; dueAt: Date };

/**
 * Runs `step` in one transaction with the package's clock and row locked, so a duplicate job (or a
 * package accepted meanwhile) sees the state the first one left. The step's SQL is the functions below.
 */
export async function withLockedSlaClock<T>(
  handoffId: string,
  step: (tx: Transaction, locked: { clock: SlaClock; handoff: typeof handoffs.$inferSelect } | null) => Promise<T>,
) {
  return db.transaction(async (tx) => {
    const [clock] = await tx.select().from(handoffSlaClocks).where(eq(handoffSlaClocks.handoffId, handoffId)).for("update");
    const [handoff] = await tx.select().from(handoffs).where(eq(handoffs.id, handoffId)).for("update");
    return step(tx, clock && handoff ? { clock, handoff } : null);
  });
}

export async function setSlaClock(tx: Transaction, handoffId: string, change: Partial<Omit<SlaClock, "handoffId">> & { updatedAt: Date }) {
  await tx.update(handoffSlaClocks).set(change).where(eq(handoffSlaClocks.handoffId, handoffId));
}

/** A new window for the same owner: the package's deadline and the clock's next cycle. */
export async function restartSlaClock(tx: Transaction, input: { handoffId: string; cycle: number; at: Date; window: ClockWindow }) {
  await tx
    .update(handoffs)
    .set({ slaDueAt: input.window.dueAt, updatedAt: dsql`now()` })
    .where(eq(handoffs.id, input.handoffId));
  await setSlaClock(tx, input.handoffId, {
    cycle: input.cycle,
    stage: "running",
    startedAt: input.at,
    remindAt: input.window.remindAt,
    dueAt: input.window.dueAt,
    nextAt: input.window.remindAt,
    updatedAt: input.at,
  });
}

/** Nobody answered in time, too often: the package goes back to the queue as nurture, its clock closed. */
export async function closeHandoffToNurture(tx: Transaction, input: { handoffId: string; at: Date; slaDueAt: Date; priority: HandoffPriority }) {
  await tx
    .update(handoffs)
    .set({ priority: input.priority, ownerId: null, slaDueAt: input.slaDueAt, updatedAt: dsql`now()`, version: dsql`${handoffs.version} + 1` })
    .where(eq(handoffs.id, input.handoffId));
  await setSlaClock(tx, input.handoffId, { stage: "closed", updatedAt: input.at });
}
