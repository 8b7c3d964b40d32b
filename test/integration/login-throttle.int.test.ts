import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { users } from "@/db/schema";
import { authorizeCredentials } from "@/lib/auth/authorize-credentials";
import { hashPassword } from "@/lib/auth/password";
import { resetEnvCache } from "@/lib/env";
import { createTeam, createUser } from "../support/factories";

// Small limits so the test reaches them; the window is the real 15-minute default.
const saved = { ...process.env };
process.env.LOGIN_MAX_FAILURES_PER_ACCOUNT = "3";
process.env.LOGIN_MAX_FAILURES_PER_IP = "8";
resetEnvCache();

const PASSWORD = "correct horse battery";
let teamId: string;

afterAll(() => {
  for (const key of ["LOGIN_MAX_FAILURES_PER_ACCOUNT", "LOGIN_MAX_FAILURES_PER_IP", "APP_URL", "AUTH_SECRET"]) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  resetEnvCache();
});

beforeAll(async () => {
  teamId = (await createTeam())!.id;
});

async function userWithPassword() {
  const user = await createUser({ role: "rep", teamId });
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(PASSWORD) })
    .where(eq(users.id, user.id));
  return user;
}

const from = (ip: string) => new Request("http://127.0.0.1/api/auth/callback/credentials", { method: "POST", headers: { "x-forwarded-for": ip } });
const attempt = (email: string, password: string, ip: string) =>
  authorizeCredentials({ email, password }, from(ip)).then(
    () => "signed in",
    (error: { code?: string }) => error.code ?? "error",
  );

describe("sign-in throttling (per account and per address, Postgres counters)", () => {
  it("[ANONYMOUS] after 3 failures the account is refused, even with the right password, from any address", async () => {
    const user = await userWithPassword();
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await attempt(user.email, "wrong password", "10.9.0.1"));
    expect(results).toEqual(["credentials", "credentials", "credentials"]);
    expect(await attempt(user.email, PASSWORD, "10.9.0.1")).toBe("rate_limited");
    expect(await attempt(user.email.toUpperCase(), PASSWORD, "10.9.0.2")).toBe("rate_limited");
  });

  it("[REP] successful sign-ins never count, and one clears the account's earlier failures", async () => {
    const user = await userWithPassword();
    for (let i = 0; i < 5; i++) expect(await attempt(user.email, PASSWORD, "10.9.1.1")).toBe("signed in");
    expect(await attempt(user.email, "wrong", "10.9.1.1")).toBe("credentials");
    expect(await attempt(user.email, "wrong", "10.9.1.1")).toBe("credentials");
    expect(await attempt(user.email, PASSWORD, "10.9.1.1")).toBe("signed in");
    expect(await attempt(user.email, "wrong", "10.9.1.1")).toBe("credentials");
    expect(await attempt(user.email, "wrong", "10.9.1.1")).toBe("credentials");
    expect(await attempt(user.email, PASSWORD, "10.9.1.1")).toBe("signed in");
  });

  it("[ANONYMOUS] one address failing across many accounts is refused for every account", async () => {
    const victims = await Promise.all(Array.from({ length: 4 }, () => userWithPassword()));
    for (const victim of victims) for (let i = 0; i < 2; i++) expect(await attempt(victim.email, "guess", "10.9.2.1")).toBe("credentials");
    const bystander = await userWithPassword();
    expect(await attempt(bystander.email, PASSWORD, "10.9.2.1")).toBe("rate_limited");
    expect(await attempt(bystander.email, PASSWORD, "10.9.2.2")).toBe("signed in");
  });

  it("[ANONYMOUS] a throttled POST /api/auth/callback/credentials is answered 429 with Retry-After", async () => {
    const { POST } = await import("@/app/api/auth/[...nextauth]/route");
    const user = await userWithPassword();
    const post = (password: string) =>
      POST(
        new NextRequest("http://127.0.0.1:3000/api/auth/callback/credentials", {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": "10.9.3.1" },
          body: new URLSearchParams({ email: user.email, password }),
        }),
      );
    // Before the limit Auth.js answers (a redirect: no CSRF token here), never 429.
    expect((await post("wrong")).status).not.toBe(429);
    for (let i = 0; i < 3; i++) await attempt(user.email, "wrong", "10.9.3.9");
    const refused = await post(PASSWORD);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect((await refused.json()).error.message).toMatch(/^Too many sign-in attempts; try again in \d+ minutes?\.$/);
  });
});

describe("session cookies", () => {
  it("are HttpOnly and SameSite=Lax, and not Secure on a plain-http APP_URL", async () => {
    const cookie = await signInCookie("http://127.0.0.1:3000");
    expect(cookie).toMatch(/^authjs\.session-token=/);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).not.toMatch(/;\s*Secure/i);
  });

  it("are Secure (with the __Secure- prefix) when APP_URL is https", async () => {
    const cookie = await signInCookie("https://baton.example.com");
    expect(cookie).toMatch(/^__Secure-authjs\.session-token=/);
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
  });
});

// A real sign-in through Auth.js's handlers (CSRF token, then the credentials callback), loaded
// fresh with APP_URL set, returning the session cookie it sets.
async function signInCookie(appUrl: string): Promise<string> {
  const user = await userWithPassword();
  process.env.APP_URL = appUrl;
  process.env.AUTH_SECRET ??= "test-secret-at-least-16-chars";
  resetEnvCache();
  vi.resetModules();
  const { handlers } = await import("@/lib/auth/auth");
  const csrfResponse = await handlers.GET(new NextRequest(`${appUrl}/api/auth/csrf`));
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const csrfCookie = csrfResponse.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const response = await handlers.POST(
    new NextRequest(`${appUrl}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie, "x-forwarded-for": "10.9.4.1" },
      body: new URLSearchParams({ email: user.email, password: PASSWORD, csrfToken, callbackUrl: `${appUrl}/inbox` }),
    }),
  );
  const session = response.headers.getSetCookie().find((c) => /session-token=/.test(c));
  expect(session, `no session cookie; status ${response.status} ${response.headers.get("location")}`).toBeDefined();
  return session!;
}
