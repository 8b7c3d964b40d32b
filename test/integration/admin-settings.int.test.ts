import { createServer } from "node:net";
import { randomBytes } from "node:crypto";
import { and, desc, eq, inArray, ne, sql as dsql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as apiKeyActions from "@/app/(console)/admin/api-keys/actions";
import * as connectionActions from "@/app/(console)/admin/connections/actions";
import * as routingActions from "@/app/(console)/admin/routing/actions";
import * as slaActions from "@/app/(console)/admin/slas/actions";
import * as userActions from "@/app/(console)/admin/users/actions";
import { namesForAuditIds } from "@/db/queries/audit";
import { POST as postIntake } from "@/app/api/v1/intake/route";
import { db } from "@/db";
import { accessTokens, apiKeys, auditLog, connectionSettings, routingRules, slaPolicies, teams, users } from "@/db/schema";
import { actionDefinitionOf, runAction } from "@/lib/action";
import { idsIn } from "@/lib/audit/audit-diff";
import { authorizeUser, type Actor } from "@/lib/auth/guard";
import { hashAccessToken } from "@/lib/auth/access-token";
import { configuredCrmAdapter } from "@/lib/connections/configured-crm-adapter";
import { encryptSecret, SecretDecryptionError } from "@/lib/connections/encryption";
import { loadConnectionSettings, secretContext } from "@/lib/connections/load-connection-settings";
import { describeConnections } from "@/lib/connections/save-connection";
import { resetEnvCache } from "@/lib/env";
import { hashApiKey } from "@/lib/intake/credentials";
import { stopBoss } from "@/lib/jobs/boss";
import { startHubSpotStandIn } from "../stand-ins/hubspot";
import { startOpenAiStandIn } from "../stand-ins/openai";
import { startSlackStandIn, type SlackStandIn } from "../stand-ins/slack";
import { startSmtpStandIn, type SmtpStandIn } from "../stand-ins/smtp";
import { createTeam, createUser } from "../support/factories";
import { waitFor } from "../support/wait-for";

type AnyAction = (input: never) => unknown;
type Input = Record<string, unknown>;

let teamId: string;
let admin: Actor;
let rep: Actor;
let manager: Actor;
let slack: SlackStandIn;
let smtp: SmtpStandIn;
let hubspot: Awaited<ReturnType<typeof startHubSpotStandIn>>;
let openai: Awaited<ReturnType<typeof startOpenAiStandIn>>;

beforeAll(async () => {
  process.env.BATON_ENCRYPTION_KEY = randomBytes(32).toString("base64");
  resetEnvCache();
  teamId = (await createTeam())!.id;
  admin = await createUser({ role: "admin", teamId });
  rep = await createUser({ role: "rep", teamId });
  manager = await createUser({ role: "manager", teamId });
  [slack, smtp, hubspot, openai] = await Promise.all([startSlackStandIn(), startSmtpStandIn(), startHubSpotStandIn(), startOpenAiStandIn()]);
});

afterAll(async () => {
  await db.delete(connectionSettings);
  await Promise.all([slack.close(), smtp.close(), hubspot.close(), openai.close()]);
  await stopBoss();
  delete process.env.BATON_ENCRYPTION_KEY;
  resetEnvCache();
});

// The session carries only the user id; role and `active` come fresh from the database.
const definitionOf = (action: AnyAction) => {
  const definition = actionDefinitionOf(action);
  if (!definition) throw new Error("not a defineAction result");
  return definition;
};
const run = (action: AnyAction, who: Actor, input: Input) =>
  runAction(definitionOf(action), (roles) => authorizeUser({ userId: who.id, allowed: roles }), input);
const auditCount = async () => (await db.select({ n: dsql<number>`count(*)::int` }).from(auditLog))[0]!.n;
const lastAudit = async (action: string) => (await db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id)).limit(1))[0];

const allActions = { ...routingActions, ...slaActions, ...userActions, ...apiKeyActions, ...connectionActions } as unknown as Record<string, AnyAction>;

describe("every admin action", () => {
  it("is refused to a rep and to a manager, before reading the input, writing nothing", async () => {
    const names = Object.keys(allActions);
    expect(names.length).toBe(18);
    expect(names).toEqual(expect.arrayContaining(["saveWidgetOriginsAction", "resetWidgetOriginsAction"]));
    const before = await auditCount();
    for (const [name, action] of Object.entries(allActions)) {
      expect(definitionOf(action).roles, name).toEqual(["admin"]);
      for (const who of [rep, manager]) {
        expect(await run(action, who, { kind: "slack", name: "x", id: "00000000-0000-4000-8000-000000000000" }), `${name} as ${who.role}`).toMatchObject({
          ok: false,
          code: "forbidden",
        });
      }
    }
    expect(await auditCount()).toBe(before);
  });
});

