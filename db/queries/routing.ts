import { asc, eq, sql as dsql } from "drizzle-orm";
import { db, type Transaction } from "@/db";
import { insertHandoffEvent } from "@/db/queries/handoffs";
import { handoffs, handoffSlaClocks, routingRules, slaPolicies, teams, users, type HandoffPriority, type SlaPolicy } from "@/db/schema";
import { routingRuleSchema, type RoutingRule } from "@/lib/routing/schema";
import { ROUTING_LOCK } from "@/lib/routing/lock";
import { routeHandoff, type Candidate, type RoutingDecision, type RoutingFacts } from "@/lib/routing/route";
import type { Calendar } from "@/lib/sla/business-time";
import { defaultSlaMinutes, slaDueAt, slaWindow } from "@/lib/sla/due-at";

type Executor = Transaction | typeof db;

export async function listRoutingRules(executor: Executor = db): Promise<RoutingRule[]> {
  const rows = await executor.select().from(routingRules).orderBy(asc(routingRules.position), asc(routingRules.id));
  // A row that no longer parses (edited by hand) is skipped rather than routing on a guess.
  return rows.flatMap((row) => {
    const parsed = routingRuleSchema.safeParse({ ...row, id: row.id });
    return parsed.success ? [parsed.data] : [];
  });
}

export async function getSlaPolicy(executor: Executor, priority: HandoffPriority): Promise<SlaPolicy> {
  const [row] = await executor.select().from(slaPolicies).where(eq(slaPolicies.priority, priority));
  return row ?? { priority, minutes: defaultSlaMinutes[priority], maxBreaches: 2, reassignOnBreach: priority !== "nurture", updatedAt: new Date(0) };
}

export async function getTeamCalendar(executor: Executor, teamId: string | null): Promise<Calendar | null> {
  if (!teamId) return null;
  const [row] = await executor.select({ timeZone: teams.timeZone, businessHours: teams.businessHours }).from(teams).where(eq(teams.id, teamId));
  return row ?? null;
}

/** A deadline for this priority from `from`, by its policy's minutes in the team's business hours (the one calculation, lib/sla). */
export async function slaDeadline(input: { priority: HandoffPriority; teamId: string | null; from: Date }, executor: Executor = db): Promise<Date> {
  const policy = await getSlaPolicy(executor, input.priority);
  return slaDueAt(input.priority, input.from, { calendar: await getTeamCalendar(executor, input.teamId), minutes: policy.minutes });
}

/** Every team's business hours by id: routing may place a package with any team, and reading them all before its lock is one round trip fewer under it. */
async function loadTeamCalendars(executor: Executor): Promise<Map<string, Calendar>> {
  const rows = await executor.select({ id: teams.id, timeZone: teams.timeZone, businessHours: teams.businessHours }).from(teams);
  return new Map(rows.map((r) => [r.id, { timeZone: r.timeZone, businessHours: r.businessHours }]));
}

/**
 * Everyone routing could pick, with their current load (open immediate packages they own). Taken
 * under a transaction-scoped advisory lock, so two packages routed at once see each other's
 * assignment and round-robin stays fair across app instances. The lock and the read go out together
 * (pipelined on the transaction's connection) but run one after the other: the read's snapshot is
 * taken once the lock is held, so it sees what the previous holder committed.
 */
async function loadCandidatesUnderLock(tx: Transaction): Promise<Candidate[]> {
  const locked = tx.execute(dsql`select pg_advisory_xact_lock(${ROUTING_LOCK})`);
  // open_immediate is kept by a trigger on handoffs (migration 0013): no counting under the lock.
  const read = tx.execute<{
    id: string;
    team_id: string | null;
    role: Candidate["role"];
    active: boolean;
    capacity: number;
    open_immediate: number;
    last_assigned_at: Date | null;
  }>(dsql`
    select u.id, u.team_id, u.role, u.active, u.capacity, u.last_assigned_at, u.open_immediate
    from ${users} u where u.active`);
  const [, rows] = await Promise.all([locked, read]);
  return rows.map((r) => ({
    id: r.id,
    teamId: r.team_id,
    role: r.role,
    active: r.active,
    capacity: r.capacity,
    openImmediate: Number(r.open_immediate),
    lastAssignedAt: r.last_assigned_at ? new Date(r.last_assigned_at) : null,
  }));
}

export type AppliedRouting = { decision: RoutingDecision; slaDueAt: Date };

/**
 * Places a package by the routing rules inside the caller's transaction: owner and team, the SLA
 * window in the receiving team's business hours, the acceptance clock, and a timeline event naming
 * the rule. `exclude` keeps a breach from handing the package back to the person who let it lapse.
 *
 * The routing lock is held from the candidates' read to the caller's commit, and every intake that
 * escalates waits for it: what needs no lock (rules, SLA policy, calendars) is read just before it in
 * the same round trip, and the writes after the decision go out together, so the lock is held for
 * two round trips and the commit.
 */
