import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { handoffEvents, handoffs } from "@/db/schema";
import { runAction } from "@/lib/action";
import type { Actor } from "@/lib/auth/guard";
import { authorizeUser } from "@/lib/auth/guard";
import { changeHandoffStatus } from "@/lib/handoffs/change-handoff";
import { bulkDiscard, bulkReassign } from "@/lib/inbox/bulk-actions";
import { bulkDiscardSchema } from "@/lib/inbox/bulk-schemas";
import { createHandoff, createTeam, createUser } from "../support/factories";

let teamId: string;
let rep: Actor;
let rep2: Actor;
let manager: Actor;

beforeAll(async () => {
  teamId = (await createTeam())!.id;
  rep = await createUser({ role: "rep", teamId });
  rep2 = await createUser({ role: "rep", teamId });
  manager = await createUser({ role: "manager", teamId });
});

const item = (h: { id: string; version: number } | undefined) => ({ handoffId: h!.id, version: h!.version });
const statusOf = async (id: string) => (await db.select().from(handoffs).where(eq(handoffs.id, id)))[0];

describe("bulk actions on real Postgres", () => {
  it("discards every selected package through the state machine, and reports the one someone changed meanwhile", async () => {
    const packages = await Promise.all(Array.from({ length: 4 }, () => createHandoff({ teamId })));
    // A rep accepts one after the manager's list was drawn: the manager's version of it is stale.
    await changeHandoffStatus({ actor: rep, handoffId: packages[3]!.id, expectedVersion: packages[3]!.version, input: { command: "accept" } });

    const result = await bulkDiscard({ actor: manager, items: packages.map(item), reason: "spam", note: "Bot traffic" });
    expect(result.summary).toBe("3 discarded, 1 changed by someone else");
    expect(result.outcomes.find((o) => o.handoffId === packages[3]!.id)).toMatchObject({ outcome: "conflict" });
    for (const h of packages.slice(0, 3)) {
      const row = await statusOf(h!.id);
      expect(row).toMatchObject({ status: "discarded", discardReason: "spam", version: h!.version + 1 });
      const events = await db.select().from(handoffEvents).where(eq(handoffEvents.handoffId, h!.id));
      expect(events.find((e) => e.type === "status_changed")).toMatchObject({ actorId: manager.id, toStatus: "discarded", note: "Bot traffic" });
    }
    expect(await statusOf(packages[3]!.id)).toMatchObject({ status: "accepted", ownerId: rep.id });
  });

  it("reassigns every selected package to one person, with a timeline event each", async () => {
    const packages = await Promise.all(Array.from({ length: 3 }, () => createHandoff({ teamId })));
    const result = await bulkReassign({ actor: manager, items: packages.map(item), ownerId: rep2.id });
    expect(result.summary).toBe("3 reassigned");
    for (const h of packages) expect(await statusOf(h!.id)).toMatchObject({ ownerId: rep2.id, version: h!.version + 1 });
    const events = await db.select().from(handoffEvents).where(eq(handoffEvents.handoffId, packages[0]!.id));
    expect(events.find((e) => e.type === "reassigned")).toMatchObject({ actorId: manager.id, data: { toOwnerId: rep2.id } });
  });

  it("refuses a rep before touching anything, through the action's role check as well as the domain's", async () => {
    const h = await createHandoff({ teamId });
    await expect(bulkDiscard({ actor: rep, items: [item(h)], reason: "spam" })).rejects.toThrow("Bulk actions are for managers and admins.");
    const definition = { name: "inbox.bulk_discard", roles: ["manager", "admin"] as const, schema: bulkDiscardSchema, handler: async () => "ran" };
    const result = await runAction(definition, (roles) => authorizeUser({ userId: rep.id, allowed: roles }), { items: [item(h)], reason: "spam" });
    expect(result).toMatchObject({ ok: false, code: "forbidden" });
    expect(await statusOf(h!.id)).toMatchObject({ status: "pending", version: h!.version });
  });
});
