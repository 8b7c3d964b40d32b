import { eq, inArray, sql as dsql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { approvalRequests, handoffEvents, handoffs, teams, users } from "@/db/schema";
import { buildDemoData, DEMO_PASSWORD, DEMO_USERS } from "@/db/seed/demo-data";
import { seedDemo, type SeedDemoResult } from "@/db/seed/seed-demo";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { handoffPackageSchema } from "@/lib/contract/package";

// The database is shared with the other integration files, so every check is scoped to demo rows
// (demo ids and demo emails) and the idempotency check compares whole tables before and after.
const now = new Date();
const demoIds = buildDemoData({ now }).handoffs.map((h) => h.handoff.id);
const demoEmails = DEMO_USERS.map((u) => u.email);
const tables = ["teams", "users", "companies", "leads", "intakes", "conversations", "messages", "handoffs", "handoff_events", "approval_requests"] as const;

let first: SeedDemoResult;

beforeAll(async () => {
  first = await seedDemo(db, { now });
});

describe("seedDemo on real Postgres", () => {
  it("creates the demo set once; a second run (even later) creates and changes nothing", async () => {
    expect(first.handoffs).toBe(demoIds.length);
    const before = await snapshot();
    const second = await seedDemo(db, { now: new Date(now.getTime() + 2 * 60 * 60_000) });
    expect(second.created).toBe(0);
    expect(second.handoffs).toBe(first.handoffs);
    expect(await snapshot()).toEqual(before);
  });

  it("loads at least 60 handoffs covering every priority and status, with valid packages and 5-8 line summaries", async () => {
    const rows = await db.select().from(handoffs).where(inArray(handoffs.id, demoIds));
    expect(rows.length).toBeGreaterThanOrEqual(60);
    expect(new Set(rows.map((r) => r.priority))).toEqual(new Set(["immediate", "normal", "nurture"]));
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["pending", "accepted", "in_follow_up", "converted", "discarded"]));
    for (const row of rows) {
      const parsed = handoffPackageSchema.safeParse(row.package);
      expect(parsed.success, row.id).toBe(true);
      const lines = row.summary.split("\n").length;
      expect(lines).toBeGreaterThanOrEqual(5);
      expect(lines).toBeLessThanOrEqual(8);
      expect(row.isOpen).toBe(["pending", "accepted", "in_follow_up"].includes(row.status));
      expect(row.slaDueAt > row.createdAt).toBe(true);
    }
    const created = await db
      .select({ handoffId: handoffEvents.handoffId })
      .from(handoffEvents)
      .where(dsql`${handoffEvents.handoffId} in ${demoIds} and ${handoffEvents.type} = 'created' and ${handoffEvents.actorKind} = 'agent'`);
    expect(new Set(created.map((e) => e.handoffId)).size).toBe(rows.length);
    expect(created).toHaveLength(rows.length);
  });

  it("has every role, and every demo user signs in with the demo password", async () => {
    const rows = await db
      .select()
      .from(users)
      .where(inArray(dsql`lower(${users.email})`, demoEmails));
    expect(rows).toHaveLength(DEMO_USERS.length);
    expect(new Set(rows.map((u) => u.role))).toEqual(new Set(["rep", "manager", "admin"]));
    for (const user of rows) expect(await verifyPassword(DEMO_PASSWORD, user.passwordHash)).toBe(true);
    expect(first.users.map((u) => u.email).sort()).toEqual([...demoEmails].sort());
  });

  it("puts a demo user back to the demo password and role when someone changed them", async () => {
    const [rep] = await db.select().from(users).where(eq(users.email, "rep@baton.demo"));
    await db
      .update(users)
      .set({ passwordHash: await hashPassword("something-else-entirely"), role: "admin" })
      .where(eq(users.id, rep!.id));
    await seedDemo(db, { now });
    const [after] = await db.select().from(users).where(eq(users.id, rep!.id));
    expect(after!.role).toBe("rep");
    expect(await verifyPassword(DEMO_PASSWORD, after!.passwordHash)).toBe(true);
  });

  it("owns and routes the work the console needs: open immediate work in Inbound EMEA for rep@, pending normal work for rep2@", async () => {
    const rows = await db
      .select({ team: teams.name, priority: handoffs.priority, status: handoffs.status, owner: users.email, slaDueAt: handoffs.slaDueAt })
      .from(handoffs)
      .innerJoin(teams, eq(teams.id, handoffs.teamId))
      .leftJoin(users, eq(users.id, handoffs.ownerId))
      .where(inArray(handoffs.id, demoIds));
    const emea = rows.filter((r) => r.team === "Inbound EMEA" && r.status === "pending");
    expect(emea.filter((r) => r.priority === "immediate" && (r.owner === null || r.owner === "rep@baton.demo")).length).toBeGreaterThanOrEqual(6);
    expect(emea.filter((r) => r.priority === "normal" && r.owner === "rep2@baton.demo").length).toBeGreaterThanOrEqual(3);
    expect(rows.some((r) => r.priority === "immediate" && r.status === "pending" && r.slaDueAt > now)).toBe(true);
    for (const team of ["Inbound EMEA", "Inbound Americas", "Enterprise"]) {
      expect(new Set(rows.filter((r) => r.team === team).map((r) => r.priority))).toEqual(new Set(["immediate", "normal", "nurture"]));
    }
  });

  it("opens the approval requests of the packages' sensitive actions: waiting on open packages, decided by the owner on closed ones", async () => {
    const rows = await db
      .select({
        id: approvalRequests.id,
        status: approvalRequests.status,
        decidedById: approvalRequests.decidedById,
        executedAt: approvalRequests.executedAt,
        expiresAt: approvalRequests.expiresAt,
        handoffStatus: handoffs.status,
        ownerId: handoffs.ownerId,
        owner: users.email,
        team: teams.name,
      })
      .from(approvalRequests)
      .innerJoin(handoffs, eq(handoffs.id, approvalRequests.handoffId))
      .innerJoin(teams, eq(teams.id, handoffs.teamId))
      .leftJoin(users, eq(users.id, handoffs.ownerId))
      .where(inArray(approvalRequests.handoffId, demoIds));
    // The demo reps find work waiting on /approvals, and a converted lead shows an approved, executed request.
    expect(
      rows.filter((r) => r.status === "pending" && r.team === "Inbound EMEA" && (r.owner === "rep@baton.demo" || r.owner === "rep2@baton.demo")).length,
    ).toBeGreaterThanOrEqual(1);
    expect(rows.filter((r) => r.status === "approved").length).toBeGreaterThanOrEqual(1);
    for (const row of rows) {
      if (row.status === "pending") expect(["pending", "accepted", "in_follow_up"]).toContain(row.handoffStatus);
      if (row.status === "pending") expect(row.expiresAt > now).toBe(true);
      if (row.status === "approved") expect([row.handoffStatus, row.decidedById, row.executedAt !== null]).toEqual(["converted", row.ownerId, true]);
      if (row.status === "denied") expect([row.handoffStatus, row.decidedById, row.executedAt]).toEqual(["discarded", row.ownerId, null]);
    }
    const requested = await db
      .select({ approvalId: dsql<string>`${handoffEvents.data}->>'approvalId'` })
      .from(handoffEvents)
      .where(dsql`${handoffEvents.handoffId} in ${demoIds} and ${handoffEvents.type} = 'approval_requested'`);
    expect(requested.map((e) => e.approvalId).sort()).toEqual(rows.map((r) => r.id).sort());
  });
});

/** Row counts and a digest of every row, table by table: equal snapshots mean nothing was added or changed. */
async function snapshot() {
  const out: Record<string, { count: number; digest: string | null }> = {};
  for (const table of tables) {
    const [row] = await db.execute<{ count: number; digest: string | null }>(
      dsql`select count(*)::int as count, md5(string_agg(t::text, '|' order by t::text)) as digest from ${dsql.identifier(table)} t`,
    );
    out[table] = row!;
  }
  return out;
}
