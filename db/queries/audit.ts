import { and, asc, desc, eq, inArray, lt, or, sql as dsql, type SQL } from "drizzle-orm";
import { db, type Transaction } from "@/db";
import { apiKeys, auditLog, routingRules, teams, users, type AuditEntry } from "@/db/schema";

type Executor = Transaction | typeof db;

export type AdminChange = {
  actor: { id: string; email: string };
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
};

/**
 * Records one admin change. Call it inside the transaction that makes the change, so the change
 * and its audit entry land together or not at all.
 */
export async function recordAdminChange(executor: Executor, change: AdminChange): Promise<void> {
  await executor.insert(auditLog).values({
    actorId: change.actor.id,
    actorEmail: change.actor.email,
    action: change.action,
    entityType: change.entityType,
    entityId: change.entityId ?? null,
    before: change.before ?? null,
    after: change.after ?? null,
  });
}

/** Newest first, keyset-paged by (createdAt, id). */
/** An audit entry on its own (not part of a change's transaction). */
export async function recordAuditEntry(change: AdminChange): Promise<void> {
  await recordAdminChange(db, change);
}

export async function listAuditLog({
  limit = 50,
  entityType,
  after,
}: {
  limit?: number;
  entityType?: string;
  after?: { createdAt: Date; id: number };
}): Promise<AuditEntry[]> {
  const filters: (SQL | undefined)[] = [entityType ? eq(auditLog.entityType, entityType) : undefined];
  if (after) filters.push(or(lt(auditLog.createdAt, after.createdAt), and(eq(auditLog.createdAt, after.createdAt), lt(auditLog.id, after.id))));
  return db
    .select()
    .from(auditLog)
    .where(and(...filters))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit);
}

/** The kinds of thing the log has entries for, for its filter. */
export async function listAuditEntityTypes(): Promise<string[]> {
  const rows = await db.selectDistinct({ entityType: auditLog.entityType }).from(auditLog).orderBy(asc(auditLog.entityType));
  return rows.map((r) => r.entityType);
}

/**
 * The names of the users, teams, routing rules and API keys among `ids`, for the audit log to show
 * names instead of UUIDs. An id that no longer exists (a deleted rule) keeps showing as the id.
 */
export async function namesForAuditIds(ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const list = [...ids];
  const [people, teamRows, rules, keys] = await Promise.all([
    db
      .select({ id: users.id, name: dsql<string>`coalesce(${users.name}, ${users.email})` })
      .from(users)
      .where(inArray(users.id, list)),
    db.select({ id: teams.id, name: teams.name }).from(teams).where(inArray(teams.id, list)),
    db.select({ id: routingRules.id, name: routingRules.name }).from(routingRules).where(inArray(routingRules.id, list)),
    db.select({ id: apiKeys.id, name: apiKeys.name }).from(apiKeys).where(inArray(apiKeys.id, list)),
  ]);
  return new Map([...people, ...teamRows, ...rules, ...keys].map((row) => [row.id, row.name]));
}
