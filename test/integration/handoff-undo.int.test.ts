import { asc, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { handoffEvents, handoffs } from "@/db/schema";
import { acceptHandoff, convertHandoff, discardHandoff, snooze, undoHandoff } from "@/app/(console)/handoffs/actions";
import { actionDefinitionOf, runAction } from "@/lib/action";
import { authorizeUser, type Actor } from "@/lib/auth/guard";
import { UNDO_GRACE_MS, UNDO_WINDOW_MS } from "@/lib/handoffs/state-machine";
import { undoLastAction } from "@/lib/handoffs/undo";
import { createHandoff, createTeam, createUser } from "../support/factories";

// Undo from the toast, through the server actions the package page calls (runAction: session, role,
// schema), then the state machine and the one guarded write.
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

type Action = Parameters<typeof actionDefinitionOf>[0];
type Done = { id: string; status: string; version: number };
const call = async (action: Action, actor: Actor, input: Record<string, unknown>) => {
  const result = await runAction(actionDefinitionOf(action)!, (roles) => authorizeUser({ userId: actor.id, allowed: roles }), input);
  return result as typeof result & ({ ok: true; data: Done } | { ok: false });
};

async function timeline(handoffId: string) {
  const rows = await db.select().from(handoffEvents).where(eq(handoffEvents.handoffId, handoffId)).orderBy(asc(handoffEvents.id));
  return rows.map((e) => [e.type, e.fromStatus, e.toStatus, e.actorId]);
}

async function row(handoffId: string) {
  const [found] = await db.select().from(handoffs).where(eq(handoffs.id, handoffId));
  return found!;
}

describe("undo of a package action", () => {
  it("puts an accepted package back to pending and unowned, with both events on the timeline", async () => {
    const teamId = (await createTeam())!.id;
    const rep = await createUser({ role: "rep", teamId });
    const h = (await createHandoff({ teamId }))!;
    const accepted = await call(acceptHandoff, rep, { handoffId: h.id, version: h.version });
    expect(accepted).toMatchObject({ ok: true, data: { status: "accepted" } });
    if (!accepted.ok) return;

    const undone = await call(undoHandoff, rep, { handoffId: h.id, version: accepted.data.version });
    expect(undone).toMatchObject({ ok: true, data: { status: "pending" } });
    expect(await row(h.id)).toMatchObject({ status: "pending", ownerId: null, acceptedAt: null });
    expect(await timeline(h.id)).toEqual([
      ["created", null, null, null],
      ["status_changed", "pending", "accepted", rep.id],
      ["undone", "accepted", "pending", rep.id],
    ]);
  });

  it("restores a discarded or converted package to where it was, values and all", async () => {
    const teamId = (await createTeam())!.id;
    const rep = await createUser({ role: "rep", teamId });
    const discardedOne = (await createHandoff({ teamId, ownerId: rep.id, status: "accepted" }))!;
    const discarded = await call(discardHandoff, rep, { handoffId: discardedOne.id, version: discardedOne.version, reason: "spam" });
    expect(discarded.ok).toBe(true);
    if (!discarded.ok) return;
    expect(await call(undoHandoff, rep, { handoffId: discardedOne.id, version: discarded.data.version })).toMatchObject({
      ok: true,
      data: { status: "accepted" },
    });
    expect(await row(discardedOne.id)).toMatchObject({ status: "accepted", ownerId: rep.id, discardReason: null, closedAt: null });

    const convertedOne = (await createHandoff({ teamId, ownerId: rep.id, status: "in_follow_up" }))!;
    const converted = await call(convertHandoff, rep, {
      handoffId: convertedOne.id,
      version: convertedOne.version,
      valueAmount: "12000",
      valueCurrency: "EUR",
    });
    expect(converted.ok).toBe(true);
    if (!converted.ok) return;
    expect(await call(undoHandoff, rep, { handoffId: convertedOne.id, version: converted.data.version })).toMatchObject({
      ok: true,
      data: { status: "in_follow_up" },
    });
    expect(await row(convertedOne.id)).toMatchObject({ status: "in_follow_up", valueAmount: null, valueCurrency: null, closedAt: null });
  });

  it("wakes a snoozed package back to its previous time", async () => {
    const teamId = (await createTeam())!.id;
    const rep = await createUser({ role: "rep", teamId });
    const h = (await createHandoff({ teamId, ownerId: rep.id, status: "accepted" }))!;
    const until = new Date(Date.now() + 24 * 3600_000).toISOString();
    const snoozed = await call(snooze, rep, { handoffId: h.id, version: h.version, until });
    expect(snoozed.ok).toBe(true);
    if (!snoozed.ok) return;
    expect(await call(undoHandoff, rep, { handoffId: h.id, version: snoozed.data.version })).toMatchObject({ ok: true, data: { status: "accepted" } });
    expect((await row(h.id)).snoozedUntil).toBeNull();
    expect((await timeline(h.id)).map(([type]) => type)).toEqual(["created", "snoozed", "undone"]);
  });

  it("refuses anyone but the person who acted, writing nothing", async () => {
    const teamId = (await createTeam())!.id;
    const rep = await createUser({ role: "rep", teamId });
    const manager = await createUser({ role: "manager", teamId });
    const h = (await createHandoff({ teamId }))!;
    const accepted = await call(acceptHandoff, rep, { handoffId: h.id, version: h.version });
    if (!accepted.ok) throw new Error("accept failed");
    const refused = await call(undoHandoff, manager, { handoffId: h.id, version: accepted.data.version });
    expect(refused).toMatchObject({ ok: false, code: "conflict", error: "Only the person who made this change can undo it." });
    expect(await row(h.id)).toMatchObject({ status: "accepted", ownerId: rep.id, version: accepted.data.version });
  });

  it("refuses once anything changed since (the version), and a second undo", async () => {
    const teamId = (await createTeam())!.id;
    const rep = await createUser({ role: "rep", teamId });
    const h = (await createHandoff({ teamId }))!;
    const accepted = await call(acceptHandoff, rep, { handoffId: h.id, version: h.version });
    if (!accepted.ok) throw new Error("accept failed");
    // Someone (here the rep, from another tab) moved it on: the toast's version is stale.
    const moved = await call(undoHandoff, rep, { handoffId: h.id, version: accepted.data.version - 1 });
    expect(moved).toMatchObject({ ok: false, code: "conflict" });
    const undone = await call(undoHandoff, rep, { handoffId: h.id, version: accepted.data.version });
    if (!undone.ok) throw new Error("undo failed");
    const again = await call(undoHandoff, rep, { handoffId: h.id, version: undone.data.version });
    expect(again).toMatchObject({ ok: false, code: "conflict", error: "The last change to this package cannot be undone." });
    expect((await row(h.id)).status).toBe("pending");
  });

  it("refuses after the window, on the server's clock", async () => {
    const teamId = (await createTeam())!.id;
    const rep = await createUser({ role: "rep", teamId });
    const h = (await createHandoff({ teamId }))!;
    const accepted = await call(acceptHandoff, rep, { handoffId: h.id, version: h.version });
    if (!accepted.ok) throw new Error("accept failed");
    const [event] = await db.select().from(handoffEvents).where(eq(handoffEvents.handoffId, h.id)).orderBy(asc(handoffEvents.id)).offset(1);
    const late = new Date(event!.createdAt.getTime() + UNDO_WINDOW_MS + UNDO_GRACE_MS + 1);
    await expect(undoLastAction({ actor: rep, handoffId: h.id, expectedVersion: accepted.data.version, now: late })).rejects.toMatchObject({
      code: "conflict",
      message: "Too late to undo: the 10 seconds have passed.",
    });
    expect((await row(h.id)).status).toBe("accepted");
  });
});
