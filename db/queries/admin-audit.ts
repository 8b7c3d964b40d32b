import { asc } from "drizzle-orm";
import { db } from "@/db";
import { auditLog } from "@/db/schema";

/** The kinds of thing the log has entries for, for its filter. */
export async function listAuditEntityTypes(): Promise<string[]> {
  const rows = await db.selectDistinct({ entityType: auditLog.entityType }).from(auditLog).orderBy(asc(auditLog.entityType));
  return rows.map((r) => r.entityType);
}