describe("routing rules", () => {
  // Reordering renumbers every rule; other files route with them, so the positions are put back.
  let savedPositions: { id: string; position: number }[];
  beforeAll(async () => {
    savedPositions = await db.select({ id: routingRules.id, position: routingRules.position }).from(routingRules);
  });
  afterAll(async () => {
    for (const rule of savedPositions) await db.update(routingRules).set({ position: rule.position }).where(eq(routingRules.id, rule.id));
  });

  const form = (over: Input = {}): Input => ({
    name: "Risk from Iberia",
    enabled: "on",
    respectCapacity: "on",
    reasons: ["risk"],
    countries: "es, PT",
    targetKind: "manager",
    targetTeamId: teamId,
    ...over,
  });

  it("adds, edits, disables, reorders and deletes a rule, each change audited with before and after", async () => {
    const created = await run(routingActions.createRoutingRuleAction, admin, form());
    expect(created).toMatchObject({ ok: true });
    const id = (created as { data: { id: string } }).data.id;
    const [row] = await db.select().from(routingRules).where(eq(routingRules.id, id));
    expect(row).toMatchObject({
      name: "Risk from Iberia",
      enabled: true,
      match: { reasons: ["risk"], countries: ["ES", "PT"] },
      target: { kind: "manager", teamId },
    });
    expect(await lastAudit("routing_rule.create")).toMatchObject({
      actorId: admin.id,
      entityId: id,
      before: null,
      after: { name: "Risk from Iberia", match: { countries: ["ES", "PT"] } },
    });

    expect(await run(routingActions.updateRoutingRuleAction, admin, form({ id, name: "Risk from Spain", countries: "ES", minEmployees: "50" }))).toMatchObject({
      ok: true,
    });
    expect(await lastAudit("routing_rule.update")).toMatchObject({
      entityId: id,
      before: { name: "Risk from Iberia" },
      after: { name: "Risk from Spain", match: { countries: ["ES"], minEmployees: 50 } },
    });

    expect(await run(routingActions.setRoutingRuleEnabledAction, admin, { id })).toMatchObject({ ok: true, data: { enabled: false } });
    expect((await db.select().from(routingRules).where(eq(routingRules.id, id)))[0]!.enabled).toBe(false);
    expect(await lastAudit("routing_rule.disable")).toMatchObject({ before: { enabled: true }, after: { enabled: false } });

    const order = async () => (await db.select({ id: routingRules.id }).from(routingRules).orderBy(routingRules.position)).map((r) => r.id);
    const beforeMove = await order();
    expect(beforeMove.at(-1)).toBe(id);
    expect(await run(routingActions.moveRoutingRuleAction, admin, { id, direction: "up" })).toMatchObject({ ok: true });
    const afterMove = await order();
    expect(afterMove.indexOf(id)).toBe(beforeMove.indexOf(id) - 1);
    expect((await lastAudit("routing_rule.reorder"))!.after).toMatchObject({ order: expect.arrayContaining(["Risk from Spain"]) });

    expect(await run(routingActions.deleteRoutingRuleAction, admin, { id })).toMatchObject({ ok: true });
    expect(await db.select().from(routingRules).where(eq(routingRules.id, id))).toEqual([]);
    expect(await lastAudit("routing_rule.delete")).toMatchObject({ entityId: id, before: { name: "Risk from Spain" }, after: null });
  });

  it("refuses a bad rule with a message naming the field, writing nothing", async () => {
    const rules = await db.select({ n: dsql<number>`count(*)::int` }).from(routingRules);
    const audits = await auditCount();
    const cases: [Input, string, RegExp][] = [
      [form({ countries: "Spain" }), "match.countries.0", /^must be a two-letter country code/],
      [form({ name: "  " }), "name", /^must not be empty/],
      [form({ minEmployees: "500", maxEmployees: "10" }), "maxEmployees", /^must not be below the minimum/],
      [form({ minEmployees: "many" }), "minEmployees", /^must be a number/],
      [form({ targetKind: "user", targetUserId: "" }), "targetUserId", /^choose the person/],
      [form({ targetKind: "somebody" }), "targetKind", /^(?!targetKind)/],
      [form({ reasons: ["vibes"] }), "reasons.0", /^(?!reasons)/],
    ];
    for (const [input, field, message] of cases) {
      const result = await run(routingActions.createRoutingRuleAction, admin, input);
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, code: "bad_request", field, error: expect.stringMatching(message) });
    }
    expect(await run(routingActions.moveRoutingRuleAction, admin, { id: "00000000-0000-4000-8000-000000000000", direction: "up" })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(await db.select({ n: dsql<number>`count(*)::int` }).from(routingRules)).toEqual(rules);
    expect(await auditCount()).toBe(audits);
  });
});

