import { eq } from "drizzle-orm";
import { db } from "@/db";
import { recordAdminChange } from "@/db/queries/audit";
import { ssoSettings, type SsoSettingsRow } from "@/db/schema";

// Single sign-on's one settings row (id 1); none: single sign-on is off and passwords work for everyone.

export async function getSsoSettingsRow(): Promise<SsoSettingsRow | null> {
  const [row] = await db.select().from(ssoSettings).where(eq(ssoSettings.id, 1));
  return row ?? null;
}

export type SsoSettingsValues = Omit<SsoSettingsRow, "id" | "updatedAt">;

export async function saveSsoSettingsRow({ actor, values }: { actor: { id: string; email: string }; values: SsoSettingsValues }) {
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(ssoSettings).where(eq(ssoSettings.id, 1)).for("update");
    const set = { ...values, updatedAt: new Date() };
    await tx
      .insert(ssoSettings)
      .values({ id: 1, ...set })
      .onConflictDoUpdate({ target: ssoSettings.id, set });
    await recordAdminChange(tx, {
      actor,
      action: "sso.update",
      entityType: "sso_settings",
      before: before ? redacted(before) : null,
      after: {
        ...redacted({ ...values, id: 1, updatedAt: set.updatedAt }),
        clientSecret: before?.clientSecretEncrypted === values.clientSecretEncrypted ? "(kept)" : "(replaced)",
      },
    });
  });
}

// The audit entry never holds the secret, not even encrypted.
function redacted(row: SsoSettingsRow) {
  return {
    enabled: row.enabled,
    issuer: row.issuer,
    clientId: row.clientId,
    allowedDomains: row.allowedDomains,
    autoCreate: row.autoCreate,
    autoCreateTeamId: row.autoCreateTeamId,
    passwordSignIn: row.passwordSignIn,
    breakGlassUserId: row.breakGlassUserId,
  };
}
