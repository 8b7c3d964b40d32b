import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { beforeAll, describe, expect, it } from "vitest";
import { db, databaseUrl } from "@/db";
import { handoffEvents, handoffs } from "@/db/schema";
import type { Actor } from "@/lib/auth/guard";
import { UserError } from "@/lib/errors";
import { changeHandoffStatus, reassignHandoff } from "@/lib/handoffs/change-handoff";
import { createHandoff, createTeam, createUser } from "../support/factories";
import { waitFor } from "../support/wait-for";

let teamId: string;
let rep1: Actor;
let rep2: Actor;
let manager: Actor;

beforeAll(async () => {
  teamId = (await createTeam())!.id;
  rep1 = await createUser({ role: "rep", teamId });
  rep2 = await createUser({ role: "rep", teamId });
  manager = await createUser({ role: "manager", teamId });
});

async function eventsOf(handoffId: string) {
  return db.select().from(handoffEvents).where(eq(handoffEvents.handoffId, handoffId));
}

async function expectUserError(promise: Promise<unknown>, code: string, message?: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).code).toBe(code);
  if (message) expect((error as UserError).message).toMatch(message);
}

describe("status changes on real Postgres", () => {
  it("accepts a pending package: owner, status, version and one timeline event in one go", async () => {
    const h = await createHandoff({ teamId });
    const updated = await changeHandoffStatus({ actor: rep1, handoffId: h!.id, expectedVersion: h!.version, input: { command: "accept" } });
    expect(updated).toMatchObject({ status: "accepted", ownerId: rep1.id, version: h!.version + 1 });
    const events = await eventsOf(h!.id);
    expect(events.map((e) => [e.type, e.fromStatus, e.toStatus, e.actorId])).toContainEqual(["status_changed", "pending", "accepted", rep1.id]);
  });

  it("refuses illegal transitions and writes nothing", async () => {
    const h = await createHandoff({ teamId, ownerId: rep1.id });
    await expectUserError(
      changeHandoffStatus({
        actor: rep1,
        handoffId: h!.id,
        expectedVersion: h!.version,
        input: { command: "convert", valueAmount: 10, valueCurrency: "EUR", meetingBooked: false },
      }),
      "conflict",
      /can't convert a package that is pending/,
    );
    const discarded = await createHandoff({ teamId, ownerId: rep1.id, status: "discarded" });
    await expectUserError(changeHandoffStatus({ actor: rep1, handoffId: discarded!.id, expectedVersion: 1, input: { command: "accept" } }), "conflict");

    const [after] = await db.select().from(handoffs).where(eq(handoffs.id, h!.id));
    expect(after).toMatchObject({ status: "pending", version: h!.version });
    expect((await eventsOf(h!.id)).map((e) => e.type)).toEqual(["created"]);
  });

  it("records the discard reason and the conversion value", async () => {
    const a = await createHandoff({ teamId, ownerId: rep1.id, status: "accepted" });
    const converted = await changeHandoffStatus({
      actor: rep1,
      handoffId: a!.id,
      expectedVersion: a!.version,
      input: { command: "convert", valueAmount: 18000, valueCurrency: "EUR", meetingBooked: true, note: "Signed the audit" },
    });
    expect(converted).toMatchObject({ status: "converted", valueAmount: 18000, valueCurrency: "EUR", meetingBooked: true });
    expect(converted.closedAt).toBeInstanceOf(Date);

    const b = await createHandoff({ teamId });
    const discarded = await changeHandoffStatus({
      actor: rep1,
      handoffId: b!.id,
      expectedVersion: b!.version,
      input: { command: "discard", reason: "spam", note: "bot" },
    });
    expect(discarded).toMatchObject({ status: "discarded", discardReason: "spam" });
    const [event] = (await eventsOf(b!.id)).filter((e) => e.type === "status_changed");
    expect(event).toMatchObject({ note: "bot", data: { reason: "spam" } });
  });

  it("refuses a rep acting on a colleague's package or another team's", async () => {
    const mine = await createHandoff({ teamId, ownerId: rep2.id });
    await expectUserError(
      changeHandoffStatus({ actor: rep1, handoffId: mine!.id, expectedVersion: 1, input: { command: "accept" } }),
      "forbidden",
      /belongs to/,
    );
    const other = await createHandoff({ teamId: (await createTeam())!.id });
    await expectUserError(changeHandoffStatus({ actor: rep1, handoffId: other!.id, expectedVersion: 1, input: { command: "accept" } }), "forbidden");
  });

  it("lets only managers reassign", async () => {
    const h = await createHandoff({ teamId, ownerId: rep1.id, status: "accepted" });
    await expectUserError(reassignHandoff({ actor: rep1, handoffId: h!.id, expectedVersion: h!.version, ownerId: rep2.id }), "forbidden");
    const moved = await reassignHandoff({ actor: manager, handoffId: h!.id, expectedVersion: h!.version, ownerId: rep2.id });
    // The new owner has not accepted it yet.
    expect(moved).toMatchObject({ ownerId: rep2.id, status: "pending" });
  });

  it("tells the loser of a stale edit what happened, and changes nothing", async () => {
    const h = await createHandoff({ teamId });
    await changeHandoffStatus({ actor: rep2, handoffId: h!.id, expectedVersion: h!.version, input: { command: "accept" } });
    await expectUserError(
      changeHandoffStatus({ actor: manager, handoffId: h!.id, expectedVersion: h!.version, input: { command: "discard", reason: "spam" } }),
      "conflict",
      new RegExp(`${rep2.name} changed this package a moment ago; it is now accepted`),
    );
  });
});

