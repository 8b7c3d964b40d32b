import { issueAccessTokenAlone, peekAccessToken, spendAccessTokenForPassword } from "@/db/queries/access-tokens";
import { recordAuditEntry } from "@/db/queries/audit";
import { findUserByEmail } from "@/db/queries/users";
import { ACCESS_TOKEN_PATTERN, hashAccessToken, newAccessToken, PASSWORD_RESET_TTL_MS, tokenProblemMessage } from "@/lib/auth/access-token";
import { accountEmailConfigured, appLink, passwordResetEmail, sendAccountEmail } from "@/lib/auth/account-email";
import { badTokenCounters, checkAttempts, countAttempt, resetCounters, tryAgainIn } from "@/lib/auth/attempt-limit";
import { hashPassword } from "@/lib/auth/password";
import { loadSsoSettings, passwordSignInAllowed } from "@/lib/auth/sso-settings";
import type { Logger } from "@/lib/logger";

/** The same words whether or not the address has an account. */
export const RESET_REQUESTED_MESSAGE = "If an account uses that address, a link to choose a new password is on its way. It works once, for 30 minutes.";

export type ResetRequest = { ok: true; message: string; deliver: (() => Promise<void>) | null } | { ok: false; message: string };

/**
 * "Forgot password": counted per address and per client whatever happens next (so the limit says
 * nothing about the address either); for an active account that may use a password, a new
 * single-use link whose hash is stored. The email is returned as `deliver`, for the caller to send
 * after answering: the answer takes as long for an unknown address as for a known one.
 */
export async function requestPasswordReset({ email, ip }: { email: string; ip: string | null }): Promise<ResetRequest> {
  const counters = resetCounters(email, ip);
  const verdict = await checkAttempts(counters);
  if (verdict.limited) return { ok: false, message: tryAgainIn(verdict.retryAfterSeconds, "reset requests") };
  await countAttempt(counters);
  const user = await findUserByEmail({ email });
  if (!user || !user.active || !passwordSignInAllowed(await loadSsoSettings(), user.id) || !(await accountEmailConfigured())) {
    return { ok: true, message: RESET_REQUESTED_MESSAGE, deliver: null };
  }
  const { token, tokenHash } = newAccessToken();
  await issueAccessTokenAlone({ kind: "password_reset", userId: user.id, tokenHash, ttlMs: PASSWORD_RESET_TTL_MS, createdById: null });
  await recordAuditEntry({ actor: { id: user.id, email: user.email }, action: "password_reset.request", entityType: "password_reset", entityId: user.id });
  const link = appLink(`/login/reset/${token}`);
  return { ok: true, message: RESET_REQUESTED_MESSAGE, deliver: () => sendAccountEmail({ to: user.email, ...passwordResetEmail({ link }) }) };
}

/** Sends a reset email out of band; a failure is logged, never shown (the answer was already given). */
export async function deliverQuietly(deliver: (() => Promise<void>) | null, log: Logger): Promise<void> {
  if (!deliver) return;
  await deliver().catch((error: unknown) => log.error("account email not sent", { error }));
}

export type LinkCheck = { ok: true; email: string; name: string | null } | { ok: false; message: string };

/** For the link's page: the form, or why the link does not work. Spends nothing. */
export async function checkAccessLink({ kind, token }: { kind: "invitation" | "password_reset"; token: string }): Promise<LinkCheck> {
  if (!ACCESS_TOKEN_PATTERN.test(token)) return { ok: false, message: tokenProblemMessage("unknown", kind) };
  const peeked = await peekAccessToken({ kind, tokenHash: hashAccessToken(token) });
  return peeked.ok ? { ok: true, email: peeked.holder.email, name: peeked.holder.name } : { ok: false, message: tokenProblemMessage(peeked.problem, kind) };
}

/**
 * Sets the password from an emailed link (a reset or an invitation): the link is spent in the
 * same transaction, and every session of the user ends. Bad tokens are counted per client.
 */
export async function setPasswordFromLink({
  kind,
  token,
  password,
  ip,
}: {
  kind: "invitation" | "password_reset";
  token: string;
  password: string;
  ip: string | null;
}): Promise<{ ok: true; email: string } | { ok: false; message: string }> {
  const counters = badTokenCounters(ip);
  const verdict = await checkAttempts(counters);
  if (verdict.limited) return { ok: false, message: tryAgainIn(verdict.retryAfterSeconds, "attempts with links that do not work") };
  if (!ACCESS_TOKEN_PATTERN.test(token)) {
    await countAttempt(counters);
    return { ok: false, message: tokenProblemMessage("unknown", kind) };
  }
  const spent = await spendAccessTokenForPassword({ kind, tokenHash: hashAccessToken(token), passwordHash: await hashPassword(password) });
  if (!spent.ok) {
    await countAttempt(counters);
    return { ok: false, message: tokenProblemMessage(spent.problem, kind) };
  }
  return { ok: true, email: spent.holder.email };
}
