import { eq } from "drizzle-orm";
import { enqueue } from "@/db/queries/outbox";
import { db } from "@/db";
import { recordAdminChange } from "@/db/queries/audit";
import { connectionSettings, type ConnectionSettingsRow } from "@/db/schema";

export async function listConnectionRows(): Promise<ConnectionSettingsRow[]> {
  return db.select().from(connectionSettings);
}

/** One service's saved row (by its primary key), or null. */
export async function findConnectionRow(kind: string): Promise<ConnectionSettingsRow | null> {
  const [row] = await db.select().from(connectionSettings).where(eq(connectionSettings.kind, kind));
  return row ?? null;
}

/**
 * Saves one service's settings: `config` replaces what is there; each secret in `encryptedSecrets`
 * (already encrypted) replaces its field, `clear` removes fields, and the others stay as saved. The
 * audit entry names which secrets changed, never their values.
 */
export async function saveConnectionSettings(input: {
  actor: { id: string; email: string };
  kind: string;
  config: Record<string, unknown>;
  encryptedSecrets: Record<string, string>;
  clear: readonly string[];
}): Promise<void> {
  await db.transaction(async (tx) => {
    const [existing] = await tx.select().from(connectionSettings).where(eq(connectionSettings.kind, input.kind)).for("update");
    const secrets = { ...(existing?.secrets ?? {}) };
    for (const field of input.clear) delete secrets[field];
    Object.assign(secrets, input.encryptedSecrets);
    const values = { config: input.config, secrets, updatedById: input.actor.id, updatedAt: new Date() };
    await tx
      .insert(connectionSettings)
      .values({ kind: input.kind, ...values })
      .onConflictDoUpdate({ target: connectionSettings.kind, set: values });
    const replaced = new Set(Object.keys(input.encryptedSecrets));
    await recordAdminChange(tx, {
      actor: input.actor,
      action: existing ? "connection.update" : "connection.create",
      entityType: "connection",
      entityId: input.kind,
      before: existing ? redacted(existing.config, existing.secrets, new Set()) : null,
      after: redacted(input.config, secrets, replaced),
    });
    // An embedding model set (or changed): the articles it has not embedded yet are, now rather than at the next minute's sweep.
    if (input.kind === "llm" && typeof input.config.embeddingModel === "string" && input.config.embeddingModel !== existing?.config.embeddingModel)
      await enqueue(tx, "knowledgeEmbed", {});
  });
}

// Secrets appear in the audit log only as whether they are set, and whether this change replaced them.
function redacted(config: Record<string, unknown>, secrets: Record<string, string>, replaced: Set<string>): Record<string, unknown> {
  const marks = Object.fromEntries(Object.keys(secrets).map((field) => [field, replaced.has(field) ? "(secret replaced)" : "(secret set)"]));
  return { ...config, ...marks };
}

/** Removes one service's saved settings (the environment's apply again), with its audit entry (secrets redacted). */
export async function deleteConnectionSettings(input: { actor: { id: string; email: string }; kind: string }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.delete(connectionSettings).where(eq(connectionSettings.kind, input.kind)).returning();
    if (!existing) return false;
    await recordAdminChange(tx, {
      actor: input.actor,
      action: "connection.delete",
      entityType: "connection",
      entityId: input.kind,
      before: redacted(existing.config, existing.secrets, new Set()),
      after: null,
    });
    return true;
  });
}