describe("SLA policies and team calendars", () => {
  // Other files route packages under the shipped policies: put them back as they were.
  let savedPolicies: (typeof slaPolicies.$inferSelect)[];
  beforeAll(async () => {
    savedPolicies = await db.select().from(slaPolicies);
  });
  afterAll(async () => {
    await db.delete(slaPolicies);
    if (savedPolicies.length) await db.insert(slaPolicies).values(savedPolicies);
  });

  it("saves a priority's policy and a team's hours, audited", async () => {
    expect(await run(slaActions.saveSlaPolicyAction, admin, { priority: "immediate", minutes: "20", maxBreaches: "3", reassignOnBreach: "on" })).toMatchObject({
      ok: true,
    });
    expect((await db.select().from(slaPolicies).where(eq(slaPolicies.priority, "immediate")))[0]).toMatchObject({
      minutes: 20,
      maxBreaches: 3,
      reassignOnBreach: true,
    });
    expect(await lastAudit("sla_policy.update")).toMatchObject({ entityId: "immediate", after: { minutes: 20, maxBreaches: 3, reassignOnBreach: true } });

    const hours = {
      teamId,
      timeZone: "America/New_York",
      monOpen: "on",
      monStart: "08:00",
      monEnd: "17:00",
      friOpen: "on",
      friStart: "08:00",
      friEnd: "13:00",
    };
    expect(await run(slaActions.saveTeamCalendarAction, admin, hours)).toMatchObject({ ok: true });
    expect((await db.select().from(teams).where(eq(teams.id, teamId)))[0]).toMatchObject({
      timeZone: "America/New_York",
      businessHours: { mon: ["08:00", "17:00"], fri: ["08:00", "13:00"] },
    });
    expect(await lastAudit("team_calendar.update")).toMatchObject({
      entityId: teamId,
      before: { timeZone: "UTC", businessHours: {} },
      after: { timeZone: "America/New_York" },
    });
  });

  it("refuses bad minutes, a made-up time zone and bad hours, naming the field and writing nothing", async () => {
    const audits = await auditCount();
    const [policyBefore] = await db.select().from(slaPolicies).where(eq(slaPolicies.priority, "normal"));
    expect(await run(slaActions.saveSlaPolicyAction, admin, { priority: "normal", minutes: "0", maxBreaches: "2" })).toMatchObject({
      ok: false,
      field: "minutes",
      error: expect.stringMatching(/^must be at least 1/),
    });
    expect(await run(slaActions.saveSlaPolicyAction, admin, { priority: "urgent", minutes: "10", maxBreaches: "2" })).toMatchObject({
      ok: false,
      field: "priority",
      error: expect.not.stringMatching(/^\w+: /),
    });
    const [teamBefore] = await db.select().from(teams).where(eq(teams.id, teamId));
    expect(
      await run(slaActions.saveTeamCalendarAction, admin, { teamId, timeZone: "Europe/Madird", monOpen: "on", monStart: "09:00", monEnd: "18:00" }),
    ).toMatchObject({ ok: false, field: "timeZone", error: expect.stringMatching(/^must be an IANA time zone/) });
    expect(
      await run(slaActions.saveTeamCalendarAction, admin, { teamId, timeZone: "Europe/Madrid", tueOpen: "on", tueStart: "9am", tueEnd: "18:00" }),
    ).toMatchObject({ ok: false, field: "tueStart", error: expect.stringMatching(/^must be a time as HH:MM/) });
    expect(
      await run(slaActions.saveTeamCalendarAction, admin, { teamId, timeZone: "Europe/Madrid", tueOpen: "on", tueStart: "18:00", tueEnd: "09:00" }),
    ).toMatchObject({ ok: false, field: "tueEnd", error: "must be after the opening time" });
    expect((await db.select().from(teams).where(eq(teams.id, teamId)))[0]).toEqual(teamBefore);
    expect((await db.select().from(slaPolicies).where(eq(slaPolicies.priority, "normal")))[0]).toEqual(policyBefore);
    expect(await auditCount()).toBe(audits);
  });
});

