import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { getHandoff } from "@/db/queries/handoffs";
import { listInboxPage } from "@/db/queries/inbox";
import { handoffEvents, handoffs } from "@/db/schema";
import type { UserRole } from "@/db/schema/auth";
import { actionDefinitionOf, runAction } from "@/lib/action";
import { authorizeUser, type Actor } from "@/lib/auth/guard";
import { canViewHandoff } from "@/lib/handoffs/access";
import * as crmActions from "@/app/(console)/crm/actions";
import * as handoffActions from "@/app/(console)/handoffs/actions";
import * as presenceActions from "@/app/(console)/handoffs/presence-actions";
import { createHandoff, createTeam, createUser } from "../../support/factories";

// revalidatePath needs a Next request to revalidate; outside one there is nothing to refresh.
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

let rep: Actor;
let otherTeamsPackage: Awaited<ReturnType<typeof createHandoff>>;
let ownTeamsPackage: Awaited<ReturnType<typeof createHandoff>>;

beforeAll(async () => {
  const [mine, theirs] = [await createTeam(), await createTeam()];
  rep = await createUser({ role: "rep", teamId: mine!.id });
  otherTeamsPackage = await createHandoff({ teamId: theirs!.id, leadName: "Other Team Lead" });
  ownTeamsPackage = await createHandoff({ teamId: mine!.id, leadName: "Own Team Lead" });
});

const as = (userId: string) => (allowed: readonly UserRole[]) => authorizeUser({ userId, allowed });

async function snapshot(id: string) {
  const [row] = await db.select().from(handoffs).where(eq(handoffs.id, id));
  const events = await db.select({ id: handoffEvents.id }).from(handoffEvents).where(eq(handoffEvents.handoffId, id));
  return {
    status: row!.status,
    ownerId: row!.ownerId,
    version: row!.version,
    snoozedUntil: row!.snoozedUntil,
    updatedAt: row!.updatedAt,
    events: events.length,
  };
}

describe("[REP] another team's package", () => {
  it("is not readable: the package page's check refuses it and the team inbox does not list it", async () => {
    const found = await getHandoff({ id: otherTeamsPackage!.id });
    expect(found).not.toBeNull();
    expect(canViewHandoff(rep, found!.handoff)).toBe(false);
    const page = await listInboxPage({
      scope: { kind: "team", teamId: rep.teamId },
      priority: "all",
      status: "all",
      sort: "created_at",
      dir: "desc",
      limit: 100,
    });
    const ids = page.rows.map((r) => r.id);
    expect(ids).toContain(ownTeamsPackage!.id);
    expect(ids).not.toContain(otherTeamsPackage!.id);
  });

  const attempts: [string, unknown, (id: string, version: number) => Record<string, unknown>][] = [
    ["accept", handoffActions.acceptHandoff, (id, version) => ({ handoffId: id, version })],
    ["start follow-up", handoffActions.startFollowUp, (id, version) => ({ handoffId: id, version })],
    ["discard", handoffActions.discardHandoff, (id, version) => ({ handoffId: id, version, reason: "spam" })],
    ["snooze", handoffActions.snooze, (id, version) => ({ handoffId: id, version, until: new Date(Date.now() + 3_600_000).toISOString() })],
    ["hand back", handoffActions.handBack, (id, version) => ({ handoffId: id, version, reason: "Not ours to work" })],
    ["add a note", handoffActions.addNote, (id) => ({ handoffId: id, note: "peeking" })],
    ["flag the escalation", handoffActions.flagEscalation, (id) => ({ handoffId: id, reason: "high_value", comment: "This was not high value" })],
    ["sync to the CRM", crmActions.syncToCrmNow, (id) => ({ handoffId: id })],
    ["mark presence", presenceActions.presenceHeartbeat, (id) => ({ handoffId: id })],
  ];

  it.each(attempts)("cannot %s: refused as not_found or forbidden, nothing changed", async (_name, action, input) => {
    const before = await snapshot(otherTeamsPackage!.id);
    const result = await runAction(actionDefinitionOf(action)!, as(rep.id), input(otherTeamsPackage!.id, before.version));
    expect(result.ok).toBe(false);
    expect(result.ok ? null : result.code, JSON.stringify(result)).toMatch(/^(not_found|forbidden)$/);
    expect(await snapshot(otherTeamsPackage!.id)).toEqual(before);
  });

  it("can accept a package of their own team (the same call is not refused for everyone)", async () => {
    const before = await snapshot(ownTeamsPackage!.id);
    const result = await runAction(actionDefinitionOf(handoffActions.acceptHandoff)!, as(rep.id), { handoffId: ownTeamsPackage!.id, version: before.version });
    expect(result).toMatchObject({ ok: true, data: { status: "accepted" } });
    expect((await snapshot(ownTeamsPackage!.id)).ownerId).toBe(rep.id);
  });
});