export async function applyRouting(
  tx: Transaction,
  input: {
    handoffId: string;
    facts: RoutingFacts;
    priority: HandoffPriority | null;
    now: Date;
    exclude?: string[];
    cycle?: number;
    eventType?: "routed" | "reassigned";
    breaches?: number;
  },
): Promise<AppliedRouting> {
  const priority = input.priority;
  // One round trip: the reads that need no lock go out first and run before it; the lock and the
  // candidates follow on the same connection, so the lock is held only from there to the commit.
  const [rules, calendars, policy, candidates] = await Promise.all([
    listRoutingRules(tx),
    loadTeamCalendars(tx),
    priority ? getSlaPolicy(tx, priority) : Promise.resolve(null),
    loadCandidatesUnderLock(tx),
  ]);
  const decision = routeHandoff({ facts: input.facts, rules, candidates, exclude: input.exclude });
  const calendar = decision.teamId ? (calendars.get(decision.teamId) ?? null) : null;
  const window = priority && policy ? slaWindow(priority, input.now, { calendar, minutes: policy.minutes }) : null;
  const slaDueAt = window?.dueAt ?? input.now;

  const writes: Promise<unknown>[] = [];
  writes.push(
    tx
      .update(handoffs)
      .set({
        ownerId: decision.ownerId,
        teamId: decision.teamId,
        slaDueAt,
        updatedAt: dsql`now()`,
        ...(input.eventType === "reassigned" ? { version: dsql`${handoffs.version} + 1` } : {}),
      })
      .where(eq(handoffs.id, input.handoffId))
      .execute(),
  );
  if (decision.ownerId) writes.push(tx.update(users).set({ lastAssignedAt: input.now }).where(eq(users.id, decision.ownerId)).execute());

  // Nurture waits for the lead's data, not for a person: only escalations run an acceptance clock.
  if (window && (priority === "immediate" || priority === "normal")) {
    const clock = {
      cycle: input.cycle ?? 1,
      stage: "running" as const,
      ownerId: decision.ownerId,
      startedAt: input.now,
      remindAt: window.remindAt,
      dueAt: window.dueAt,
      nextAt: window.remindAt,
      breaches: input.breaches ?? 0,
      updatedAt: input.now,
    };
    writes.push(
      tx
        .insert(handoffSlaClocks)
        .values({ handoffId: input.handoffId, ...clock })
        .onConflictDoUpdate({ target: handoffSlaClocks.handoffId, set: clock })
        .execute(),
    );
  }

  writes.push(
    insertHandoffEvent(tx, input.handoffId, {
      type: input.eventType ?? "routed",
      actorKind: "system",
      data: {
        ...(input.eventType === "reassigned" ? { fromOwnerId: input.exclude?.[0] ?? null, toOwnerId: decision.ownerId } : {}),
        ownerId: decision.ownerId,
        teamId: decision.teamId,
        ruleId: decision.ruleId,
        ruleName: decision.ruleName,
        passedOver: decision.passedOver,
        slaDueAt: slaDueAt.toISOString(),
      },
    }),
  );
  await Promise.all(writes);
  return { decision, slaDueAt };
}

/**
 * A package whose priority rose (a later chat turn): a fresh window from now in the team's business
 * hours, unless the running acceptance clock already ends sooner. Returns the deadline in force,
 * which replaces whatever the caller wrote.
 */
export async function tightenSlaClock(
  tx: Transaction,
  input: { handoffId: string; priority: HandoffPriority; teamId: string | null; ownerId: string | null; now: Date },
): Promise<Date> {
  const [clock] = await tx.select().from(handoffSlaClocks).where(eq(handoffSlaClocks.handoffId, input.handoffId)).for("update");
  const policy = await getSlaPolicy(tx, input.priority);
  const window = slaWindow(input.priority, input.now, { calendar: await getTeamCalendar(tx, input.teamId), minutes: policy.minutes });
  const keep = clock && (clock.stage === "running" || clock.stage === "reminded") && clock.dueAt <= window.dueAt;
  const dueAt = keep ? clock.dueAt : window.dueAt;
  await tx.update(handoffs).set({ slaDueAt: dueAt }).where(eq(handoffs.id, input.handoffId));
  if (!keep && (input.priority === "immediate" || input.priority === "normal")) {
    // A new cycle: remind jobs already queued for the old window find a different cycle and do nothing.
    const next = {
      cycle: (clock?.cycle ?? 0) + 1,
      stage: "running" as const,
      ownerId: input.ownerId,
      startedAt: input.now,
      remindAt: window.remindAt,
      dueAt: window.dueAt,
      nextAt: window.remindAt,
      breaches: clock?.breaches ?? 0,
      updatedAt: input.now,
    };
    await tx
      .insert(handoffSlaClocks)
      .values({ handoffId: input.handoffId, ...next })
      .onConflictDoUpdate({ target: handoffSlaClocks.handoffId, set: next });
  }
  return dueAt;
}
