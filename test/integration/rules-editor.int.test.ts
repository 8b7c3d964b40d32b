import { randomUUID } from "node:crypto";
import { and, desc, eq, sql as dsql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, sql } from "@/db";
import { auditLog, intakes, ruleSetVersions } from "@/db/schema";
import { ensureDefaultRuleSet, findRuleSetDraft, listRuleSetVersions, publishRuleSet } from "@/db/queries/rules";
import { runAction } from "@/lib/action";
import { authorizeUser } from "@/lib/auth/guard";
import type { Actor } from "@/lib/auth/guard";
import { defaultRuleSet } from "@/lib/rules/default-rules";
import { activeRuleSet } from "@/lib/rules/published";
import { publishRulesCommand, restoreRulesVersionCommand, saveRulesDraftCommand, simulateRulesCommand } from "@/lib/rules/rule-set-commands";
import { createUser } from "../support/factories";

// The files share one database: this one leaves the rule set as it found it (version 1 published).
const asUser = (user: Actor) => (roles: readonly Actor["role"][]) => authorizeUser({ userId: user.id, allowed: roles });
const defaults = () => structuredClone(defaultRuleSet) as Record<string, unknown> & typeof defaultRuleSet;

let admin: Actor;
beforeAll(async () => {
  // Whatever an earlier file published, this one starts from a single version 1 (TRUNCATE fires no row trigger).
  await db.execute(dsql`truncate rule_set_versions`);
  await ensureDefaultRuleSet(defaultRuleSet as Record<string, unknown>);
  admin = await createUser({ role: "admin", teamId: null });
});
afterAll(async () => {
  // TRUNCATE fires no row trigger: the only way back to a single version 1.
  await db.execute(dsql`truncate rule_set_versions`);
  await ensureDefaultRuleSet(defaultRuleSet as Record<string, unknown>);
});

describe("saving the rules", () => {
  it("refuses invalid rules, naming each problem under its field, and writes nothing", async () => {
    const rules = defaults();
    rules.rules[1]!.when = { any: ["risk", "hihgValue"] };
    const reply = await runAction(saveRulesDraftCommand, asUser(admin), { rules });
    expect(reply).toMatchObject({ ok: false, code: "bad_request", fieldErrors: { "rules.1.when": ['unknown feature or signal "hihgValue"'] } });
    expect(!reply.ok && reply.error).toMatch(/hihgValue/);

    const negative = defaults();
    (negative.thresholds as Record<string, unknown>).monthlyLeads = -1;
    const refused = await runAction(publishRulesCommand, asUser(admin), { rules: negative });
    expect(refused).toMatchObject({ ok: false, fieldErrors: { "thresholds.monthlyLeads": ["The leads-a-month threshold cannot be negative."] } });
    expect(await findRuleSetDraft()).toBeNull();
    expect((await listRuleSetVersions()).map((v) => v.version)).toEqual([1]);
  });

  it("refuses a rep and a manager", async () => {
    for (const role of ["rep", "manager"] as const) {
      const user = await createUser({ role, teamId: null });
      const reply = await runAction(saveRulesDraftCommand, asUser(user), { rules: defaults() });
      expect(reply).toMatchObject({ ok: false, code: "forbidden" });
      expect(await runAction(restoreRulesVersionCommand, asUser(user), { version: 1 })).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(await findRuleSetDraft()).toBeNull();
  });

  it("saves a draft, publishes it as version 2 (audited), and the next intake uses it at once", async () => {
    const rules = defaults();
    rules.thresholds.monthlyLeads = 100;
    expect(await runAction(saveRulesDraftCommand, asUser(admin), { rules, note: "Lower volume" })).toEqual({ ok: true, data: { saved: true } });
    expect((await findRuleSetDraft())?.rules).toMatchObject({ thresholds: { monthlyLeads: 100 } });
    expect((await activeRuleSet()).version).toBe(1);

    const published = await runAction(publishRulesCommand, asUser(admin), { rules, note: "Lower volume" });
    expect(published).toEqual({ ok: true, data: { version: 2 } });
    expect(await findRuleSetDraft()).toBeNull();
    const active = await activeRuleSet();
    expect(active.version).toBe(2);
    expect(active.ruleSet.thresholds.monthlyLeads).toBe(100);

    const versions = await db.select().from(ruleSetVersions).orderBy(ruleSetVersions.version);
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [1, "archived"],
      [2, "published"],
    ]);
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "rule_set"), eq(auditLog.actorId, admin.id)))
      .orderBy(auditLog.id);
    expect(audit.map((a) => [a.action, a.entityId, a.actorId])).toEqual([
      ["rules.save_draft", "draft", admin.id],
      ["rules.publish", "2", admin.id],
    ]);
    expect(audit[1]!.before).toMatchObject({ version: 1, rules: { thresholds: { monthlyLeads: 300 } } });
    expect(audit[1]!.after).toMatchObject({ version: 2, rules: { thresholds: { monthlyLeads: 100 } } });
  });

  it("restores version 1 by publishing a copy of it as version 3", async () => {
    const reply = await runAction(restoreRulesVersionCommand, asUser(admin), { version: 1 });
    expect(reply).toEqual({ ok: true, data: { version: 3, restoredFrom: 1 } });
    const [v1] = await db.select().from(ruleSetVersions).where(eq(ruleSetVersions.version, 1));
    const [v3] = await db.select().from(ruleSetVersions).where(eq(ruleSetVersions.version, 3));
    expect(v3).toMatchObject({ status: "published", restoredFrom: 1, note: "Restored from version 1" });
    expect(v3!.rules).toEqual(v1!.rules);
    expect((await activeRuleSet()).ruleSet.thresholds.monthlyLeads).toBe(300);
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "rule_set"), eq(auditLog.action, "rules.restore")))
      .orderBy(desc(auditLog.id));
    expect(entry).toMatchObject({ entityId: "3", before: { version: 2 }, after: { version: 3, restoredFrom: 1 } });

    expect(await runAction(restoreRulesVersionCommand, asUser(admin), { version: 99 })).toMatchObject({ ok: false, code: "not_found" });
  });

  it("refuses to publish edits started from a version that is no longer the published one", async () => {
    const stale = await runAction(publishRulesCommand, asUser(admin), { rules: defaults(), basedOn: 2 });
    expect(stale).toMatchObject({ ok: false, code: "conflict", error: expect.stringMatching(/after version 2/) });
    expect((await activeRuleSet()).version).toBe(3);
  });
});

