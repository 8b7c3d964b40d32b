import { randomUUID } from "node:crypto";
import { eq, sql as dsql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { attachMeeting } from "@/db/queries/meetings";
import { eraseLeadData } from "@/db/queries/privacy";
import { handoffEvents, handoffs, meetings, type HandoffPriority } from "@/db/schema";
import type { Actor } from "@/lib/auth/guard";
import { reasonCodes, type ReasonCode } from "@/lib/contract/package";
import { addHandoffNote } from "@/lib/handoffs/add-note";
import { changeHandoffStatus, reassignHandoff } from "@/lib/handoffs/change-handoff";
import { discardReasonKeys } from "@/lib/handoffs/discard-reasons";
import { flagPoorEscalation } from "@/lib/handoffs/flag-escalation";
import { stopBoss } from "@/lib/jobs/boss";
import { metricDurationHistograms } from "@/db/queries/metrics";
import { rawDurationHistograms } from "@/db/queries/metrics-raw";
import { durationBucket } from "@/lib/metrics/duration-histogram";
import { checkMetricsRollups, diffDurationHistograms, drawRollupSamples, seededRandom } from "@/lib/metrics/rollup-check";
import { createTeam, createUser, minimalPackage } from "../support/factories";

/*
 * The daily rollups against the raw rows: packages created over two months of 2003 (no other test
 * writes there), then changed through the app's write paths (accept, follow-up, convert with a
 * value and a meeting, discard, reassignment, notes, poor-escalation flags, a meeting attached by
 * an admin, an erasure) and by the data fixes the triggers must follow too (a backdated timeline
 * event, a moved creation time, a deleted package). Then the dashboard over many random ranges,
 * breakdowns and "now"s must read the same from the rollups as from the raw rows.
 */
const SPAN = { start: new Date("2003-01-01T00:00:00Z"), end: new Date("2003-03-01T00:00:00Z") };
const random = seededRandom(2003);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const DAY_MS = 86_400_000;

let admin: Actor;
let manager: Actor;
let reps: Actor[];
let teams: string[];
const ids: string[] = [];
const erasedEmail = `erase-${randomUUID().slice(0, 8)}@rollups.example`;

async function versionOf(id: string): Promise<number> {
  const [row] = await db.select({ version: handoffs.version }).from(handoffs).where(eq(handoffs.id, id));
  return row!.version;
}

async function statusOf(id: string) {
  const [row] = await db.select({ status: handoffs.status, ownerId: handoffs.ownerId, teamId: handoffs.teamId }).from(handoffs).where(eq(handoffs.id, id));
  return row!;
}

// One package of the mix: priority (or none, as the agent's filter leaves it), channel, campaign,
// intent, one to three reasons whose rules share a rule id now and then, a version, owner and team,
// and an SLA due time from 10 minutes to 40 days after creation.
async function insertPackage(i: number) {
  const createdAt = new Date(SPAN.start.getTime() + random() * (SPAN.end.getTime() - SPAN.start.getTime()));
  const priority: HandoffPriority | null = i % 9 === 0 ? null : pick(["immediate", "normal", "nurture"] as const);
  const reasons: ReasonCode[] = [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(reasonCodes)))];
  const pkg = minimalPackage("Lead");
  pkg.reasons = reasons.map((code) => ({ code, evidence: "said so", rule: random() < 0.5 ? `rules.${code}` : `rules.shared:${code}` }));
  const teamIndex = Math.floor(random() * teams.length);
  const owner = random() < 0.6 ? reps[teamIndex] : null;
  const [row] = await db
    .insert(handoffs)
    .values({
      decision: priority === null ? "filter" : "escalate",
      priority,
      status: "pending",
      channel: pick(["form", "chat", "email", "landing_page"] as const),
      campaign: random() < 0.4 ? null : pick(["spring", "partner", "g2"]),
      intent: pick(["quote", "audit", "information"]),
      reasons,
      ruleVersion: random() < 0.7 ? 1 : 2,
      ownerId: owner?.id ?? null,
      teamId: random() < 0.9 ? teams[teamIndex]! : null,
      createdAt,
      slaDueAt: new Date(createdAt.getTime() + 600_000 + random() * 40 * DAY_MS),
      leadName: "Lead",
      leadEmail: i % 11 === 0 ? erasedEmail : `lead${i}@rollups.example`,
      package: pkg,
      summary: pkg.summary,
    })
    .returning({ id: handoffs.id });
  await db.insert(handoffEvents).values({ handoffId: row!.id, type: "created", actorKind: "agent", createdAt });
  return row!.id;
}

