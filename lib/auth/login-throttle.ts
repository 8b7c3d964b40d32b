import { createHash } from "node:crypto";
import { clearFailures, countFailure, readFailureCounts } from "@/db/queries/login-attempts";
import { env } from "@/lib/env";
import { clientIp } from "@/lib/http/client-ip";

/**
 * Sign-in throttling: failed attempts are counted per account and per client address in Postgres
 * fixed windows. Past either limit, sign-in is refused (before the password is checked) until the
 * window ends. Successful sign-ins are not counted, and clear the account's failures.
 */

export type ThrottleVerdict = { limited: false } | { limited: true; retryAfterSeconds: number };

export async function checkLoginThrottle({ email, ip }: { email: string; ip: string | null }): Promise<ThrottleVerdict> {
  const settings = env();
  const keys = loginKeys(email, ip);
  const { counts, windowEndsAt, now } = await readFailureCounts({ keys: [keys.account, ...(keys.ip ? [keys.ip] : [])], windowSeconds: windowSeconds() });
  const overAccount = (counts.get(keys.account) ?? 0) >= settings.LOGIN_MAX_FAILURES_PER_ACCOUNT;
  const overIp = keys.ip !== null && (counts.get(keys.ip) ?? 0) >= settings.LOGIN_MAX_FAILURES_PER_IP;
  if (!overAccount && !overIp) return { limited: false };
  return { limited: true, retryAfterSeconds: Math.max(1, Math.ceil((windowEndsAt.getTime() - now.getTime()) / 1000)) };
}

export async function recordLoginFailure({ email, ip }: { email: string; ip: string | null }): Promise<void> {
  const keys = loginKeys(email, ip);
  await countFailure({ keys: [keys.account, ...(keys.ip ? [keys.ip] : [])], windowSeconds: windowSeconds() });
}

export async function recordLoginSuccess({ email }: { email: string }): Promise<void> {
  await clearFailures({ key: loginKeys(email, null).account });
}

export function tooManyAttemptsMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many sign-in attempts; try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

// The email is hashed: the counters table needs a stable key, not the address itself.
function loginKeys(email: string, ip: string | null) {
  const account = createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 32);
  return { account: `login:account:${account}`, ip: ip ? `login:ip:${ip}` : null };
}

function windowSeconds(): number {
  return env().LOGIN_FAILURE_WINDOW_MINUTES * 60;
}

/**
 * POST /api/auth/callback/credentials, before Auth.js sees it: a throttled sign-in gets a real 429
 * with Retry-After (Auth.js itself can only redirect with `code=rate_limited`, which authorize does
 * for the login form's path). Anything that is not a credentials sign-in passes through.
 */
export async function refuseThrottledSignIn(request: Request): Promise<Response | null> {
  if (request.method !== "POST" || !new URL(request.url).pathname.endsWith("/callback/credentials")) return null;
  let email: string;
  try {
    email = String((await request.clone().formData()).get("email") ?? "");
  } catch {
    return null; // not a form: Auth.js refuses it on its own
  }
  const verdict = await checkLoginThrottle({ email, ip: clientIp(request.headers) });
  if (!verdict.limited) return null;
  return Response.json(
    { error: { code: "rate_limited", message: tooManyAttemptsMessage(verdict.retryAfterSeconds) } },
    { status: 429, headers: { "Retry-After": String(verdict.retryAfterSeconds) } },
  );
}
