import { beforeAll, describe, expect, it } from "vitest";
import { countOpenByPriority, listInboxPage } from "@/db/queries/inbox";
import { cursorSchema, cursorValues, encodeCursor, type Cursor } from "@/lib/inbox/cursor";
import { createHandoff, createTeam, createUser } from "../support/factories";

let teamId: string;
let otherTeamId: string;
let ownerId: string;
const base = Date.parse("2026-11-25T09:00:00.000Z");

beforeAll(async () => {
  teamId = (await createTeam())!.id;
  otherTeamId = (await createTeam())!.id;
  ownerId = (await createUser({ role: "rep", teamId })).id;
  // 23 immediate packages in the team; several share an SLA due time so the id breaks ties.
  for (let i = 0; i < 23; i++) {
    await createHandoff({
      teamId,
      ownerId: i % 3 === 0 ? ownerId : null,
      status: i % 5 === 4 ? "converted" : "pending",
      slaDueAt: new Date(base + Math.floor(i / 2) * 60_000 + 0.5),
      leadName: `Lead ${i}`,
    });
  }
  await createHandoff({ teamId, priority: "normal" });
  await createHandoff({ teamId, priority: "nurture", status: "discarded" });
  await createHandoff({ teamId: otherTeamId, leadName: "Elsewhere" });
});

async function walk(direction: "forward" | "backward", limit: number) {
  const scope = { kind: "team" as const, teamId };
  const seen: string[] = [];
  let after: Cursor | undefined;
  for (let guard = 0; guard < 50; guard++) {
    const page = await listInboxPage({ scope, priority: "immediate", status: "all", sort: "sla_due_at", dir: "asc", limit, after });
    seen.push(...page.rows.map((r) => r.id));
    const last = page.rows.at(-1);
    if (!page.hasNext || !last) break;
    after = decode(encodeCursor(cursorValues("sla_due_at", last), last.id));
  }
  if (direction === "forward") return seen;
  // Walk back from the end with `before` cursors and check we meet the same rows in reverse.
  const back: string[] = [];
  // Past the last row: packages whose clock stopped come last, by deadline.
  let before: Cursor | undefined = decode(encodeCursor(["stopped", new Date("2100-01-01T00:00:00Z")], "ffffffff-ffff-4fff-bfff-ffffffffffff"));
  for (let guard = 0; guard < 50; guard++) {
    const page = await listInboxPage({ scope, priority: "immediate", status: "all", sort: "sla_due_at", dir: "asc", limit, before });
    back.unshift(...page.rows.map((r) => r.id));
    const first = page.rows[0];
    if (!page.hasPrevious || !first) break;
    before = decode(encodeCursor(cursorValues("sla_due_at", first), first.id));
  }
  return back;
}

function decode(token: string): Cursor {
  return cursorSchema.parse(token);
}

describe("inbox page query", () => {
  it("pages through a tab with keyset cursors: every row once, in SLA order, both directions", async () => {
    const forward = await walk("forward", 5);
    expect(forward).toHaveLength(23);
    expect(new Set(forward).size).toBe(23);
    const backward = await walk("backward", 5);
    expect(backward).toEqual(forward);
  });

  it("sorts by SLA due ascending, running clocks first, and scopes to the team", async () => {
    const page = await listInboxPage({ scope: { kind: "team", teamId }, priority: "immediate", status: "all", sort: "sla_due_at", dir: "asc", limit: 100 });
    const running = page.rows.filter((r) => r.status === "pending");
    const dues = running.map((r) => r.slaDueAt.getTime());
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(page.rows.slice(0, running.length)).toEqual(running);
    expect(page.rows.map((r) => r.leadName)).not.toContain("Elsewhere");
    expect(page.hasNext).toBe(false);
  });

  it("filters open work and one owner's packages", async () => {
    const open = await listInboxPage({ scope: { kind: "team", teamId }, priority: "immediate", status: "open", sort: "sla_due_at", dir: "asc", limit: 100 });
    expect(open.rows.every((r) => r.status !== "converted")).toBe(true);
    expect(open.rows).toHaveLength(19);
    const mine = await listInboxPage({ scope: { kind: "owner", ownerId }, priority: "immediate", status: "all", sort: "created_at", dir: "desc", limit: 100 });
    expect(mine.rows).toHaveLength(8);
    expect(mine.rows.every((r) => r.ownerId === ownerId)).toBe(true);
  });

  it("counts each tab within the same scope and status filter", async () => {
    expect(await countOpenByPriority({ scope: { kind: "team", teamId }, status: "open" })).toEqual({ immediate: 19, normal: 1, nurture: 0 });
    expect(await countOpenByPriority({ scope: { kind: "team", teamId }, status: "all" })).toEqual({ immediate: 23, normal: 1, nurture: 1 });
    expect(await countOpenByPriority({ scope: { kind: "team", teamId: null }, status: "open" })).toEqual({ immediate: 0, normal: 0, nurture: 0 });
  });
});

