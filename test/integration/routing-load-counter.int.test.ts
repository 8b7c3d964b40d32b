import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { handoffs, users } from "@/db/schema";
import { createHandoff, createTeam, createUser } from "../support/factories";

// Routing caps read users.open_immediate, which a trigger keeps; these tests hold it to the count it replaces.
async function counters(ids: string[]) {
  const rows = await db.select({ id: users.id, n: users.openImmediate }).from(users).where(inArray(users.id, ids));
  return Object.fromEntries(rows.map((r) => [r.id, r.n]));
}

async function actualCounts(ids: string[]) {
  const rows = await db.execute<{ id: string; n: number }>(sql`
    select u.id, (select count(*)::int from handoffs h where h.owner_id = u.id and h.priority = 'immediate' and h.is_open) as n
    from users u where u.id in ${ids}`);
  return Object.fromEntries(rows.map((r) => [r.id, Number(r.n)]));
}

describe("each person's open immediate packages, kept by a trigger", () => {
  it("follows creation, reassignment, reprioritisation, closing, reopening and deletion", async () => {
    const team = await createTeam();
    const dana = await createUser({ role: "rep", teamId: team!.id });
    const sam = await createUser({ role: "rep", teamId: team!.id });
    const ids = [dana.id, sam.id];

    const first = await createHandoff({ teamId: team!.id, ownerId: dana.id });
    const second = await createHandoff({ teamId: team!.id, ownerId: dana.id });
    await createHandoff({ teamId: team!.id, ownerId: dana.id, priority: "normal" });
    await createHandoff({ teamId: team!.id, ownerId: sam.id, status: "discarded" });
    expect(await counters(ids)).toEqual({ [dana.id]: 2, [sam.id]: 0 });

    await db.update(handoffs).set({ ownerId: sam.id }).where(eq(handoffs.id, first!.id));
    expect(await counters(ids)).toEqual({ [dana.id]: 1, [sam.id]: 1 });

    await db.update(handoffs).set({ status: "accepted" }).where(eq(handoffs.id, first!.id));
    expect(await counters(ids)).toEqual({ [dana.id]: 1, [sam.id]: 1 });

    await db.update(handoffs).set({ priority: "normal" }).where(eq(handoffs.id, second!.id));
    expect(await counters(ids)).toEqual({ [dana.id]: 0, [sam.id]: 1 });

    await db.update(handoffs).set({ status: "converted" }).where(eq(handoffs.id, first!.id));
    expect(await counters(ids)).toEqual({ [dana.id]: 0, [sam.id]: 0 });

    await db.update(handoffs).set({ priority: "immediate", ownerId: sam.id }).where(eq(handoffs.id, second!.id));
    expect(await counters(ids)).toEqual({ [dana.id]: 0, [sam.id]: 1 });

    await db.update(handoffs).set({ ownerId: null }).where(eq(handoffs.id, second!.id));
    expect(await counters(ids)).toEqual({ [dana.id]: 0, [sam.id]: 0 });

    await db.update(handoffs).set({ ownerId: dana.id }).where(eq(handoffs.id, second!.id));
    await db.delete(handoffs).where(eq(handoffs.id, second!.id));
    expect(await counters(ids)).toEqual({ [dana.id]: 0, [sam.id]: 0 });
  });

  it("agrees with a count after many mixed changes in one statement", async () => {
    const team = await createTeam();
    const people = await Promise.all([0, 1, 2, 3].map(() => createUser({ role: "rep", teamId: team!.id })));
    const ids = people.map((p) => p.id);
    for (let i = 0; i < 24; i++) {
      await createHandoff({
        teamId: team!.id,
        ownerId: ids[i % 4],
        priority: i % 3 === 0 ? "normal" : "immediate",
        status: i % 5 === 0 ? "discarded" : "pending",
      });
    }
    // One statement moving many rows at once: owners rotate, some close, some become immediate.
    await db.execute(sql`
      update handoffs set
        owner_id = (array[${ids[1]}, ${ids[2]}, ${ids[3]}, ${ids[0]}]::text[])[array_position(array[${ids[0]}, ${ids[1]}, ${ids[2]}, ${ids[3]}]::text[], owner_id)],
        status = case when random() < 0.3 then 'discarded'::handoff_status else status end,
        priority = case when random() < 0.3 then 'immediate'::handoff_priority else priority end
      where team_id = ${team!.id}`);
    expect(await counters(ids)).toEqual(await actualCounts(ids));
    expect(Object.values(await counters(ids)).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });
});
