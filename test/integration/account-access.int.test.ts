import { randomUUID } from "node:crypto";
import { and, desc, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as profileActions from "@/app/(console)/profile/actions";
import { db } from "@/db";
import { accessTokens, auditLog, rateLimitWindows, users } from "@/db/schema";
import { actionDefinitionOf, runAction } from "@/lib/action";
import { hashAccessToken } from "@/lib/auth/access-token";
import { authorizeUser, type Actor } from "@/lib/auth/guard";
import { inviteUser } from "@/lib/auth/invitations";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { changePassword } from "@/lib/auth/profile";
import { checkAccessLink, requestPasswordReset, RESET_REQUESTED_MESSAGE, setPasswordFromLink } from "@/lib/auth/password-reset";
import { resetEnvCache } from "@/lib/env";
import { logger } from "@/lib/logger";
import { startSmtpStandIn, type SmtpStandIn } from "../stand-ins/smtp";
import { createTeam, createUser } from "../support/factories";
import { waitFor } from "../support/wait-for";

// Invitations, password resets and sessions that end, on real Postgres with the emails going to
// the SMTP stand-in. A session is what the guard sees: the user id, the token's version and its id.

vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

let smtp: SmtpStandIn;
let teamId: string;
let admin: Actor;
const log = logger.child({ test: "account-access" });

beforeAll(async () => {
  smtp = await startSmtpStandIn();
  process.env.SMTP_URL = smtp.url;
  process.env.APP_URL = "http://127.0.0.1:3999";
  resetEnvCache();
  teamId = (await createTeam())!.id;
  admin = await createUser({ role: "admin", teamId });
});

afterAll(async () => {
  await smtp.close();
  delete process.env.SMTP_URL;
  delete process.env.APP_URL;
  resetEnvCache();
});

const ip = () => `203.0.113.${Math.floor(Math.random() * 250)}`;
const linkToken = (text: string, path: string) => new RegExp(`${path}/([A-Za-z0-9_-]{43})`).exec(text)?.[1];
const mailTo = (email: string) => waitFor(`an email to ${email}`, () => smtp.messages.filter((m) => m.to.includes(email)).at(-1));
const session = (version: number, id: string) => ({ version, id });
const lastAudit = async (action: string) => (await db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id)).limit(1))[0];

async function userWithPassword(password = "old password 123") {
  const user = await createUser({ role: "rep", teamId });
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(password) })
    .where(eq(users.id, user.id));
  return user;
}

describe("invitations", () => {
  it("lets the invited person set a password once; a replayed link is refused and changes nothing", async () => {
    const email = `invitee-${randomUUID().slice(0, 6)}@example.test`;
    const invited = await inviteUser({ actor: admin, person: { name: "Ivo", email, role: "rep", teamId, capacity: 5 }, log });
    expect(invited).toMatchObject({ email, delivered: true });
    const token = linkToken((await mailTo(email)).text, "/login/invite");
    expect(token).toBeDefined();
    expect(await checkAccessLink({ kind: "invitation", token: token! })).toMatchObject({ ok: true, email });
    // A reset link is not an invitation, and the other way round.
    expect(await setPasswordFromLink({ kind: "password_reset", token: token!, password: "my new password", ip: ip() })).toMatchObject({ ok: false });

    expect(await setPasswordFromLink({ kind: "invitation", token: token!, password: "my new password", ip: ip() })).toEqual({ ok: true, email });
    const [row] = await db.select().from(users).where(eq(users.id, invited.id));
    expect(await verifyPassword("my new password", row!.passwordHash)).toBe(true);
    expect(await lastAudit("invitation.accept")).toMatchObject({ entityId: invited.id });

    const replay = await setPasswordFromLink({ kind: "invitation", token: token!, password: "attacker password", ip: ip() });
    expect(replay).toEqual({ ok: false, message: expect.stringMatching(/^This invitation was already used\./) });
    const [after] = await db.select().from(users).where(eq(users.id, invited.id));
    expect(after!.passwordHash).toBe(row!.passwordHash);
  });

  it("refuses an expired invitation with a clear message", async () => {
    const email = `late-${randomUUID().slice(0, 6)}@example.test`;
    const invited = await inviteUser({ actor: admin, person: { name: "Lea", email, role: "rep", teamId, capacity: 5 }, log });
    const token = linkToken((await mailTo(email)).text, "/login/invite")!;
    await db
      .update(accessTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(accessTokens.userId, invited.id));
    expect(await checkAccessLink({ kind: "invitation", token })).toEqual({ ok: false, message: expect.stringMatching(/^This invitation has expired\./) });
    expect(await setPasswordFromLink({ kind: "invitation", token, password: "my new password", ip: ip() })).toEqual({
      ok: false,
      message: expect.stringMatching(/^This invitation has expired\./),
    });
    expect((await db.select().from(users).where(eq(users.id, invited.id)))[0]!.passwordHash).toBeNull();
  });
});

