import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { countByPriorityCapped, countOpenByPriority, listCampaigns, listInboxPage, type InboxFilters } from "@/db/queries/inbox";
import { handoffs, type HandoffPriority } from "@/db/schema";
import { cursorSchema, cursorValues, encodeCursor, type Cursor, type InboxSort } from "@/lib/inbox/cursor";
import { createHandoff, createTeam, createUser } from "../support/factories";

// One team holding 30 packages over every priority, with repeated SLA times, repeated values and
// values missing (no budget stated), so every sort has ties and the value sort has nulls. A few were
// accepted with the earliest deadlines: their acceptance clock stopped, so the SLA sort puts them last.
let teamId: string;
let otherTeamId: string;
let ownerId: string;
type Row = { id: string; priority: HandoffPriority; status: string; slaDueAt: Date; createdAt: Date; updatedAt: Date; dealValue: number | null };
let all: Row[];
const base = Date.parse("2026-11-10T09:00:00.000Z");
const priorityRank = { immediate: 0, normal: 1, nurture: 2 } as const;

beforeAll(async () => {
  teamId = (await createTeam())!.id;
  otherTeamId = (await createTeam())!.id;
  ownerId = (await createUser({ role: "rep", teamId })).id;
  const priorities: HandoffPriority[] = ["immediate", "normal", "nurture"];
  for (let i = 0; i < 30; i++) {
    const h = await createHandoff({
      teamId,
      ownerId: i % 4 === 0 ? ownerId : null,
      priority: priorities[i % 3],
      slaDueAt: new Date(base + (i % 7) * 60_000),
      createdAt: new Date(base - (i % 10) * 86_400_000),
      leadName: `Sorted ${i}`,
      status: i % 7 === 0 || i % 5 === 0 ? "accepted" : "pending",
    });
    // A third converted with a value, a third with a stated budget (some equal), a third with neither.
    if (i % 3 === 0)
      await db
        .update(handoffs)
        .set({ valueAmount: 1000 * (i % 4), valueCurrency: "EUR" })
        .where(eq(handoffs.id, h!.id));
    if (i % 3 === 1)
      await db
        .update(handoffs)
        .set({ package: sql`jsonb_set(${handoffs.package}, '{salesContext,budget}', ${JSON.stringify({ amount: 2500 * (i % 2), currency: "USD" })}::jsonb)` })
        .where(eq(handoffs.id, h!.id));
  }
  await createHandoff({ teamId: otherTeamId, leadName: "Other team" });
  all = (await listInboxPage({ scope: { kind: "team", teamId }, priority: "all", status: "all", sort: "created_at", dir: "desc", limit: 100 })).rows as Row[];
});

function expectedOrder(sort: InboxSort, dir: "asc" | "desc"): string[] {
  const sign = dir === "asc" ? 1 : -1;
  const keys = (r: Row): (number | null)[] =>
    sort === "value"
      ? [r.dealValue]
      : sort === "sla_due_at"
        ? // Running clocks first whichever the direction (the direction's sign is undone on this key), each run by deadline.
          [(r.status === "pending" ? 0 : 1) * sign, r.slaDueAt.getTime()]
        : sort === "priority"
          ? [priorityRank[r.priority], r.slaDueAt.getTime()]
          : [sort === "created_at" ? r.createdAt.getTime() : r.updatedAt.getTime()];
  return [...all]
    .sort((a, b) => {
      const ka = keys(a);
      const kb = keys(b);
      for (let i = 0; i < ka.length; i++) {
        // Nulls last in either direction.
        if (ka[i] === null || kb[i] === null) {
          if (ka[i] !== kb[i]) return ka[i] === null ? 1 : -1;
          continue;
        }
        if (ka[i] !== kb[i]) return sign * (ka[i]! - kb[i]!);
      }
      return sign * (a.id < b.id ? -1 : 1);
    })
    .map((r) => r.id);
}

async function walk(sort: InboxSort, dir: "asc" | "desc", limit: number) {
  const query = { scope: { kind: "team" as const, teamId }, priority: "all" as const, status: "all" as const, sort, dir, limit };
  const token = (row: Row) => cursorSchema.parse(encodeCursor(cursorValues(sort, row), row.id));
  const forward: string[] = [];
  let after: Cursor | undefined;
  let lastPage: Row[] = [];
  for (let guard = 0; guard < 40; guard++) {
    const page = await listInboxPage({ ...query, after });
    lastPage = page.rows as Row[];
    forward.push(...page.rows.map((r) => r.id));
    if (!page.hasNext) break;
    after = token(page.rows.at(-1) as Row);
  }
  // Back from the last page with `before` cursors: the same rows, met in reverse.
  const backward: string[] = lastPage.map((r) => r.id);
  let before: Cursor | undefined = lastPage[0] ? token(lastPage[0]) : undefined;
  for (let guard = 0; guard < 40 && before; guard++) {
    const page = await listInboxPage({ ...query, before });
    backward.unshift(...page.rows.map((r) => r.id));
    before = page.hasPrevious ? token(page.rows[0] as Row) : undefined;
  }
  return { forward, backward };
}

