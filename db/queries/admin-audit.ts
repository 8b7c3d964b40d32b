import { asc, inArray, sql as dsql } from "drizzle-orm";
import { db } from "@/db";
import { apiKeys, auditLog, routingRules, teams, users } from "@/db/schema";

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
    db.select({ id: users.id, name: dsql<string>`coalesce(${users.name}, ${users.email})` }).from(users).where(inArray(users.id, list)),
    db.select({ id: teams.id, name: teams.name }).from(teams).where(inArray(teams.id, list)),
    db.select({ id: routingRules.id, name: routingRules.name }).from(routingRules).where(inArray(routingRules.id, list)),
    db.select({ id: apiKeys.id, name: apiKeys.name }).from(apiKeys).where(inArray(apiKeys.id, list)),
  ]);
  return new Map([...people, ...teamRows, ...rules, ...keys].map((row) => [row.id, row.name]));
}