describe("two people accepting at once", () => {
  it("has exactly one winner when both requests run concurrently", async () => {
    for (let round = 0; round < 20; round++) {
      const h = await createHandoff({ teamId });
      const results = await Promise.allSettled([
        changeHandoffStatus({ actor: rep1, handoffId: h!.id, expectedVersion: h!.version, input: { command: "accept" } }),
        changeHandoffStatus({ actor: rep2, handoffId: h!.id, expectedVersion: h!.version, input: { command: "accept" } }),
      ]);
      const winners = results.filter((r) => r.status === "fulfilled");
      const losers = results.filter((r) => r.status === "rejected");
      expect(winners).toHaveLength(1);
      expect((losers[0] as PromiseRejectedResult).reason).toMatchObject({ code: "conflict" });
      const accepted = (await eventsOf(h!.id)).filter((e) => e.toStatus === "accepted");
      expect(accepted).toHaveLength(1);
      const [row] = await db.select().from(handoffs).where(eq(handoffs.id, h!.id));
      expect(row!.ownerId).toBe(accepted[0]!.actorId);
    }
  });

  it("has one winner when the other accept commits while ours waits on the row (a second connection)", async () => {
    const h = await createHandoff({ teamId });
    const other = postgres(databaseUrl(), { max: 1, onnotice: () => {} });
    try {
      // Another instance of the app has accepted the package but not yet committed.
      let commit!: () => void;
      const held = new Promise<void>((resolve) => (commit = resolve));
      let updated!: (pid: number) => void;
      const otherPid = new Promise<number>((resolve) => (updated = resolve));
      const otherTx = other.begin(async (tx) => {
        await tx`update handoffs set status = 'accepted', owner_id = ${rep2.id}, version = version + 1 where id = ${h!.id} and version = ${h!.version}`;
        const [{ pid }] = await tx<[{ pid: number }]>`select pg_backend_pid() as pid`;
        updated(pid);
        await held;
      });
      const holder = await otherPid;
      // Ours reads the old version, passes its checks, then blocks on the row lock.
      const ours = changeHandoffStatus({ actor: rep1, handoffId: h!.id, expectedVersion: h!.version, input: { command: "accept" } });
      // Certain, not timed: the other transaction commits only once ours is seen waiting for its lock.
      await waitFor(
        "our accept to wait on the other transaction's row lock",
        async () => {
          const [row] = await db.execute<{ n: number }>(sql`select count(*)::int as n from pg_stat_activity where ${holder}::int = any(pg_blocking_pids(pid))`);
          return Number(row!.n) > 0;
        },
        10_000,
        20,
      );
      commit();
      await otherTx;
      await expectUserError(ours, "conflict");
      const [row] = await db.select().from(handoffs).where(eq(handoffs.id, h!.id));
      expect(row).toMatchObject({ ownerId: rep2.id, status: "accepted", version: h!.version + 1 });
      expect((await eventsOf(h!.id)).filter((e) => e.type === "status_changed")).toHaveLength(0);
    } finally {
      await other.end({ timeout: 5 });
    }
  });
});