describe("inbox sorts with keyset pagination", () => {
  it("has the ties and missing values the walks need", () => {
    expect(all).toHaveLength(30);
    expect(all.filter((r) => r.dealValue === null).length).toBeGreaterThanOrEqual(10);
    expect(new Set(all.map((r) => r.dealValue)).size).toBeLessThan(10);
    expect(all.filter((r) => r.status === "accepted").length).toBeGreaterThanOrEqual(8);
  });

  it("sorts by SLA on running clocks only: an accepted package's old deadline is not the most urgent", async () => {
    const page = await listInboxPage({ scope: { kind: "team", teamId }, priority: "all", status: "open", sort: "sla_due_at", dir: "asc", limit: 100 });
    const firstStopped = page.rows.findIndex((r) => r.status !== "pending");
    expect(firstStopped).toBeGreaterThan(0);
    expect(page.rows.slice(0, firstStopped).every((r) => r.status === "pending")).toBe(true);
    expect(page.rows.slice(firstStopped).every((r) => r.status !== "pending")).toBe(true);
    expect(page.rows.find((r) => r.status === "accepted")!.slaDueAt.getTime()).toBeLessThan(page.rows[0]!.slaDueAt.getTime());
  });

  for (const sort of ["sla_due_at", "created_at", "updated_at", "value", "priority"] as const) {
    for (const dir of ["asc", "desc"] as const) {
      it(`walks ${sort} ${dir} page by page, forwards and back: every row once, in order`, async () => {
        const expected = expectedOrder(sort, dir);
        // 4 does not divide 30, and pages end inside runs of ties and of missing values.
        for (const limit of [4, 7]) {
          const { forward, backward } = await walk(sort, dir, limit);
          expect(forward).toEqual(expected);
          expect(backward).toEqual(expected);
        }
      });
    }
  }

  it("starts a page exactly at a missing value: a cursor on a null reads the remaining nulls", async () => {
    const expected = expectedOrder("value", "desc");
    const firstNull = all.find((r) => r.id === expected.find((id) => all.find((x) => x.id === id)!.dealValue === null))!;
    const page = await listInboxPage({
      scope: { kind: "team", teamId },
      priority: "all",
      status: "all",
      sort: "value",
      dir: "desc",
      limit: 100,
      after: { values: [null], id: firstNull.id },
    });
    expect(page.rows.map((r) => r.id)).toEqual(expected.slice(expected.indexOf(firstNull.id) + 1));
    expect(page.rows.every((r) => r.dealValue === null)).toBe(true);
  });
});

describe("owner, team and created-date filters", () => {
  const list = (filters: InboxFilters, scope: { kind: "all" } | { kind: "team"; teamId: string } = { kind: "all" }) =>
    listInboxPage({ scope, priority: "all", status: "all", sort: "created_at", dir: "desc", limit: 100, filters });

  it("narrows to one owner, or to packages nobody owns", async () => {
    const mine = await list({ owner: ownerId });
    expect(mine.rows).toHaveLength(8);
    expect(mine.rows.every((r) => r.ownerId === ownerId)).toBe(true);
    const nobody = await list({ owner: "none" }, { kind: "team", teamId });
    expect(nobody.rows).toHaveLength(22);
    expect(nobody.rows.every((r) => r.ownerId === null)).toBe(true);
  });

  it("narrows to one team, and counts the tabs with it", async () => {
    const other = await list({ team: otherTeamId });
    expect(other.rows.map((r) => r.leadName)).toEqual(["Other team"]);
    expect(await countOpenByPriority({ scope: { kind: "all" }, status: "all", filters: { team: teamId } })).toEqual({ immediate: 10, normal: 10, nurture: 10 });
  });

  it("counts each tab exactly up to a cap, then stops one past it; a search too", async () => {
    const scope = { kind: "team" as const, teamId };
    expect(await countByPriorityCapped({ scope, status: "all", cap: 100 })).toEqual({ immediate: 10, normal: 10, nurture: 10 });
    expect(await countByPriorityCapped({ scope, status: "all", cap: 4 })).toEqual({ immediate: 5, normal: 5, nurture: 5 });
    // "Sorted 1" and "Sorted 10" to "Sorted 19".
    expect(await countByPriorityCapped({ scope, status: "all", filters: { q: "sorted 1" }, cap: 100 })).toEqual({ immediate: 3, normal: 5, nurture: 3 });
  });

  it("keeps packages created between two UTC days, both days included", async () => {
    // Created on 2026-11-10 minus 0..9 days, three per day: 11-08 to 11-10 is 9 packages.
    const range = await list({ from: "2026-11-08", to: "2026-11-10" }, { kind: "team", teamId });
    expect(range.rows).toHaveLength(9);
    const days = range.rows.map((r) => r.createdAt.toISOString().slice(0, 10));
    expect(new Set(days)).toEqual(new Set(["2026-11-08", "2026-11-09", "2026-11-10"]));
    expect((await list({ from: "2026-11-10" }, { kind: "team", teamId })).rows).toHaveLength(3);
    expect((await list({ to: "2026-11-01" }, { kind: "team", teamId })).rows).toHaveLength(3);
  });
});

describe("campaign choices", () => {
  it("lists each campaign once, in order, only where the scope has packages", async () => {
    const team = (await createTeam())!.id;
    const elsewhere = (await createTeam())!.id;
    for (const [teamOf, campaign] of [
      [team, "zz-spring"],
      [team, "zz-spring"],
      [team, "zz-autumn"],
      [elsewhere, "zz-winter"],
    ] as const) {
      const h = await createHandoff({ teamId: teamOf });
      await db.update(handoffs).set({ campaign }).where(eq(handoffs.id, h!.id));
    }
    expect((await listCampaigns({ scope: { kind: "team", teamId: team } })).filter((c) => c.startsWith("zz-"))).toEqual(["zz-autumn", "zz-spring"]);
    expect((await listCampaigns({ scope: { kind: "all" } })).filter((c) => c.startsWith("zz-"))).toEqual(["zz-autumn", "zz-spring", "zz-winter"]);
  });
});