beforeAll(async () => {
  teams = [(await createTeam())!.id, (await createTeam())!.id];
  reps = [
    await createUser({ role: "rep", teamId: teams[0]!, name: "Rita Rollup" }),
    await createUser({ role: "rep", teamId: teams[1]!, name: "Bruno Rollup" }),
  ];
  manager = await createUser({ role: "manager", teamId: null, name: "Mona Manager" });
  admin = await createUser({ role: "admin", teamId: null });
  for (let i = 0; i < 90; i++) ids.push(await insertPackage(i));

  for (const [i, id] of ids.entries()) {
    const roll = random();
    const escalated = i % 9 !== 0;
    if (!escalated) continue;
    if (roll < 0.7) await changeHandoffStatus({ actor: manager, handoffId: id, expectedVersion: await versionOf(id), input: { command: "accept" } });
    const { status } = await statusOf(id);
    if (status === "accepted" && roll < 0.2) {
      await changeHandoffStatus({ actor: manager, handoffId: id, expectedVersion: await versionOf(id), input: { command: "start_follow_up" } });
    }
    if (status === "accepted" && roll >= 0.2 && roll < 0.45) {
      await changeHandoffStatus({
        actor: manager,
        handoffId: id,
        expectedVersion: await versionOf(id),
        input: { command: "convert", valueAmount: Math.round(random() * 500_000) / 100, valueCurrency: pick(["EUR", "USD"]), meetingBooked: random() < 0.5 },
      });
    }
    if (roll >= 0.45 && roll < 0.6) {
      await changeHandoffStatus({
        actor: manager,
        handoffId: id,
        expectedVersion: await versionOf(id),
        input: { command: "discard", reason: pick(discardReasonKeys), note: null },
      });
    }
    // Reassignment: another rep, or back to the queue (an accepted package goes back to pending).
    if (["pending", "accepted", "in_follow_up"].includes((await statusOf(id)).status) && random() < 0.4) {
      await reassignHandoff({ actor: manager, handoffId: id, expectedVersion: await versionOf(id), ownerId: random() < 0.7 ? pick(reps).id : null });
    }
    if (random() < 0.25) {
      const [row] = await db.select({ reasons: handoffs.reasons }).from(handoffs).where(eq(handoffs.id, id));
      await flagPoorEscalation({ actor: admin, handoffId: id, reason: pick(row!.reasons as ReasonCode[]), comment: "Not for us" });
    }
    if (random() < 0.2) await addHandoffNote({ actor: admin, handoffId: id, note: "Called, no answer" });
  }

  // A second flag naming another of the package's reasons: the package's flag time stays, its flagged rules grow.
  const twice = await db.execute<{ id: string; reasons: ReasonCode[]; flagged: string }>(dsql`
    select h.id, h.reasons, e.data->>'reason' as flagged from handoffs h join handoff_events e on e.handoff_id = h.id and e.type = 'poor_escalation_flagged'
    where cardinality(h.reasons) > 1 and h.id in ${dsql`(${dsql.join(
      ids.map((id) => dsql`${id}::uuid`),
      dsql`, `,
    )})`}`);
  for (const row of twice) {
    await flagPoorEscalation({ actor: admin, handoffId: row.id, reason: row.reasons.find((r) => r !== row.flagged)!, comment: "Not this either" });
  }
  expect(twice.length).toBeGreaterThan(1);
  // A data fix removes one flag event and renames the rule of another (the package's flag time stays as it was).
  await db.execute(
    dsql`delete from handoff_events where id = (select e.id from handoff_events e where e.handoff_id = ${twice[0]!.id}::uuid and e.type = 'poor_escalation_flagged' order by e.id limit 1)`,
  );
  await db.execute(
    dsql`update handoff_events set data = jsonb_set(data, '{rule}', '"rules.renamed"') where handoff_id = ${twice[1]!.id}::uuid and type = 'poor_escalation_flagged'`,
  );

  // A person's action recorded late, dated back to the package's first hours (the first action moves earlier).
  for (const id of ids.slice(1, 30).filter((_, i) => i % 3 === 0)) {
    const [row] = await db.select({ createdAt: handoffs.createdAt }).from(handoffs).where(eq(handoffs.id, id));
    await db
      .insert(handoffEvents)
      .values({ handoffId: id, type: "note", actorKind: "user", actorId: reps[0]!.id, createdAt: new Date(row!.createdAt.getTime() + 300_000) });
  }

  // A booking that matched no package, attached by an admin; a second one booked later on another package.
  const [unmatched] = await db
    .insert(meetings)
    .values({ provider: "calcom", bookingId: randomUUID(), status: "booked", statusAt: new Date(), statusRank: 1, bookedAt: new Date() })
    .returning({ id: meetings.id });
  await attachMeeting({ actor: admin, meetingId: unmatched!.id, handoffId: ids[2]! });
  const [pendingBooking] = await db
    .insert(meetings)
    .values({ provider: "calendly", bookingId: randomUUID(), handoffId: ids[6]!, status: "cancelled", statusAt: new Date(), statusRank: 1 })
    .returning({ id: meetings.id });
  await db.update(meetings).set({ status: "booked", bookedAt: new Date() }).where(eq(meetings.id, pendingBooking!.id));
  // And a booked one removed again (a data fix): the package counts no meeting any more.
  const [removed] = await db
    .insert(meetings)
    .values({ provider: "calcom", bookingId: randomUUID(), handoffId: ids[8]!, status: "booked", statusAt: new Date(), statusRank: 1, bookedAt: new Date() })
    .returning({ id: meetings.id });
  await db.delete(meetings).where(eq(meetings.id, removed!.id));

  // A person's first message to the lead, as the messages trigger (migration 0019) records it on the
  // package: minutes to days after creation for a third of the escalated ones; then one recorded
  // late, earlier than the first (time to first human contact moves to another bucket).
  await db.execute(dsql`
    update handoffs set first_human_contact_at = created_at + interval '1 second' * (20 + 400000 * ((hashtext(id::text) & 1023) / 1023.0) ^ 3)
    where id in (${dsql.join(
      ids.filter((_, i) => i % 3 === 1).map((id) => dsql`${id}::uuid`),
      dsql`, `,
    )})`);
  await db.execute(dsql`update handoffs set first_human_contact_at = created_at + interval '45 seconds' where id = ${ids[10]!}::uuid`);

  // The lead's erasure anonymises its packages and their timeline, which the metrics keep counting.
  await eraseLeadData({ email: erasedEmail, actor: { id: admin.id, email: admin.email } });

  // Data fixes: a package's creation moved back a few days (another day's rollup), and two packages deleted.
  await db
    .update(handoffs)
    .set({ createdAt: dsql`${handoffs.createdAt} - interval '3 days 5 hours'` })
    .where(eq(handoffs.id, ids[5]!));
  await db.delete(handoffs).where(eq(handoffs.id, ids[7]!));
  await db.delete(handoffs).where(eq(handoffs.id, ids[4]!));
}, 120_000);