describe("a published version never changes", () => {
  it("refuses an UPDATE of its rules through the query layer and through raw SQL, and refuses deleting it", async () => {
    const changed = { ...defaultRuleSet, name: "tampered" };
    // drizzle wraps the database's error: the trigger's message is its cause.
    await expect(db.update(ruleSetVersions).set({ rules: changed }).where(eq(ruleSetVersions.version, 2))).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/version 2 is archived: a published version never changes/) },
    });
    await expect(sql`update rule_set_versions set rules = '{}'::jsonb where version = 3`).rejects.toThrow(/never changes/);
    await expect(sql`update rule_set_versions set status = 'published' where version = 1`).rejects.toThrow(/cannot go from archived to published/);
    await expect(sql`delete from rule_set_versions where version = 1`).rejects.toThrow(/only a draft can be deleted/);
    const [v2] = await db.select().from(ruleSetVersions).where(eq(ruleSetVersions.version, 2));
    expect(v2!.rules).toMatchObject({ name: defaultRuleSet.name, thresholds: { monthlyLeads: 100 } });
  });

  it("publishing again archives the published version without touching its content", async () => {
    const before = await db.select().from(ruleSetVersions).where(eq(ruleSetVersions.version, 3));
    const rules = defaults();
    rules.thresholds.urgentDays = 10;
    const row = await publishRuleSet({ actor: admin, rules, note: null });
    expect(row?.version).toBe(4);
    const [after] = await db.select().from(ruleSetVersions).where(eq(ruleSetVersions.version, 3));
    expect(after).toEqual({ ...before[0], status: "archived" });
  });
});

describe("simulating the rules being edited", () => {
  it("replays the stored intakes through the draft and the published version", async () => {
    const event = {
      externalId: `sim-${randomUUID()}`,
      channel: "form",
      receivedAt: "2026-11-10T09:00:00Z",
      fields: {
        firstname: "Ana",
        email: "ana@northwind-logistics.com",
        company: "Northwind Logistics",
        monthly_leads: "200",
        message: "About 200 inbound leads a month; we want to automate lead qualification before our sales team calls them.",
      },
    };
    const [row] = await db
      .insert(intakes)
      .values({ externalId: event.externalId, channel: "form", raw: event, receivedAt: event.receivedAt })
      .returning({ id: intakes.id });
    const rules = defaults();
    rules.thresholds.monthlyLeads = 100;
    const reply = await runAction(simulateRulesCommand, asUser(admin), { source: "recent", rules, limit: 5 });
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    expect(reply.data.activeVersion).toBe(4);
    expect(reply.data.moved.find((m) => m.id === row!.id)).toMatchObject({
      from: { decision: "act" },
      to: { decision: "escalate", priority: "normal", reasons: ["high_value"] },
    });

    const upload = await runAction(simulateRulesCommand, asUser(admin), { source: "upload", rules, jsonl: `${JSON.stringify(event)}\nnot json\n` });
    expect(upload).toMatchObject({ ok: true, data: { total: 1, movedCount: 1, problems: ["line 2: not valid JSON"] } });

    const tooMany = await runAction(simulateRulesCommand, asUser(admin), { source: "recent", rules, limit: 10_001 });
    expect(tooMany).toMatchObject({ ok: false, code: "bad_request", field: "limit", error: "at most 10,000 intakes at once" });
  });
});