describe("password reset", () => {
  it("answers the same for an unknown address and sends nothing", async () => {
    const email = `ghost-${randomUUID().slice(0, 6)}@example.test`;
    const result = await requestPasswordReset({ email, ip: ip() });
    expect(result).toEqual({ ok: true, message: RESET_REQUESTED_MESSAGE, deliver: null });
  });

  it("emails a single-use link, stored only hashed, that sets the password once and ends every session", async () => {
    const user = await userWithPassword();
    const result = await requestPasswordReset({ email: user.email.toUpperCase(), ip: ip() });
    expect(result).toMatchObject({ ok: true, message: RESET_REQUESTED_MESSAGE });
    await (result as { deliver: () => Promise<void> }).deliver();
    const token = linkToken((await mailTo(user.email)).text, "/login/reset")!;
    const [stored] = await db
      .select()
      .from(accessTokens)
      .where(and(eq(accessTokens.userId, user.id), eq(accessTokens.kind, "password_reset")));
    expect(stored!.tokenHash).toBe(hashAccessToken(token));
    expect(stored!.expiresAt.getTime() - stored!.createdAt.getTime()).toBe(30 * 60 * 1000);

    const before = (await db.select().from(users).where(eq(users.id, user.id)))[0]!;
    await expect(authorizeUser({ userId: user.id, allowed: [], session: session(before.sessionVersion, "laptop") })).resolves.toMatchObject({ id: user.id });

    expect(await setPasswordFromLink({ kind: "password_reset", token, password: "brand new password", ip: ip() })).toEqual({ ok: true, email: user.email });
    // The other browser's session ends on its next request.
    await expect(authorizeUser({ userId: user.id, allowed: [], session: session(before.sessionVersion, "laptop") })).rejects.toMatchObject({
      code: "unauthorized",
      message: expect.stringMatching(/session has ended/),
    });
    expect(await lastAudit("password_reset.complete")).toMatchObject({ entityId: user.id, after: { sessionsEnded: true } });

    // Once, then never again.
    expect(await setPasswordFromLink({ kind: "password_reset", token, password: "second try password", ip: ip() })).toEqual({
      ok: false,
      message: expect.stringMatching(/^This password reset link was already used\./),
    });
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(await verifyPassword("brand new password", row!.passwordHash)).toBe(true);
  });

  it("a newer link replaces an older one", async () => {
    const user = await userWithPassword();
    for (let i = 0; i < 2; i++)
      await (
        await requestPasswordReset({ email: user.email, ip: ip() }).then((r) => (r as { deliver: () => Promise<void> }).deliver)
      )();
    const mails = smtp.messages.filter((m) => m.to.includes(user.email));
    const [older, newer] = mails.slice(-2).map((m) => linkToken(m.text, "/login/reset")!);
    expect(await checkAccessLink({ kind: "password_reset", token: older! })).toMatchObject({ ok: false });
    expect(await checkAccessLink({ kind: "password_reset", token: newer! })).toMatchObject({ ok: true });
  });

  it("is limited per address and per client, the same way for an address without an account", async () => {
    const known = await userWithPassword();
    const client = ip();
    for (const email of [known.email, `nobody-${randomUUID().slice(0, 6)}@example.test`]) {
      for (let i = 0; i < 3; i++) expect(await requestPasswordReset({ email, ip: ip() })).toMatchObject({ ok: true });
      expect(await requestPasswordReset({ email, ip: ip() })).toEqual({
        ok: false,
        message: expect.stringMatching(/^Too many reset requests; try again in \d+ minutes?\.$/),
      });
    }
    for (let i = 0; i < 10; i++) await requestPasswordReset({ email: `spray-${i}-${randomUUID().slice(0, 4)}@example.test`, ip: client });
    expect(await requestPasswordReset({ email: `spray-last@example.test`, ip: client })).toMatchObject({ ok: false });
    await db.delete(rateLimitWindows).where(like(rateLimitWindows.key, "login:reset:%"));
  });

  it("limits bad link tokens per client", async () => {
    const client = ip();
    for (let i = 0; i < 10; i++) await setPasswordFromLink({ kind: "password_reset", token: "x".repeat(43), password: "whatever password", ip: client });
    expect(await setPasswordFromLink({ kind: "password_reset", token: "y".repeat(43), password: "whatever password", ip: client })).toEqual({
      ok: false,
      message: expect.stringMatching(/^Too many attempts with links that do not work/),
    });
  });
});

describe("sessions that end", () => {
  it("a password change needs the current password and ends the other sessions, keeping this one", async () => {
    const user = await userWithPassword("current password");
    const version = (await db.select().from(users).where(eq(users.id, user.id)))[0]!.sessionVersion;
    await expect(changePassword({ actor: user, sessionId: "desk", currentPassword: "wrong password", newPassword: "next password 1" })).rejects.toMatchObject({
      message: expect.stringMatching(/not your current password/),
    });
    await changePassword({ actor: user, sessionId: "desk", currentPassword: "current password", newPassword: "next password 1" });
    await expect(authorizeUser({ userId: user.id, allowed: [], session: session(version, "desk") })).resolves.toMatchObject({ id: user.id });
    await expect(authorizeUser({ userId: user.id, allowed: [], session: session(version, "phone") })).rejects.toMatchObject({ code: "unauthorized" });
    expect(await lastAudit("password.change")).toMatchObject({ entityId: user.id });
  });

  it("sign out everywhere ends every session of the person, and only theirs", async () => {
    const user = await userWithPassword();
    const other = await userWithPassword();
    const definition = actionDefinitionOf(profileActions.signOutEverywhereAction)!;
    // Outside a request, Auth.js cannot clear this browser's cookie; the sessions have ended before that.
    await runAction(definition, (roles) => authorizeUser({ userId: user.id, allowed: roles }), {});
    await expect(authorizeUser({ userId: user.id, allowed: [], session: session(0, "any") })).rejects.toMatchObject({ code: "unauthorized" });
    await expect(authorizeUser({ userId: other.id, allowed: [], session: session(0, "any") })).resolves.toMatchObject({ id: other.id });
    expect(await lastAudit("session.revoke_all")).toMatchObject({ entityId: user.id, actorId: user.id });
  });
});
