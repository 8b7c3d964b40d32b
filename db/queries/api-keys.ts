import { and, desc, eq, isNull } from "drizzle-orm";
import { db } from "@/db";
import { recordAdminChange } from "@/db/queries/audit";
import { apiKeys, teams, type ApiKey } from "@/db/schema";

type AuditActor = { id: string; email: string };

export type AdminApiKeyRow = Pick<ApiKey, "id" | "name" | "prefix" | "teamId" | "createdAt" | "lastUsedAt" | "revokedAt" | "scopes"> & {
  teamName: string | null;
};

/** Active keys first, newest first. Never the hash. */
export async function listApiKeysForAdmin(): Promise<AdminApiKeyRow[]> {
  const rows = await db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      teamId: apiKeys.teamId,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
      scopes: apiKeys.scopes,
      teamName: teams.name,
    })
    .from(apiKeys)
    .leftJoin(teams, eq(teams.id, apiKeys.teamId))
    .orderBy(desc(apiKeys.createdAt));
  return rows.sort((a, b) => Number(Boolean(a.revokedAt)) - Number(Boolean(b.revokedAt)));
}

/** Null when the team does not exist. */
export async function createApiKeyByAdmin({
  actor,
  key,
}: {
  actor: AuditActor;
  key: { name: string; teamId: string | null; prefix: string; keyHash: string; scopes?: string[]; actsAsUserId?: string | null };
}): Promise<ApiKey | null> {
  return db.transaction(async (tx) => {
    if (key.teamId) {
      const [team] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, key.teamId));
      if (!team) return null;
    }
    const [row] = await tx
      .insert(apiKeys)
      .values({ ...key, createdById: actor.id })
      .returning();
    await recordAdminChange(tx, { actor, action: "api_key.create", entityType: "api_key", entityId: row!.id, after: snapshot(row!) });
    return row!;
  });
}

/** Null when there is no such key or it was already revoked. */
export async function revokeApiKey({ actor, id }: { actor: AuditActor; id: string }): Promise<ApiKey | null> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(apiKeys).where(eq(apiKeys.id, id)).for("update");
    if (!before) return null;
    const [after] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning();
    if (!after) return null;
    await recordAdminChange(tx, { actor, action: "api_key.revoke", entityType: "api_key", entityId: id, before: snapshot(before), after: snapshot(after) });
    return after;
  });
}

// The prefix tells keys apart; the hash stays out of the log.
function snapshot(row: ApiKey) {
  return {
    name: row.name,
    prefix: row.prefix,
    teamId: row.teamId,
    scopes: row.scopes,
    actsAsUserId: row.actsAsUserId,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