describe("users", () => {
  // Invitations go out over the environment's SMTP connection (the stand-in).
  beforeAll(() => {
    process.env.SMTP_URL = smtp.url;
    resetEnvCache();
  });
  afterAll(() => {
    delete process.env.SMTP_URL;
    resetEnvCache();
  });

  it("invites a user without a password: the emailed link's token is stored only hashed; then changes and deactivates them", async () => {
    const email = `new-${randomBytes(4).toString("hex")}@example.test`;
    const created = await run(userActions.inviteUserAction, admin, {
      name: "Nora Vidal",
      email: email.toUpperCase(),
      role: "rep",
      teamId,
      capacity: "6",
    });
    expect(created).toMatchObject({ ok: true, data: { email, delivered: true } });
    const { id } = (created as { data: { id: string } }).data;
    const mail = await waitFor("the invitation email", () => smtp.messages.find((m) => m.to.includes(email)));
    const token = /\/login\/invite\/([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
    expect(token).toBeDefined();
    const [stored] = await db.select().from(accessTokens).where(eq(accessTokens.userId, id));
    expect(stored).toMatchObject({ kind: "invitation", usedAt: null, tokenHash: hashAccessToken(token!) });
    expect(JSON.stringify(stored)).not.toContain(token!);
    const [row] = await db.select().from(users).where(eq(users.id, id));
    expect(row).toMatchObject({ email, role: "rep", teamId, capacity: 6, active: true, passwordHash: null });
    expect(await lastAudit("invitation.create")).toMatchObject({ entityId: id, actorId: admin.id });
    const audit = await lastAudit("user.create");
    expect(audit).toMatchObject({ entityId: id, after: { email, role: "rep", capacity: 6 } });
    expect(JSON.stringify(audit)).not.toContain("scrypt");
    // The log shows the user and their team by name, not by id.
    const [team] = await db.select().from(teams).where(eq(teams.id, teamId));
    const names = await namesForAuditIds([...idsIn([audit!.entityId, audit!.after])]);
    expect(names).toEqual(
      new Map([
        [id, "Nora Vidal"],
        [teamId, team!.name],
      ]),
    );

    expect(await run(userActions.updateUserAction, admin, { userId: id, role: "manager", teamId: "", capacity: "3" })).toMatchObject({ ok: true });
    expect(await lastAudit("user.update")).toMatchObject({
      before: { role: "rep", teamId, capacity: 6 },
      after: { role: "manager", teamId: null, capacity: 3 },
    });

    // Deactivation takes effect on the person's next request: the guard reads `active` fresh.
    await expect(authorizeUser({ userId: id, allowed: [] })).resolves.toMatchObject({ role: "manager" });
    expect(await run(userActions.setUserActiveAction, admin, { userId: id, active: "false" })).toMatchObject({ ok: true });
    await expect(authorizeUser({ userId: id, allowed: [] })).rejects.toMatchObject({ code: "unauthorized" });
    expect(await lastAudit("user.deactivate")).toMatchObject({ before: { active: true }, after: { active: false } });
    expect(await run(userActions.setUserActiveAction, admin, { userId: id, active: "true" })).toMatchObject({ ok: true });
    await expect(authorizeUser({ userId: id, allowed: [] })).resolves.toMatchObject({ id });
  });

  it("refuses a taken email, a bad email, a bad role or capacity, writing nothing", async () => {
    const email = `chosen-${randomBytes(4).toString("hex")}@example.test`;
    expect(await run(userActions.inviteUserAction, admin, { name: "Ada", email, role: "admin", teamId: "", capacity: "10" })).toMatchObject({ ok: true });
    const audits = await auditCount();
    const people = (await db.select({ n: dsql<number>`count(*)::int` }).from(users))[0]!.n;
    expect(await run(userActions.inviteUserAction, admin, { name: "Ada again", email: email.toUpperCase(), role: "rep", capacity: "10" })).toMatchObject({
      ok: false,
      code: "conflict",
      error: expect.stringMatching(/^\S+@\S+ already has an account\.$/),
    });
    expect(await run(userActions.inviteUserAction, admin, { name: "Bo", email: "not-an-email", role: "rep", capacity: "10" })).toMatchObject({
      ok: false,
      field: "email",
      error: expect.stringMatching(/^must be an email address/),
    });
    expect(await run(userActions.inviteUserAction, admin, { name: "Bo", email: "bo@example.test", role: "owner", capacity: "10" })).toMatchObject({
      ok: false,
      field: "role",
      error: expect.stringMatching(/^must be one of/),
    });
    expect(await run(userActions.inviteUserAction, admin, { name: "Bo", email: "bo@example.test", role: "rep", capacity: "-1" })).toMatchObject({
      ok: false,
      field: "capacity",
      error: expect.stringMatching(/^must be at least 0/),
    });
    expect((await db.select({ n: dsql<number>`count(*)::int` }).from(users))[0]!.n).toBe(people);
    expect(await auditCount()).toBe(audits);
  });

  it("refuses to deactivate or demote the last active admin, themselves included", async () => {
    // Only this file's admin stays active for the test; the others are put back after.
    const others = await db
      .update(users)
      .set({ active: false })
      .where(and(eq(users.role, "admin"), eq(users.active, true), ne(users.id, admin.id)))
      .returning({ id: users.id });
    try {
      const audits = await auditCount();
      expect(await run(userActions.setUserActiveAction, admin, { userId: admin.id, active: "false" })).toMatchObject({
        ok: false,
        code: "conflict",
        error: expect.stringContaining("last active admin"),
      });
      expect(await run(userActions.updateUserAction, admin, { userId: admin.id, role: "manager", teamId, capacity: "10" })).toMatchObject({
        ok: false,
        code: "conflict",
      });
      expect((await db.select().from(users).where(eq(users.id, admin.id)))[0]).toMatchObject({ role: "admin", active: true });
      expect(await auditCount()).toBe(audits);
      // With a second admin, stepping down is allowed.
      const second = await createUser({ role: "admin", teamId });
      expect(await run(userActions.updateUserAction, second, { userId: second.id, role: "manager", teamId, capacity: "10" })).toMatchObject({ ok: true });
    } finally {
      if (others.length)
        await db
          .update(users)
          .set({ active: true })
          .where(
            inArray(
              users.id,
              others.map((o) => o.id),
            ),
          );
    }
  });
});

describe("API keys", () => {
  const intake = (key: string) =>
    postIntake(
      new Request("http://127.0.0.1/api/v1/intake", {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({
          externalId: `admin-key-${randomBytes(4).toString("hex")}`,
          channel: "form",
          receivedAt: new Date().toISOString(),
          fields: { email: "lena@example.org", message: "Just looking around." },
        }),
      }),
    );

  it("creates a key shown once and stored hashed, which works until it is revoked", async () => {
    const created = await run(apiKeyActions.createApiKeyAction, admin, { name: "Partner site", teamId });
    expect(created).toMatchObject({ ok: true, data: { name: "Partner site", key: expect.stringMatching(/^baton_/) } });
    const { id, key } = (created as { data: { id: string; key: string } }).data;
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, id));
    expect(row).toMatchObject({ keyHash: hashApiKey(key), prefix: key.slice(0, 12), teamId, createdById: admin.id, revokedAt: null });
    expect(JSON.stringify(row)).not.toContain(key);
    const audit = await lastAudit("api_key.create");
    expect(audit).toMatchObject({ entityId: id, after: { name: "Partner site", prefix: row!.prefix } });
    expect(JSON.stringify(audit)).not.toContain(key);
    expect(JSON.stringify(audit)).not.toContain(row!.keyHash);

    expect((await intake(key)).status).toBe(200);
    expect(await run(apiKeyActions.revokeApiKeyAction, admin, { id })).toMatchObject({ ok: true });
    expect(await lastAudit("api_key.revoke")).toMatchObject({ entityId: id, before: { revokedAt: null }, after: { revokedAt: expect.any(String) } });
    const refused = await intake(key);
    expect(refused.status).toBe(401);
    expect(await run(apiKeyActions.revokeApiKeyAction, admin, { id })).toMatchObject({ ok: false, code: "not_found" });
  });

  it("refuses a key without a name or for a team that does not exist, writing nothing", async () => {
    const audits = await auditCount();
    expect(await run(apiKeyActions.createApiKeyAction, admin, { name: " ", teamId })).toMatchObject({ ok: false, field: "name", error: "must not be empty" });
    expect(await run(apiKeyActions.createApiKeyAction, admin, { name: "Ghost", teamId: "00000000-0000-4000-8000-000000000000" })).toMatchObject({
      ok: false,
      error: "That team no longer exists; reload the page.",
      fieldErrors: { teamId: expect.any(Array) },
    });
    expect(await db.select().from(apiKeys).where(eq(apiKeys.name, "Ghost"))).toEqual([]);
    expect(await auditCount()).toBe(audits);
  });
});