describe("inbox views and filters", () => {
  it("finds packages by name, company, email or summary, case-insensitively, with LIKE wildcards taken literally", async () => {
    const team = (await createTeam())!.id;
    await createHandoff({ teamId: team, leadName: "Zelda Quint" });
    await createHandoff({ teamId: team, leadName: "Percent 100% Sure" });
    const search = (q: string) =>
      listInboxPage({ scope: { kind: "team", teamId: team }, priority: "immediate", status: "all", sort: "sla_due_at", dir: "asc", limit: 50, filters: { q } });
    expect((await search("zelda")).rows.map((r) => r.leadName)).toEqual(["Zelda Quint"]);
    expect((await search("ACME")).rows).toHaveLength(2); // company of both
    expect((await search("100%")).rows.map((r) => r.leadName)).toEqual(["Percent 100% Sure"]);
    expect((await search("%")).rows.map((r) => r.leadName)).toEqual(["Percent 100% Sure"]);
    expect((await search("qualify inbound")).rows).toHaveLength(2); // in the summary
  });

  it("lists whole-word matches first, then word prefixes, then matches inside a word, each in SLA order, and pages through them both ways", async () => {
    const team = (await createTeam())!.id;
    const at = (minutes: number) => new Date(base + minutes * 60_000);
    // SLA order alone would interleave the tiers: the substring matches are due soonest.
    const named: [string, number][] = [
      ["Steve Maddox", 0],
      ["Adam Eve", 1],
      ["Evelyn Hart", 2],
      ["Genevieve Roy", 3],
      ["Eve Laurent", 5],
      ["Everett Cole", 6],
      ["Bram Bakker", 4],
    ];
    for (const [leadName, minutes] of named) await createHandoff({ teamId: team, leadName, slaDueAt: at(minutes) });
    const expected = ["Adam Eve", "Eve Laurent", "Evelyn Hart", "Everett Cole", "Steve Maddox", "Genevieve Roy"];
    const scope = { kind: "team" as const, teamId: team };
    const pageOf = (options: { after?: Cursor; before?: Cursor; limit: number }) =>
      listInboxPage({ scope, priority: "immediate", status: "all", sort: "sla_due_at", dir: "asc", filters: { q: "Eve" }, ...options });

    expect((await pageOf({ limit: 50 })).rows.map((r) => r.leadName)).toEqual(expected);
    expect(await countOpenByPriority({ scope, status: "all", filters: { q: "Eve" } })).toEqual({ immediate: 6, normal: 0, nurture: 0 });

    // Pages of 2 and of 4 (a page that ends mid-tier and one that crosses two tiers), forwards and back.
    for (const limit of [2, 4]) {
      const forward: string[] = [];
      let after: Cursor | undefined;
      for (let guard = 0; guard < 10; guard++) {
        const page = await pageOf({ limit, after });
        forward.push(...page.rows.map((r) => r.leadName ?? ""));
        const last = page.rows.at(-1);
        if (!page.hasNext || !last) break;
        after = decode(encodeCursor(cursorValues("sla_due_at", last), last.id, last.matchTier));
      }
      expect(forward, `forward by ${limit}`).toEqual(expected);

      const backward: string[] = [];
      let before: Cursor | undefined = decode(encodeCursor(["stopped", new Date("2100-01-01T00:00:00Z")], "ffffffff-ffff-4fff-bfff-ffffffffffff", 2));
      for (let guard = 0; guard < 10; guard++) {
        const page = await pageOf({ limit, before });
        backward.unshift(...page.rows.map((r) => r.leadName ?? ""));
        const first = page.rows[0];
        if (!page.hasPrevious || !first) break;
        before = decode(encodeCursor(cursorValues("sla_due_at", first), first.id, first.matchTier));
      }
      expect(backward, `backward by ${limit}`).toEqual(expected);
    }
  });

  it("lists unassigned work and filters by reason and channel", async () => {
    const team = (await createTeam())!.id;
    const owner = (await createUser({ role: "rep", teamId: team })).id;
    await createHandoff({ teamId: team, ownerId: owner });
    await createHandoff({ teamId: team });
    const unassigned = await listInboxPage({
      scope: { kind: "unassigned", teamId: team },
      priority: "immediate",
      status: "all",
      sort: "sla_due_at",
      dir: "asc",
      limit: 50,
    });
    expect(unassigned.rows).toHaveLength(1);
    expect(unassigned.rows[0]!.ownerId).toBeNull();
    const base = {
      scope: { kind: "team" as const, teamId: team },
      priority: "immediate" as const,
      status: "all" as const,
      sort: "sla_due_at" as const,
      dir: "asc" as const,
      limit: 50,
    };
    expect((await listInboxPage({ ...base, filters: { reason: "high_value" } })).rows).toHaveLength(2);
    expect((await listInboxPage({ ...base, filters: { reason: "risk" } })).rows).toHaveLength(0);
    expect((await listInboxPage({ ...base, filters: { channel: "chat" } })).rows).toHaveLength(0);
    expect(await countOpenByPriority({ scope: base.scope, status: "open", filters: { channel: "form" } })).toEqual({ immediate: 2, normal: 0, nurture: 0 });
  });
});
