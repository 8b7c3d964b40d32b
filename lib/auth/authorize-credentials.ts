import { CredentialsSignin } from "next-auth";
import { z } from "zod";
import { findUserByEmail, recordSignIn, recordSignInFailure } from "@/db/queries/users";
import { checkLoginThrottle, recordLoginFailure, recordLoginSuccess } from "@/lib/auth/login-throttle";
import { verifyPassword } from "@/lib/auth/password";
import { loadSsoSettings, passwordSignInAllowed } from "@/lib/auth/sso-settings";
import { clientIp } from "@/lib/http/client-ip";

const credentialsSchema = z.object({
  email: z.email().max(320),
  password: z.string().min(1).max(1024),
});

/** Auth.js turns this into `?error=CredentialsSignin&code=rate_limited`; the login action shows the wait. */
export class SignInRateLimited extends CredentialsSignin {
  code = "rate_limited";
}

/** Password sign-in is off (single sign-on only) for everyone but the break-glass admin. */
export class PasswordSignInOff extends CredentialsSignin {
  code = "sso_only";
}

/**
 * The credentials provider's authorize: every sign-in path (the login form's action and a direct
 * POST to /api/auth/callback/credentials) comes through here, so this is where attempts are limited.
 */
export async function authorizeCredentials(raw: unknown, request: Request) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) throw new CredentialsSignin();
  const { email, password } = parsed.data;
  const ip = clientIp(request.headers);
  // Refused before the password is checked: a locked account must not become a password oracle.
  if ((await checkLoginThrottle({ email, ip })).limited) {
    await recordSignInFailure({ email, userId: null, method: "password", reason: "rate_limited" });
    throw new SignInRateLimited();
  }
  const user = await findUserByEmail({ email });
  // Verify even when the user is unknown or inactive, so timing does not reveal which emails exist.
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !user.active || !ok) {
    await recordLoginFailure({ email, ip });
    await recordSignInFailure({
      email,
      userId: user?.id ?? null,
      method: "password",
      reason: !user ? "unknown" : !user.active ? "inactive" : "wrong_password",
    });
    throw new CredentialsSignin();
  }
  // Checked after the password, so this answer does not tell a stranger which addresses exist.
  if (!passwordSignInAllowed(await loadSsoSettings(), user.id)) {
    await recordSignInFailure({ email, userId: user.id, method: "password", reason: "password_sign_in_off" });
    throw new PasswordSignInOff();
  }
  await recordLoginSuccess({ email });
  await recordSignIn({ user, method: "password" });
  return { id: user.id, name: user.name, email: user.email, role: user.role, teamId: user.teamId, sessionVersion: user.sessionVersion };
}

const DUMMY_HASH = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==";