describe("connections", () => {
  // The test button sends the form as it stands; these tests save first and then test what the form still shows.
  const shown: Record<string, Input> = {};
  const save = async (input: Input & { kind: string }) => {
    const result = await run(connectionActions.saveConnectionAction, admin, input);
    // What the form shows after a save: the settings, with the secrets left blank (kept).
    if ((result as { ok: boolean }).ok)
      shown[input.kind] = Object.fromEntries(
        Object.entries(input).filter(([k]) => !["botToken", "webhookUrl", "url", "accessToken", "apiKey", "clear"].includes(k)),
      );
    return result;
  };
  const test = (kind: string, form: Input = shown[kind] ?? { kind }) =>
    run(connectionActions.testConnectionAction, admin, { ...form, kind }) as Promise<{ ok: true; data: { ok: boolean; message: string } }>;

  it("stores secrets encrypted, shows none in the audit log, keeps a blank one and resolves over the environment", async () => {
    const token = slack.token;
    expect(
      await run(connectionActions.saveConnectionAction, admin, {
        kind: "slack",
        botToken: token,
        webhookUrl: "",
        apiUrl: slack.apiUrl,
        defaultChannel: "#handoffs",
      }),
    ).toMatchObject({ ok: true });
    const [row] = await db.select().from(connectionSettings).where(eq(connectionSettings.kind, "slack"));
    expect(row!.config).toEqual({ apiUrl: slack.apiUrl, defaultChannel: "#handoffs" });
    expect(Object.keys(row!.secrets)).toEqual(["botToken"]);
    expect(JSON.stringify(row)).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain(token.slice(5));
    const audit = await lastAudit("connection.create");
    expect(audit).toMatchObject({ entityId: "slack", after: { botToken: "(secret replaced)", apiUrl: slack.apiUrl } });
    expect(JSON.stringify(audit)).not.toContain(token);
    const resolved = await loadConnectionSettings();
    expect(resolved.slack).toEqual({ source: "database", botToken: token, apiUrl: slack.apiUrl, defaultChannel: "#handoffs" });
    expect(resolved.llm.source).toBe("environment");

    // A blank secret keeps the saved one.
    expect(await run(connectionActions.saveConnectionAction, admin, { kind: "slack", botToken: "", apiUrl: slack.apiUrl, defaultChannel: "" })).toMatchObject({
      ok: true,
    });
    expect((await loadConnectionSettings()).slack).toEqual({ source: "database", botToken: token, apiUrl: slack.apiUrl });
    expect(await lastAudit("connection.update")).toMatchObject({
      before: { botToken: "(secret set)", defaultChannel: "#handoffs" },
      after: { botToken: "(secret set)" },
    });
  });

  it("keeps the environment's secret when a service that ran on it is first saved with the secret left blank", async () => {
    process.env.OPENAI_API_KEY = "sk-from-the-environment-5678";
    resetEnvCache();
    try {
      expect(await run(connectionActions.saveConnectionAction, admin, { kind: "llm", apiKey: "", baseUrl: openai.baseURL, model: "stand-in" })).toMatchObject({
        ok: true,
      });
      expect((await loadConnectionSettings()).llm).toEqual({
        source: "database",
        apiKey: "sk-from-the-environment-5678",
        baseUrl: openai.baseURL,
        model: "stand-in",
      });
      const [row] = await db.select().from(connectionSettings).where(eq(connectionSettings.kind, "llm"));
      expect(JSON.stringify(row)).not.toContain("sk-from-the-environment");
    } finally {
      delete process.env.OPENAI_API_KEY;
      resetEnvCache();
      await db.delete(connectionSettings).where(eq(connectionSettings.kind, "llm"));
    }
  });

  it("refuses a malformed secret or URL naming the field, writing nothing", async () => {
    const audits = await auditCount();
    const [before] = await db.select().from(connectionSettings).where(eq(connectionSettings.kind, "slack"));
    expect(await run(connectionActions.saveConnectionAction, admin, { kind: "slack", botToken: "hunter2", apiUrl: slack.apiUrl })).toMatchObject({
      ok: false,
      field: "botToken",
      error: expect.stringMatching(/^must be a Slack bot token/),
    });
    expect(
      await run(connectionActions.saveConnectionAction, admin, { kind: "smtp", url: "http://mail.example.com", from: "Baton <b@example.com>" }),
    ).toMatchObject({ ok: false, field: "url", error: expect.stringMatching(/^must be an smtp:\/\//) });
    expect(await run(connectionActions.saveConnectionAction, admin, { kind: "llm", apiKey: "sk-abcdefgh", model: "" })).toMatchObject({
      ok: false,
      field: "model",
      error: expect.not.stringMatching(/^\w+: /),
    });
    expect(await run(connectionActions.saveConnectionAction, admin, { kind: "fax" })).toMatchObject({
      ok: false,
      field: "kind",
      error: expect.not.stringMatching(/^\w+: /),
    });
    // A broken SMTP configuration: no host, a port out of range, a sender that is not an address.
    const smtpForm = (over: Input) =>
      run(connectionActions.saveConnectionAction, admin, { kind: "smtp", url: "smtp://mail.example.com:587", from: "Baton <baton@example.com>", ...over });
    expect(await smtpForm({ url: "smtp://" })).toMatchObject({
      ok: false,
      field: "url",
      error: expect.stringMatching(/^must name the mail server's host/),
      fieldErrors: { url: [expect.any(String)] },
    });
    expect(await smtpForm({ url: "smtp://user:pass@:587" })).toMatchObject({
      ok: false,
      field: "url",
      error: expect.stringMatching(/^must name the mail server's host/),
    });
    expect(await smtpForm({ url: "smtp://mail.example.com:0" })).toMatchObject({
      ok: false,
      field: "url",
      error: expect.stringMatching(/^must have a port between 1 and 65535/),
    });
    expect(await smtpForm({ url: "smtps://mail.example.com:70000" })).toMatchObject({
      ok: false,
      field: "url",
      error: expect.stringMatching(/^must have a port between 1 and 65535/),
    });
    expect(await smtpForm({ from: "not an address" })).toMatchObject({
      ok: false,
      field: "from",
      error: expect.stringMatching(/^must be a sender address/),
      fieldErrors: { from: [expect.any(String)] },
    });
    expect(await smtpForm({ from: "Baton <baton@>" })).toMatchObject({ ok: false, field: "from", error: expect.stringMatching(/^must be a sender address/) });
    // URL shapes: a Slack webhook is a path on its host; no base URL carries a password; the default channel is a channel.
    expect(
      await run(connectionActions.saveConnectionAction, admin, { kind: "slack", webhookUrl: "https://hooks.slack.com", apiUrl: slack.apiUrl }),
    ).toMatchObject({ ok: false, field: "webhookUrl", error: expect.stringMatching(/^must be the whole webhook URL/) });
    expect(await run(connectionActions.saveConnectionAction, admin, { kind: "slack", apiUrl: "https://user:secret@slack.example.com/api/" })).toMatchObject({
      ok: false,
      field: "apiUrl",
      error: expect.stringMatching(/^must not carry a user name or password/),
    });
    expect(await run(connectionActions.saveConnectionAction, admin, { kind: "slack", apiUrl: slack.apiUrl, defaultChannel: "sales handoffs!" })).toMatchObject({
      ok: false,
      field: "defaultChannel",
      error: expect.stringMatching(/^must be a channel name/),
    });
    expect(await run(connectionActions.saveConnectionAction, admin, { kind: "hubspot", apiUrl: "ftp://api.hubapi.com" })).toMatchObject({
      ok: false,
      field: "apiUrl",
      error: expect.stringMatching(/^must be an http\(s\) URL/),
    });
    expect(
      await run(connectionActions.saveConnectionAction, admin, { kind: "llm", baseUrl: "https://api.openai.com/v1?key=1", model: "gpt-4.1-mini" }),
    ).toMatchObject({ ok: false, field: "baseUrl", error: expect.stringMatching(/^must not have a query/) });
    expect((await db.select().from(connectionSettings).where(eq(connectionSettings.kind, "slack")))[0]).toEqual(before);
    expect(
      await db
        .select()
        .from(connectionSettings)
        .where(inArray(connectionSettings.kind, ["smtp", "llm"])),
    ).toEqual([]);
    expect(await auditCount()).toBe(audits);
  });

  it("tests each service against its stand-in, and fails clearly against a closed port", async () => {
    await save({ kind: "slack", botToken: slack.token, apiUrl: slack.apiUrl });
    expect((await test("slack")).data).toEqual({ ok: true, message: expect.stringContaining("Slack accepted the bot token") });
    await save({ kind: "slack", webhookUrl: slack.webhookUrl, apiUrl: slack.apiUrl, clear: "botToken" });
    expect((await test("slack")).data).toEqual({ ok: true, message: "Slack accepted a test message on the webhook." });
    expect(slack.messages.at(-1)?.text).toContain("Baton connection test");

    await save({ kind: "smtp", url: smtp.url, from: "Baton <baton@example.test>" });
    expect((await test("smtp")).data).toEqual({ ok: true, message: expect.stringContaining("accepted the connection") });

    await save({ kind: "hubspot", accessToken: hubspot.token, apiUrl: hubspot.baseUrl });
    expect((await test("hubspot")).data).toEqual({ ok: true, message: "HubSpot accepted the access token and listed owners." });
    await save({ kind: "hubspot", accessToken: "pat-wrong-token", apiUrl: hubspot.baseUrl });
    expect((await test("hubspot")).data).toEqual({ ok: false, message: expect.stringContaining("refused the access token (401)") });

    await save({ kind: "llm", apiKey: openai.apiKey, baseUrl: openai.baseURL, model: "stand-in" });
    expect((await test("llm")).data).toEqual({ ok: true, message: expect.stringContaining("including stand-in") });

    const closed = await closedPort();
    await save({ kind: "slack", botToken: slack.token, apiUrl: `http://127.0.0.1:${closed}/api/` });
    await save({ kind: "smtp", url: `smtp://127.0.0.1:${closed}`, from: "Baton <baton@example.test>" });
    await save({ kind: "hubspot", apiUrl: `http://127.0.0.1:${closed}` });
    await save({ kind: "llm", baseUrl: `http://127.0.0.1:${closed}/v1`, model: "stand-in" });
    for (const kind of ["slack", "smtp", "hubspot", "llm"]) {
      const result = await test(kind);
      expect(result.data, kind).toEqual({ ok: false, message: expect.stringMatching(/^Connection refused.*nothing is listening there/) });
    }
  });
});

describe("connections: test before saving, and back to the environment", () => {
  const form = (over: Input) => ({ kind: "smtp", url: "", from: "Baton <baton@example.test>", ...over });

  it("tests the values in the form without saving them, and refuses to test values that could not be saved", async () => {
    await db.delete(connectionSettings).where(eq(connectionSettings.kind, "smtp"));
    const audits = await auditCount();
    const works = await run(connectionActions.testConnectionAction, admin, form({ url: smtp.url }));
    expect(works).toMatchObject({ ok: true, data: { ok: true, message: expect.stringContaining("accepted the connection") } });
    const closed = await closedPort();
    expect(await run(connectionActions.testConnectionAction, admin, form({ url: `smtp://127.0.0.1:${closed}` }))).toMatchObject({
      ok: true,
      data: { ok: false, message: expect.stringMatching(/^Connection refused/) },
    });
    expect(await run(connectionActions.testConnectionAction, admin, form({ url: "smtp://" }))).toMatchObject({
      ok: false,
      field: "url",
      error: expect.stringMatching(/^must name the mail server's host/),
    });
    expect(await db.select().from(connectionSettings).where(eq(connectionSettings.kind, "smtp"))).toEqual([]);
    expect(await auditCount()).toBe(audits);
    expect((await loadConnectionSettings()).smtp.source).toBe("environment");
  });

  it("a blank secret in the form tests with the saved one", async () => {
    expect(await run(connectionActions.saveConnectionAction, admin, form({ url: smtp.url }))).toMatchObject({ ok: true });
    expect(await run(connectionActions.testConnectionAction, admin, form({ url: "" }))).toMatchObject({ ok: true, data: { ok: true } });
  });

  it("returns a service to the environment's settings, audited, and ignores a saved row that is no longer valid", async () => {
    expect(await run(connectionActions.saveConnectionAction, admin, form({ url: smtp.url }))).toMatchObject({ ok: true });
    expect((await loadConnectionSettings()).smtp.source).toBe("database");
    expect(await run(connectionActions.resetConnectionAction, admin, { kind: "smtp" })).toMatchObject({ ok: true, data: { kind: "smtp", removed: true } });
    expect(await db.select().from(connectionSettings).where(eq(connectionSettings.kind, "smtp"))).toEqual([]);
    expect((await loadConnectionSettings()).smtp).toMatchObject({ source: "environment" });
    expect(await lastAudit("connection.delete")).toMatchObject({
      entityId: "smtp",
      before: { from: "Baton <baton@example.test>", url: "(secret set)" },
      after: null,
    });
    expect(await run(connectionActions.resetConnectionAction, admin, { kind: "smtp" })).toMatchObject({ ok: true, data: { removed: false } });

    // Saved before the checks existed: a sender that is no address. The environment applies, and the page says why.
    await db.insert(connectionSettings).values({ kind: "smtp", config: { from: "not an address" }, secrets: {}, updatedById: admin.id, updatedAt: new Date() });
    expect((await loadConnectionSettings()).smtp.source).toBe("environment");
    const { views } = await describeConnections();
    expect(views.find((v) => v.kind === "smtp")).toMatchObject({
      source: "environment",
      unusableSaved: expect.stringMatching(/^from: must be a sender address/),
    });
    await db.delete(connectionSettings).where(eq(connectionSettings.kind, "smtp"));
  });
});

describe("the CRM sync with HubSpot", () => {
  it("uses the token and URL saved on /admin/connections over the environment's, without a restart", async () => {
    const closed = await closedPort();
    Object.assign(process.env, { CRM_ADAPTER: "hubspot", HUBSPOT_ACCESS_TOKEN: "pat-from-the-environment", HUBSPOT_API_URL: `http://127.0.0.1:${closed}` });
    resetEnvCache();
    try {
      await db.delete(connectionSettings).where(eq(connectionSettings.kind, "hubspot"));
      expect((await configuredCrmAdapter()).name).toBe("hubspot");
      await expect((await configuredCrmAdapter()).portal()).rejects.toThrow();
      expect(await run(connectionActions.saveConnectionAction, admin, { kind: "hubspot", accessToken: hubspot.token, apiUrl: hubspot.baseUrl })).toMatchObject({
        ok: true,
      });
      expect(await (await configuredCrmAdapter()).portal()).toBe(String(hubspot.portalId));
      expect(hubspot.requests.at(-1)).toMatchObject({ method: "GET", path: "/account-info/v3/details", status: 200 });
    } finally {
      for (const key of ["CRM_ADAPTER", "HUBSPOT_ACCESS_TOKEN", "HUBSPOT_API_URL"]) delete process.env[key];
      resetEnvCache();
      await db.delete(connectionSettings).where(eq(connectionSettings.kind, "hubspot"));
    }
  });
});

describe("connection secrets saved under another key", () => {
  it("are refused, and the page says so instead of failing", async () => {
    const foreign = encryptSecret("xoxb-1-2-3", randomBytes(32), secretContext("slack", "botToken"));
    await db
      .insert(connectionSettings)
      .values({ kind: "slack", config: { apiUrl: slack.apiUrl }, secrets: { botToken: foreign } })
      .onConflictDoUpdate({ target: connectionSettings.kind, set: { secrets: { botToken: foreign } } });
    await expect(loadConnectionSettings()).rejects.toBeInstanceOf(SecretDecryptionError);
    const described = await describeConnections();
    expect(described.unreadable).toBe(true);
    expect(described.views.find((v) => v.kind === "slack")?.source).toBe("environment");
    await db.delete(connectionSettings).where(eq(connectionSettings.kind, "slack"));
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
