import { asc, eq, sql as dsql } from "drizzle-orm";
import { db, type Transaction } from "@/db";
import { recordAdminChange } from "@/db/queries/audit";
import { routingRules, type RoutingRuleRow } from "@/db/schema";
import type { RoutingRuleInput } from "@/lib/routing/routing-rule-input";

type AuditActor = { id: string; email: string };

/** Every rule as stored, in order, including any that no longer parse (so an admin can fix or delete them). */
export async function listRoutingRuleRows(): Promise<RoutingRuleRow[]> {
  return db.select().from(routingRules).orderBy(asc(routingRules.position), asc(routingRules.id));
}

/** A new rule goes last; the admin moves it up. */
export async function createRoutingRule({ actor, rule }: { actor: AuditActor; rule: RoutingRuleInput }): Promise<RoutingRuleRow> {
  return db.transaction(async (tx) => {
    await lockRules(tx);
    const { last } = (await tx.select({ last: dsql<number>`coalesce(max(${routingRules.position}), 0)::int` }).from(routingRules))[0]!;
    const [row] = await tx
      .insert(routingRules)
      .values({ ...rule, position: last + 10 })
      .returning();
    await recordAdminChange(tx, { actor, action: "routing_rule.create", entityType: "routing_rule", entityId: row!.id, after: snapshot(row!) });
    return row!;
  });
}

export async function updateRoutingRule({ actor, id, rule }: { actor: AuditActor; id: string; rule: RoutingRuleInput }): Promise<RoutingRuleRow | null> {
  return changeRule(actor, id, "routing_rule.update", (tx) =>
    tx
      .update(routingRules)
      .set({ ...rule, updatedAt: new Date() })
      .where(eq(routingRules.id, id))
      .returning(),
  );
}

export async function setRoutingRuleEnabled({ actor, id, enabled }: { actor: AuditActor; id: string; enabled: boolean }): Promise<RoutingRuleRow | null> {
  return changeRule(actor, id, enabled ? "routing_rule.enable" : "routing_rule.disable", (tx) =>
    tx.update(routingRules).set({ enabled, updatedAt: new Date() }).where(eq(routingRules.id, id)).returning(),
  );
}

export async function deleteRoutingRule({ actor, id }: { actor: AuditActor; id: string }): Promise<RoutingRuleRow | null> {
  return db.transaction(async (tx) => {
    await lockRules(tx);
    const [row] = await tx.delete(routingRules).where(eq(routingRules.id, id)).returning();
    if (!row) return null;
    await recordAdminChange(tx, { actor, action: "routing_rule.delete", entityType: "routing_rule", entityId: id, before: snapshot(row) });
    return row;
  });
}

/**
 * Swaps a rule with its neighbour above or below and renumbers every rule 10, 20, 30… so positions
 * stay unique. Null when the rule does not exist; unchanged when it is already first or last.
 */
export async function moveRoutingRule({ actor, id, direction }: { actor: AuditActor; id: string; direction: "up" | "down" }): Promise<RoutingRuleRow[] | null> {
  return db.transaction(async (tx) => {
    await lockRules(tx);
    const rows = await tx.select().from(routingRules).orderBy(asc(routingRules.position), asc(routingRules.id));
    const index = rows.findIndex((r) => r.id === id);
    if (index < 0) return null;
    const other = direction === "up" ? index - 1 : index + 1;
    if (other < 0 || other >= rows.length) return rows;
    const reordered = [...rows];
    [reordered[index], reordered[other]] = [reordered[other]!, reordered[index]!];
    for (const [i, row] of reordered.entries()) {
      if (row.position !== (i + 1) * 10)
        await tx
          .update(routingRules)
          .set({ position: (i + 1) * 10 })
          .where(eq(routingRules.id, row.id));
    }
    await recordAdminChange(tx, {
      actor,
      action: "routing_rule.reorder",
      entityType: "routing_rule",
      entityId: id,
      before: { order: rows.map((r) => r.name) },
      after: { order: reordered.map((r) => r.name) },
    });
    return reordered.map((r, i) => ({ ...r, position: (i + 1) * 10 }));
  });
}

async function changeRule(
  actor: AuditActor,
  id: string,
  action: string,
  write: (tx: Transaction) => Promise<RoutingRuleRow[]>,
): Promise<RoutingRuleRow | null> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(routingRules).where(eq(routingRules.id, id)).for("update");
    if (!before) return null;
    const [after] = await write(tx);
    await recordAdminChange(tx, { actor, action, entityType: "routing_rule", entityId: id, before: snapshot(before), after: snapshot(after!) });
    return after!;
  });
}

// Reorders, inserts and deletes renumber positions: one admin at a time.
async function lockRules(tx: Transaction): Promise<void> {
  await tx.execute(dsql`select pg_advisory_xact_lock(${RULES_LOCK})`);
}
const RULES_LOCK = 7_240_613;

function snapshot(row: RoutingRuleRow) {
  return { name: row.name, position: row.position, enabled: row.enabled, match: row.match, target: row.target, respectCapacity: row.respectCapacity };
}
