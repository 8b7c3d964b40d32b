import { and, desc, eq, lt, or, type SQL } from "drizzle-orm";
import { db, type Transaction } from "@/db";
import { auditLog, type AuditEntry } from "@/db/schema";

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
