import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { teams } from "@/db/schema";
import { createTeam } from "../support/factories";

// What this connection has prepared (pg_prepared_statements is per session: read in the same transaction).
async function preparedOnThisConnection(tx: Parameters<Parameters<typeof db.transaction>[0]>[0]): Promise<string[]> {
  const rows = await tx.execute<{ statement: string }>(sql`select statement from pg_prepared_statements`);
  return rows.map((r) => r.statement);
}

describe("drizzle's statements on the app's pool (db/prepared-statements.ts)", () => {
  it("prepares a statement from its second use, inside a transaction, and keeps one-off texts unnamed", async () => {
    const team = await createTeam();
    // A text of its own (a literal in it), so no other test has prepared it on this connection already.
    const alias = `marker_${randomUUID().replace(/-/g, "")}`;
    const byId = (tx: Parameters<Parameters<typeof db.transaction>[0]>[0]) =>
      tx
        .select({ name: teams.name })
        .from(teams)
        .where(and(eq(teams.id, team!.id), sql`${sql.raw(`'${alias}'`)} is not null`));
    await db.transaction(async (tx) => {
      const first = await byId(tx);
      expect(first).toEqual([{ name: team!.name }]);
      expect((await preparedOnThisConnection(tx)).some((s) => s.includes(alias))).toBe(false);
      // The second and third use: named, and the third reuses it (the same answer, no new statement).
      await byId(tx);
      expect(await byId(tx)).toEqual(first);
      expect((await preparedOnThisConnection(tx)).filter((s) => s.includes(alias))).toHaveLength(1);
    });
  });

  it("plans every prepared statement for its parameters (never a generic plan)", async () => {
    const [row] = await db.execute<{ plan_cache_mode: string }>(sql`show plan_cache_mode`);
    expect(row!.plan_cache_mode).toBe("force_custom_plan");
  });

  it("lets every trigger function plan as Postgres does by default (migration 0033), whatever the pool says", async () => {
    // A trigger runs its statements with the session's settings: under force_custom_plan each rollup
    // refresh at commit was planned again. A CREATE OR REPLACE of such a function drops its setting.
    const rows = await db.execute<{ name: string; config: string[] | null }>(sql`
      select distinct p.proname as name, p.proconfig as config
      from pg_trigger t join pg_proc p on p.oid = t.tgfoid join pg_namespace n on n.oid = p.pronamespace
      where not t.tgisinternal and n.nspname = 'public' and p.proname not like 'test\_%'
      order by 1`);
    expect(rows.length).toBeGreaterThanOrEqual(7);
    const without = rows.filter((r) => !(r.config ?? []).includes("plan_cache_mode=auto")).map((r) => r.name);
    expect(without).toEqual([]);
  });

  it("pipelines a transaction's statements: several sent at once all answer, in order", async () => {
    const team = await createTeam();
    const names = await db.transaction(async (tx) => {
      const reads = Array.from({ length: 6 }, () => tx.select({ name: teams.name }).from(teams).where(eq(teams.id, team!.id)).execute());
      return (await Promise.all(reads)).map(([r]) => r!.name);
    });
    expect(names).toEqual(Array.from({ length: 6 }, () => team!.name));
  });
});
