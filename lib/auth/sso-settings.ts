import { getSsoSettingsRow, saveSsoSettingsRow } from "@/db/queries/sso-settings";
import type { SsoSettingsRow } from "@/db/schema";
import { findUserById } from "@/db/queries/users";
import { findTeamById } from "@/db/queries/teams";
import type { SaveSsoInput } from "@/lib/auth/sso-schema";
import { decryptSecret, encryptSecret } from "@/lib/connections/encryption";
import { encryptionKey } from "@/lib/connections/encryption-key";
import { UserError } from "@/lib/errors";
import { logger } from "@/lib/logger";

/** The Auth.js provider id single sign-on runs under: its routes are /api/auth/{signin,callback}/oidc. */
export const SSO_PROVIDER_ID = "oidc";

export type SsoSettings = {
  enabled: boolean;
  issuer: string;
  clientId: string;
  clientSecret: string;
  allowedDomains: string[];
  autoCreate: boolean;
  autoCreateTeamId: string | null;
  passwordSignIn: boolean;
  breakGlassUserId: string | null;
};

const SECRET_CONTEXT = "sso_settings.client_secret";

// Read fresh on every Auth.js request and password sign-in (one primary-key row). A cache per
// process went stale across the built app's bundles: the sign-in page offered single sign-on that
// the auth route, still holding "off", then refused with a configuration error.

/** A saved row's settings, all but the client secret (which only sign-in decrypts). */
function withoutSecret(row: SsoSettingsRow): Omit<SsoSettings, "clientSecret"> {
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

/** The saved settings, the secret decrypted; null when none are saved or they cannot be read. */
export async function loadSsoSettings(): Promise<SsoSettings | null> {
  try {
    const row = await getSsoSettingsRow();
    if (!row) return null;
    return { ...withoutSecret(row), clientSecret: decryptSecret(row.clientSecretEncrypted, encryptionKey(), SECRET_CONTEXT) };
  } catch (error) {
    // The row unreadable or its secret undecryptable: sign-in goes on with passwords only.
    logger.warn("single sign-on settings unreadable; single sign-on is off", { error });
    return null;
  }
}

/** The settings in force for sign-in: SSO usable only when enabled. */
export async function activeSso(): Promise<SsoSettings | null> {
  const settings = await loadSsoSettings();
  return settings?.enabled ? settings : null;
}

/**
 * Whether this user may sign in with a password. Only when single sign-on is on and the admin turned
 * password sign-in off does this narrow, to the one break-glass admin.
 */
export function passwordSignInAllowed(settings: SsoSettings | null, userId: string | null): boolean {
  if (!settings?.enabled || settings.passwordSignIn) return true;
  return Boolean(userId) && userId === settings.breakGlassUserId;
}

/** What /admin/connections shows: never the secret, only whether one is saved. */
export async function describeSsoSettings() {
  const row = await getSsoSettingsRow();
  if (!row) return null;
  return { ...withoutSecret(row), secretSaved: true };
}

export async function saveSsoSettings({ actor, input }: { actor: { id: string; email: string }; input: SaveSsoInput }): Promise<void> {
  const before = await getSsoSettingsRow();
  if (!input.clientSecret && !before)
    throw new UserError("bad_request", "Client secret: enter the secret the identity provider gave you.", { clientSecret: ["must not be empty"] });
  if (input.autoCreate && !input.autoCreateTeamId)
    throw new UserError("bad_request", "Team for new people: choose the team people created at their first sign-in join.", {
      autoCreateTeamId: ["choose a team"],
    });
  if (input.autoCreateTeamId && !(await findTeamById(input.autoCreateTeamId)))
    throw new UserError("bad_request", "Team for new people: that team no longer exists; reload the page.", { autoCreateTeamId: ["no longer exists"] });
  if (input.enabled && !input.passwordSignIn) {
    // Someone must still get in when the identity provider is down or misconfigured.
    const admin = input.breakGlassUserId ? await findUserById({ id: input.breakGlassUserId }) : null;
    if (!admin || admin.role !== "admin" || !admin.active)
      throw new UserError("bad_request", "Break-glass admin: choose an active admin who may still sign in with a password.", {
        breakGlassUserId: ["choose an active admin"],
      });
  }
  await saveSsoSettingsRow({
    actor,
    values: {
      enabled: input.enabled,
      issuer: input.issuer,
      clientId: input.clientId,
      clientSecretEncrypted: input.clientSecret ? encryptSecret(input.clientSecret, encryptionKey(), SECRET_CONTEXT) : before!.clientSecretEncrypted,
      allowedDomains: input.allowedDomains,
      autoCreate: input.autoCreate,
      autoCreateTeamId: input.autoCreateTeamId ?? null,
      passwordSignIn: input.passwordSignIn,
      breakGlassUserId: input.breakGlassUserId ?? null,
    },
  });
}
