import { randomBytes, randomUUID } from "node:crypto";
import { desc, eq, sql as dsql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/db";
import { auditLog, ssoSettings, users } from "@/db/schema";
import { GET, POST } from "@/app/api/auth/[...nextauth]/route";
import { saveSsoSettings } from "@/lib/auth/sso-settings";
import { saveSsoSchema } from "@/lib/auth/sso-schema";
import { resetEnvCache } from "@/lib/env";
import { startOidcStandIn, type OidcStandIn } from "../stand-ins/oidc";
import { createTeam, createUser } from "../support/factories";

// Single sign-on end to end through the app's own Auth.js handlers and a real OpenID Connect
// provider on 127.0.0.1: discovery, the authorization code flow with PKCE, state and nonce, the ID
// token's signature and issuer, and Baton's own rules (verified email, allowed domain, known user).

// NextRequest names the loopback "localhost", as Next does for the app's own requests.
const APP = "http://localhost:3999";
const SESSION_COOKIE = "authjs.session-token";
let oidc: OidcStandIn;
let teamId: string;
let admin: { id: string; email: string };

beforeAll(async () => {
  process.env.BATON_ENCRYPTION_KEY = randomBytes(32).toString("base64");
  process.env.AUTH_SECRET = randomBytes(32).toString("base64");
  process.env.APP_URL = APP;
  resetEnvCache();
  oidc = await startOidcStandIn({ redirectUris: [`${APP}/api/auth/callback/oidc`] });
  teamId = (await createTeam())!.id;
  admin = await createUser({ role: "admin", teamId });
});

afterAll(async () => {
  await db.delete(ssoSettings);
  await oidc.close();
  delete process.env.BATON_ENCRYPTION_KEY;
  delete process.env.AUTH_SECRET;
  delete process.env.APP_URL;
  resetEnvCache();
});

async function configure(over: Record<string, string> = {}) {
  const input = saveSsoSchema.parse({
    enabled: "on",
    issuer: oidc.issuer,
    clientId: oidc.clientId,
    clientSecret: oidc.clientSecret,
    allowedDomains: "corp.test",
    passwordSignIn: "on",
    ...over,
  });
  await saveSsoSettings({ actor: admin, input });
}

beforeEach(async () => {
  await configure();
});

/** A browser's cookie jar for one host, and the address it connects from (a new one unless given). */
class Jar {
  constructor(readonly ip = `198.51.100.${Math.floor(Math.random() * 250) + 1}, 10.${Math.floor(Math.random() * 250)}.0.${Math.floor(Math.random() * 250)}`) {}
  private cookies = new Map<string, string>();
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  has(name: string) {
    return [...this.cookies.keys()].some((k) => k === name || k.startsWith(`${name}.`));
  }
}

async function app(jar: Jar, method: "GET" | "POST", url: string, form?: Record<string, string>) {
  const request = new NextRequest(new URL(url, APP), {
    method,
    headers: { cookie: jar.header(), "x-forwarded-for": jar.ip, ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  // The route module, as Next serves it: the sign-in throttle in front of Auth.js's handlers.
  const response = method === "GET" ? await GET(request) : await POST(request);
  jar.take(response);
  return response;
}

/**
 * Signs in at the provider as `login`: its development login screen, then consent, following its
 * redirects until it sends the browser back to Baton's callback. Returns where Baton's callback sent it.
 */
async function signInThroughProvider(login: string, options: { issuerOverride?: string; jar?: Jar; beforeCallback?: () => Promise<void> } = {}) {
  const appJar = options.jar ?? new Jar();
  const providerJar = new Jar();
  const csrf = (await (await app(appJar, "GET", "/api/auth/csrf")).json()) as { csrfToken: string };
  const start = await app(appJar, "POST", "/api/auth/signin/oidc", { csrfToken: csrf.csrfToken, callbackUrl: `${APP}/inbox` });
  let location = start.headers.get("location") ?? "";
  if (!location.startsWith(options.issuerOverride ?? oidc.issuer)) return { location, appJar };
  for (let hop = 0; hop < 20 && !location.startsWith(APP); hop++) {
    let response = await fetch(location, { redirect: "manual", headers: { cookie: providerJar.header() } });
    providerJar.take(response);
    if (response.status === 200) {
      const html = await response.text();
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      const form: Record<string, string> = prompt === "login" ? { prompt, login, password: "any" } : { prompt: prompt ?? "consent" };
      response = await fetch(location, {
        method: "POST",
        redirect: "manual",
        headers: { cookie: providerJar.header(), "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(form).toString(),
      });
      providerJar.take(response);
    }
    location = new URL(response.headers.get("location") ?? "", location).toString();
  }
  await options.beforeCallback?.();
  const back = await app(appJar, "GET", location);
  return { location: back.headers.get("location") ?? "", appJar };
}

async function sessionOf(jar: Jar) {
  const response = await app(jar, "GET", "/api/auth/session");
  return (await response.json()) as { user?: { id: string; email: string; role: string } } | null;
}

const usersCount = async () => (await db.select({ n: dsql<number>`count(*)::int` }).from(users))[0]!.n;

describe("single sign-on with OpenID Connect", () => {
  it("signs in the active Baton user with that verified email, as that user, and records it", async () => {
    const rep = await createUser({ role: "rep", teamId });
    const email = `ines.${randomUUID().slice(0, 6)}@corp.test`;
    await db.update(users).set({ email }).where(eq(users.id, rep.id));
    oidc.accounts.set("ines", { email: email.toUpperCase(), email_verified: true, name: "Inés" });

    const { location, appJar } = await signInThroughProvider("ines");
    expect(location).toBe(`${APP}/inbox`);
    expect(appJar.has(SESSION_COOKIE)).toBe(true);
    expect((await sessionOf(appJar))?.user).toMatchObject({ id: rep.id, role: "rep" });
    const [row] = await db.select().from(users).where(eq(users.id, rep.id));
    expect(row).toMatchObject({ lastSignInMethod: "sso" });
    expect(row!.lastSignInAt).not.toBeNull();
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, "sign_in.success")).orderBy(desc(auditLog.id)).limit(1);
    expect(audit).toMatchObject({ actorId: rep.id, after: { method: "sso" } });
  });

  it.each([
    ["an unverified email", { email: "vera@corp.test", email_verified: false }, "sso_unverified", /not verified your email/],
    ["a domain not allowed", { email: "dora@elsewhere.test", email_verified: true }, "sso_domain", /domains your admin allowed/],
    ["an unknown user while auto-creation is off", { email: "nobody@corp.test", email_verified: true }, "sso_unknown", /No Baton account/],
  ])("refuses %s with a clear message, creating no session and no user", async (_what, account, code, message) => {
    const login = randomUUID();
    oidc.accounts.set(login, account);
    const before = await usersCount();
    const { location, appJar } = await signInThroughProvider(login);
    expect(location).toBe(`${APP}/login?error=${code}`);
    expect(appJar.has(SESSION_COOKIE)).toBe(false);
    expect(await sessionOf(appJar)).toBeNull();
    expect(await usersCount()).toBe(before);
    const { signInErrorMessage } = await import("@/lib/auth/sso-sign-in");
    expect(signInErrorMessage(code)).toMatch(message);
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, "sign_in.failure")).orderBy(desc(auditLog.id)).limit(1);
    expect(audit).toMatchObject({ after: { method: "sso", reason: code } });
  });

  it("creates an unknown person with an allowed, verified email as a rep in the chosen team when the admin allows it", async () => {
    await configure({ autoCreate: "on", autoCreateTeamId: teamId });
    const email = `new.${randomUUID().slice(0, 6)}@corp.test`;
    oidc.accounts.set("newcomer", { email, email_verified: true, name: "Nuevo Rep" });
    const { location, appJar } = await signInThroughProvider("newcomer");
    expect(location).toBe(`${APP}/inbox`);
    const [row] = await db.select().from(users).where(eq(users.email, email));
    expect(row).toMatchObject({ role: "rep", teamId, name: "Nuevo Rep", passwordHash: null, active: true });
    expect((await sessionOf(appJar))?.user).toMatchObject({ id: row!.id });
  });

  it("refuses a tampered ID token (its signature no longer matches), creating no session and no user", async () => {
    await configure({ autoCreate: "on", autoCreateTeamId: teamId });
    oidc.accounts.set("tampered", { email: `t.${randomUUID().slice(0, 6)}@corp.test`, email_verified: true });
    const before = await usersCount();
    oidc.tamperNextIdToken();
    const { location, appJar } = await signInThroughProvider("tampered");
    expect(location).toBe(`${APP}/login?error=sso_token`);
    expect(appJar.has(SESSION_COOKIE)).toBe(false);
    expect(await usersCount()).toBe(before);
    const { signInErrorMessage } = await import("@/lib/auth/sso-sign-in");
    expect(signInErrorMessage("sso_token")).toMatch(/ID token did not verify/);
  });

  it("refuses an issuer whose discovery document names another issuer", async () => {
    // Same server, another name for it: the discovered issuer (127.0.0.1) is not the configured one.
    const elsewhere = oidc.issuer.replace("127.0.0.1", "localhost");
    await configure({ issuer: elsewhere });
    oidc.accounts.set("wrong-issuer", { email: "w@corp.test", email_verified: true });
    const { location, appJar } = await signInThroughProvider("wrong-issuer", { issuerOverride: elsewhere });
    expect(location).toBe(`${APP}/login?error=Configuration`);
    expect(appJar.has(SESSION_COOKIE)).toBe(false);
    const { signInErrorMessage } = await import("@/lib/auth/sso-sign-in");
    expect(signInErrorMessage("Configuration")).toMatch(/could not verify the identity provider's answer/);
  });

  it("offers no single sign-on while it is switched off", async () => {
    await configure({ enabled: "" });
    const jar = new Jar();
    const csrf = (await (await app(jar, "GET", "/api/auth/csrf")).json()) as { csrfToken: string };
    const start = await app(jar, "POST", "/api/auth/signin/oidc", { csrfToken: csrf.csrfToken });
    expect(start.headers.get("location") ?? "").not.toContain(oidc.issuer);
    expect(jar.has(SESSION_COOKIE)).toBe(false);
  });

  it("offers single sign-on the moment another app process turns it on (no per-process copy of the settings)", async () => {
    await configure({ enabled: "" });
    const jar = new Jar();
    // This process reads the settings while single sign-on is off ...
    const off = await app(jar, "GET", "/api/auth/providers");
    expect(Object.keys((await off.json()) as object)).toEqual(["credentials"]);
    // ... then another process switches it on, with a plain write this process cannot hear about.
    await db.update(ssoSettings).set({ enabled: true });
    const on = await app(jar, "GET", "/api/auth/providers");
    expect(Object.keys((await on.json()) as object)).toEqual(["credentials", "oidc"]);
    const csrf = (await (await app(jar, "GET", "/api/auth/csrf")).json()) as { csrfToken: string };
    const start = await app(jar, "POST", "/api/auth/signin/oidc", { csrfToken: csrf.csrfToken, callbackUrl: `${APP}/inbox` });
    expect(start.headers.get("location") ?? "").toContain(oidc.issuer);
  });

  describe("the sign-in throttle", () => {
    beforeAll(() => {
      process.env.LOGIN_MAX_FAILURES_PER_IP = "3";
      resetEnvCache();
    });
    afterAll(() => {
      delete process.env.LOGIN_MAX_FAILURES_PER_IP;
      resetEnvCache();
    });

    it("counts refused single sign-ons per client, then sends that client back with the wait, even a known user", async () => {
      const client = "203.0.113.77";
      oidc.accounts.set("stranger", { email: `s.${randomUUID().slice(0, 6)}@corp.test`, email_verified: true });
      for (let i = 0; i < 3; i++) expect((await signInThroughProvider("stranger", { jar: new Jar(client) })).location).toBe(`${APP}/login?error=sso_unknown`);

      const rep = await createUser({ role: "rep", teamId });
      const email = `known.${randomUUID().slice(0, 6)}@corp.test`;
      await db.update(users).set({ email }).where(eq(users.id, rep.id));
      oidc.accounts.set("known", { email, email_verified: true });
      const throttled = await signInThroughProvider("known", { jar: new Jar(client) });
      expect(throttled.location).toBe("/login?error=sso_throttled");
      expect(throttled.appJar.has(SESSION_COOKIE)).toBe(false);
      const { signInErrorMessage } = await import("@/lib/auth/sso-sign-in");
      expect(signInErrorMessage("sso_throttled")).toMatch(/Too many failed sign-ins/);

      // Another client is not held back by this one's failures.
      expect((await signInThroughProvider("known")).location).toBe(`${APP}/inbox`);
    });

    it("refuses a callback that arrives once its client is over the limit, before any token exchange", async () => {
      const client = "203.0.113.78";
      const rep = await createUser({ role: "rep", teamId });
      const email = `late.${randomUUID().slice(0, 6)}@corp.test`;
      await db.update(users).set({ email }).where(eq(users.id, rep.id));
      oidc.accounts.set("late", { email, email_verified: true });
      oidc.accounts.set("nobody-here", { email: `n.${randomUUID().slice(0, 6)}@corp.test`, email_verified: true });
      const { location, appJar } = await signInThroughProvider("late", {
        jar: new Jar(client),
        // While this person is at the provider, the same client fails three times.
        beforeCallback: async () => {
          for (let i = 0; i < 3; i++) await signInThroughProvider("nobody-here", { jar: new Jar(client) });
        },
      });
      expect(location).toBe("/login?error=sso_throttled");
      expect(appJar.has(SESSION_COOKIE)).toBe(false);
      expect(await sessionOf(appJar)).toBeNull();
    });
  });
});