afterAll(async () => {
  await stopBoss();
});

describe("metrics rollups", () => {
  it("buckets durations in SQL as lib/metrics/duration-histogram.ts reads them", async () => {
    const seconds = [-3, 0, 0.5, 0.999, 1, 1.0199, 1.02, 1.0201, 59, 60, 61, 899, 900, 3599, 3600, 86_399, 86_400, 86_401, 1e6, 6e7, 7e7, 1e9];
    for (let i = 1; i < 1106; i += 37) seconds.push(1.02 ** i, 1.02 ** i * 0.9999, 1.02 ** i * 1.0001);
    const rows = await db.execute<{ seconds: number; bucket: number }>(dsql`
      select s as seconds, metrics_duration_bucket(s) as bucket from unnest(${`{${seconds.join(",")}}`}::float8[]) as s`);
    expect(rows.map((r) => [Number(r.seconds), r.bucket])).toEqual(seconds.map((s) => [s, durationBucket(s)]));
  });

  it("keeps every duration when first actions on new days of one slice commit side by side", async () => {
    // Ten packages on each of three days no other test writes, with the same owner and team: every
    // first action adds to the same series, and the first of each day creates that day's row.
    const base = Date.parse("2003-04-01T10:00:00Z");
    const fresh: string[] = [];
    for (let i = 0; i < 30; i++) {
      const createdAt = new Date(base + Math.floor(i / 10) * DAY_MS + i * 60_000);
      const [row] = await db
        .insert(handoffs)
        .values({
          decision: "escalate",
          priority: "normal",
          status: "pending",
          channel: "form",
          intent: "quote",
          reasons: ["high_value"],
          ruleVersion: 1,
          ownerId: reps[0]!.id,
          teamId: teams[0]!,
          createdAt,
          slaDueAt: new Date(createdAt.getTime() + 4 * 3_600_000),
          leadName: "Side by side",
          leadEmail: `side${i}@rollups.example`,
          package: minimalPackage("Side by side"),
          summary: "side by side",
        })
        .returning({ id: handoffs.id });
      fresh.push(row!.id);
    }
    await Promise.all(
      fresh.map((id, i) => db.execute(dsql`update handoffs set first_action_at = created_at + interval '1 minute' * ${1 + i * 7} where id = ${id}::uuid`)),
    );
    const range = { from: "2003-04-01", to: "2003-04-03", start: new Date("2003-04-01T00:00:00Z"), end: new Date("2003-04-04T00:00:00Z"), days: 3 };
    for (const by of [null, "owner", "team"] as const) {
      const [fromRollups, fromRaw] = await Promise.all([metricDurationHistograms({ range, by }), rawDurationHistograms({ range, by })]);
      expect(diffDurationHistograms(by ?? "all", fromRollups, fromRaw)).toEqual([]);
      expect([...fromRollups.values()].reduce((n, d) => n + d.firstAction.counts.reduce((a, b) => a + b, 0), 0)).toBe(30);
    }
  });

  it("holds no rollup row while a package's transaction is still open (the triggers run at commit)", async () => {
    // Two packages of one day, slice and shard, as two intakes write them at once: the first one's
    // transaction stays open (an intake routing under its lock) while the second inserts and commits.
    // Were the rollups refreshed at each statement, the first would hold the shared row and the
    // second would wait for it until its lock timeout.
    const createdAt = new Date("2003-05-06T09:00:00Z");
    const sameShard: string[] = [];
    while (sameShard.length < 2) {
      const id = randomUUID();
      const [row] = await db.execute<{ shard: number }>(dsql`select hashtext(${id}) & 3 as shard`);
      if (row!.shard === 0) sameShard.push(id);
    }
    const values = (id: string) => ({
      id,
      decision: "escalate" as const,
      priority: "immediate" as const,
      status: "pending" as const,
      channel: "form" as const,
      intent: "quote",
      reasons: ["high_value" as const],
      ruleVersion: 1,
      teamId: teams[1]!,
      createdAt,
      slaDueAt: new Date(createdAt.getTime() + 900_000),
      leadName: "At commit",
      leadEmail: `${id}@rollups.example`,
      package: minimalPackage("At commit"),
      summary: "at commit",
    });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const firstInserted = new Promise<void>((resolve) => (inserted = resolve));
    const first = db.transaction(async (tx) => {
      await tx.insert(handoffs).values(values(sameShard[0]!));
      inserted();
      await held;
    });
    await firstInserted;
    try {
      await db.transaction(async (tx) => {
        await tx.execute(dsql`set local lock_timeout = '3s'`);
        await tx.insert(handoffs).values(values(sameShard[1]!));
      });
    } finally {
      release();
      await first;
    }
    const [row] = await db.execute<{ created: number }>(dsql`
      select coalesce(sum(created), 0)::int as created from metrics_daily where dimension = 'priority' and key = 'immediate' and day = '2003-05-06'`);
    expect(row!.created).toBe(2);
    await db.delete(handoffs).where(dsql`${handoffs.id} in (${sameShard[0]!}::uuid, ${sameShard[1]!}::uuid)`);
  });

  it("the mix touched what the rollups count: statuses, owners, flags, meetings, values", async () => {
    const [row] = await db.execute<{ statuses: number; flagged: number; meetings: number; valued: number; unowned: number }>(dsql`
      select count(distinct status)::int as statuses, count(poor_escalation_at)::int as flagged,
             (select count(*)::int from meetings where handoff_id is not null and booked_at is not null) as meetings,
             count(*) filter (where value_amount is not null)::int as valued, count(*) filter (where owner_id is null)::int as unowned
      from handoffs where created_at >= ${SPAN.start.toISOString()}::timestamptz - interval '5 days' and created_at < ${SPAN.end.toISOString()}::timestamptz`);
    expect(row!.statuses).toBe(5);
    expect(row!.flagged).toBeGreaterThan(3);
    expect(row!.meetings).toBeGreaterThanOrEqual(1);
    expect(row!.valued).toBeGreaterThan(3);
    expect(row!.unowned).toBeGreaterThan(3);
    const [contacts] = await db.execute<{ n: number }>(
      dsql`select count(first_human_contact_at)::int as n from handoffs where id in (${dsql.join(
        ids.map((id) => dsql`${id}::uuid`),
        dsql`, `,
      )}) and priority is not null`,
    );
    expect(contacts!.n).toBeGreaterThan(10);
  });

  it("reads every figure the same from the rollups as from the raw rows, over random ranges, breakdowns and nows", async () => {
    const span = { start: new Date(SPAN.start.getTime() - 7 * DAY_MS), end: new Date(SPAN.end.getTime() + 2 * DAY_MS) };
    for (const now of [new Date("2003-01-20T08:00:00Z"), new Date("2003-02-27T17:30:00Z"), new Date()]) {
      const samples = drawRollupSamples({ count: 60, span, random });
      const { checked, differences } = await checkMetricsRollups({ samples, now });
      expect(checked).toBe(60);
      expect(differences).toEqual([]);
    }
  }, 120_000);
});
