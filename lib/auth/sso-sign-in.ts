import { createUserFromSso, findUserByEmail, recordSignInFailure } from "@/db/queries/users";
import type { SsoSettings } from "@/lib/auth/sso-settings";

/** Why a single sign-on was refused; the login page says it in words (`signInErrorMessage`). */
export const ssoRefusals = ["sso_no_email", "sso_unverified", "sso_domain", "sso_unknown", "sso_inactive", "sso_token"] as const;
export type SsoRefusal = (typeof ssoRefusals)[number];

export type SsoProfile = { email?: unknown; email_verified?: unknown; name?: unknown; [claim: string]: unknown };

/**
 * The identity provider's claims, checked before any account is looked at: an email the provider
 * vouches for (`email_verified` must be true, OIDC Core §5.1), at one of the allowed domains.
 */
export function ssoEmailProblem(profile: SsoProfile, settings: Pick<SsoSettings, "allowedDomains">): { email: string } | { refusal: SsoRefusal } {
  const email = typeof profile.email === "string" ? profile.email.trim().toLowerCase() : "";
  if (!email || !email.includes("@") || email.length > 320) return { refusal: "sso_no_email" };
  if (profile.email_verified !== true) return { refusal: "sso_unverified" };
  const domain = email.slice(email.lastIndexOf("@") + 1);
  if (settings.allowedDomains.length > 0 && !settings.allowedDomains.includes(domain)) return { refusal: "sso_domain" };
  return { email };
}

export type SsoUser = { id: string; name: string | null; email: string; role: "rep" | "manager" | "admin"; teamId: string | null; sessionVersion: number };

/**
 * Who signs in: the active Baton user with that verified email, or (when the admin allows it) a
 * new rep in the chosen team. A refusal is audited with its reason and creates nothing.
 */
export async function resolveSsoUser(profile: SsoProfile, settings: SsoSettings): Promise<{ ok: true; user: SsoUser } | { ok: false; refusal: SsoRefusal }> {
  const checked = ssoEmailProblem(profile, settings);
  const attempted = typeof profile.email === "string" ? profile.email : "";
  if ("refusal" in checked) {
    await recordSignInFailure({ email: attempted, userId: null, method: "sso", reason: checked.refusal });
    return { ok: false, refusal: checked.refusal };
  }
  const existing = await findUserByEmail({ email: checked.email });
  if (existing && !existing.active) {
    await recordSignInFailure({ email: checked.email, userId: existing.id, method: "sso", reason: "sso_inactive" });
    return { ok: false, refusal: "sso_inactive" };
  }
  const user =
    existing ??
    (settings.autoCreate && settings.autoCreateTeamId
      ? await createUserFromSso({
          email: checked.email,
          name: typeof profile.name === "string" && profile.name.trim() ? profile.name.trim().slice(0, 200) : null,
          teamId: settings.autoCreateTeamId,
        })
      : null);
  if (!user) {
    await recordSignInFailure({ email: checked.email, userId: null, method: "sso", reason: "sso_unknown" });
    return { ok: false, refusal: "sso_unknown" };
  }
  return { ok: true, user: { id: user.id, name: user.name, email: user.email, role: user.role, teamId: user.teamId, sessionVersion: user.sessionVersion } };
}

/** What the login page says for `?error=` (ours, and the codes Auth.js redirects with). */
export function signInErrorMessage(code: string | undefined): string | null {
  switch (code) {
    case undefined:
    case "":
      return null;
    case "sso_no_email":
      return "Your identity provider did not share an email address, so Baton cannot tell who you are.";
    case "sso_unverified":
      return "Your identity provider has not verified your email address, so Baton cannot sign you in with it.";
    case "sso_domain":
      return "Single sign-on is open only to the email domains your admin allowed.";
    case "sso_unknown":
      return "No Baton account uses that email address. Ask an admin to invite you.";
    case "sso_inactive":
      return "Your Baton account is deactivated. Ask an admin.";
    case "sso_token":
      return "Single sign-on failed: the identity provider's ID token did not verify (its signature, issuer or audience is wrong). Ask an admin to check the single sign-on settings.";
    case "sso_throttled":
      return "Too many failed sign-ins from this network; try again in a few minutes.";
    case "sso_off":
      return "Single sign-on is not set up. Sign in with your password.";
    case "AccessDenied":
      return "Single sign-on was refused.";
    default:
      // Configuration, OAuthCallbackError, CallbackRouteError…: discovery failed, the issuer did not
      // match, or the ID token did not verify.
      return "Single sign-on failed: Baton could not verify the identity provider's answer. Try again, or ask an admin to check the single sign-on settings.";
  }
}
