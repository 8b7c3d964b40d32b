import { createHash } from "node:crypto";
import { clearFailures, countFailure, readFailureBuckets, type FailureBucket } from "@/db/queries/login-attempts";
import { SSO_PROVIDER_ID } from "@/lib/auth/sso-settings";
import { env } from "@/lib/env";
import { clientIp } from "@/lib/http/client-ip";

/**
 * Sign-in throttling: failed attempts are counted per account and per client address in Postgres
 * (a sliding window of one-minute buckets). Past either limit, sign-in is refused (before the
 * password is checked) until enough failures have aged out of the window. Successful sign-ins are
 * not counted, and clear the account's failures.
 */

export type ThrottleVerdict = { limited: false } | { limited: true; retryAfterSeconds: number };

/** `email` null: a sign-in that names no account yet (single sign-on), limited per client only. */
export async function checkLoginThrottle({ email, ip }: { email: string | null; ip: string | null }): Promise<ThrottleVerdict> {
  const settings = env();
  const keys = loginKeys(email ?? "", ip);
  const { buckets, now } = await readFailureBuckets({ keys: [keys.account, ...(keys.ip ? [keys.ip] : [])], windowSeconds: windowSeconds() });
  const waits = [
    email === null
      ? 0
      : secondsUntilUnderLimit(
          buckets.filter((b) => b.key === keys.account),
          settings.LOGIN_MAX_FAILURES_PER_ACCOUNT,
          windowSeconds(),
          now,
        ),
    keys.ip
      ? secondsUntilUnderLimit(
          buckets.filter((b) => b.key === keys.ip),
          settings.LOGIN_MAX_FAILURES_PER_IP,
          windowSeconds(),
          now,
        )
      : 0,
  ];
  const wait = Math.max(...waits);
  return wait > 0 ? { limited: true, retryAfterSeconds: wait } : { limited: false };
}

/**
 * 0 while the failures in the window are under the limit; otherwise how long until the oldest ones
 * age out far enough that they are.
 */
export function secondsUntilUnderLimit(buckets: Pick<FailureBucket, "startsAt" | "count">[], limit: number, windowSeconds: number, now: Date): number {
  let total = buckets.reduce((sum, b) => sum + b.count, 0);
  if (total < limit) return 0;
  for (const bucket of [...buckets].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())) {
    total -= bucket.count;
    if (total < limit) return Math.max(1, Math.ceil((bucket.startsAt.getTime() + windowSeconds * 1000 - now.getTime()) / 1000));
  }
  return 1;
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

/**
 * Single sign-on's doors (GET /api/auth/signin/oidc, GET /api/auth/callback/oidc): a client past the
 * failed-sign-in limit is sent back to the login page with the wait instead of reaching Auth.js, so
 * a stream of forged or replayed callbacks costs it no token exchange and no discovery.
 */
export async function refuseThrottledSso(request: Request): Promise<Response | null> {
  if (!isSsoPath(request)) return null;
  const ip = clientIp(request.headers);
  if (!ip) return null;
  const verdict = await checkLoginThrottle({ email: null, ip });
  if (!verdict.limited) return null;
  const to = new URL("/login", request.url);
  to.searchParams.set("error", "sso_throttled");
  return new Response(null, { status: 303, headers: { Location: to.pathname + to.search, "Retry-After": String(verdict.retryAfterSeconds) } });
}

/** A callback Auth.js answered by sending the person back to the login page with an error counts as a failure of that client. */
export async function countSsoRefusal(request: Request, response: Response): Promise<void> {
  if (!isSsoPath(request) || !new URL(request.url).pathname.includes("/callback/")) return;
  const location = response.headers.get("location");
  if (!location) return;
  const to = new URL(location, request.url);
  if (to.pathname !== "/login" || !to.searchParams.get("error")) return;
  const ip = clientIp(request.headers);
  if (ip) await countFailure({ keys: [loginKeys("", ip).ip!], windowSeconds: windowSeconds() });
}

function isSsoPath(request: Request): boolean {
  const path = new URL(request.url).pathname;
  return path.endsWith(`/signin/${SSO_PROVIDER_ID}`) || path.endsWith(`/callback/${SSO_PROVIDER_ID}`);
}
