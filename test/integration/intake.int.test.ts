import { eq, sql as dsql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { insertApiKey } from "@/db/queries/intake";
import { conversations, handoffEvents, handoffs, intakes, leads } from "@/db/schema";
import { resetEnvCache } from "@/lib/env";
import { generateApiKey, signBody } from "@/lib/intake/credentials";
import { handleIntake } from "@/lib/intake/handle-intake";
import { stopBoss } from "@/lib/jobs/boss";
import { logger } from "@/lib/logger";
import { createTeam } from "../support/factories";

const SECRET = "intake-signing-secret-for-tests";
let apiKey: string;
let teamId: string;

beforeAll(async () => {
  process.env.INTAKE_SIGNING_SECRET = SECRET;
  resetEnvCache();
  teamId = (await createTeam())!.id;
  const generated = generateApiKey();
  apiKey = generated.key;
  await insertApiKey({ name: "Website forms", prefix: generated.prefix, keyHash: generated.hash, teamId });
});

afterAll(async () => {
  await stopBoss();
  delete process.env.INTAKE_SIGNING_SECRET;
  delete process.env.INTAKE_RATE_LIMIT_PER_MINUTE;
  resetEnvCache();
});

const options = () => ({ log: logger });
const withKey = (body: unknown, key = apiKey) =>
  handleIntake({ headers: new Headers({ authorization: `Bearer ${key}` }), body: typeof body === "string" ? body : JSON.stringify(body) }, options());

const highValueLead = (externalId: string) => ({
  externalId,
  channel: "form",
  receivedAt: "2026-11-20T10:15:00Z",
  source: { url: "https://example.com/audit?utm_source=linkedin", formId: "audit", campaign: "q4-audit" },
  fields: [
    { name: "firstname", value: "Ines" },
    { name: "lastname", value: "Marsh" },
    { name: "email", value: `ines+${externalId}@harbourline.io` },
    { name: "company", value: "Harbourline" },
    { name: "numemployees", value: "51-200" },
    { name: "message", value: "We get 500 leads a month from forms and need an AI agent to qualify them within two weeks." },
  ],
});

async function countFor(externalId: string) {
  const [intake] = await db.select().from(intakes).where(eq(intakes.externalId, externalId));
  const rows = intake ? await db.select().from(handoffs).where(eq(handoffs.intakeId, intake.id)) : [];
  const { n: intakeCount } = (
    await db
      .select({ n: dsql<number>`count(*)::int` })
      .from(intakes)
      .where(eq(intakes.externalId, externalId))
  )[0]!;
  return { intake, intakeCount, handoffs: rows };
}

describe("POST /api/v1/intake", () => {
  it("triages, stores and queues an intake in one go, into the key's team queue", async () => {
    const reply = await withKey(highValueLead("hv-1"));
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ externalId: "hv-1", decision: "escalate", priority: "immediate", reasons: ["high_value"] });
    const { intake, handoffs: rows } = await countFor("hv-1");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      teamId,
      priority: "immediate",
      status: "pending",
      leadName: "Ines Marsh",
      companyName: "Harbourline",
      campaign: "q4-audit",
    });
    expect(rows[0]!.slaDueAt.getTime() - rows[0]!.createdAt.getTime()).toBe(15 * 60_000);
    expect(intake!.leadId).toBeTruthy();
    expect(rows[0]!.package.traceability).toMatchObject({ intakeId: intake!.id, leadId: intake!.leadId, ruleVersion: 1 });
    const events = await db.select().from(handoffEvents).where(eq(handoffEvents.handoffId, rows[0]!.id));
    expect(events.map((e) => e.type)).toEqual(["created", "routed"]);
    const jobs = await db.execute<{ name: string }>(dsql`select name from pgboss.job where data->>'handoffId' = ${rows[0]!.id} order by name`);
    expect(jobs.map((j) => j.name)).toEqual(["crm-sync", "notify"]);
  });

  it("is idempotent on externalId: sent twice, or 50 times at once, one intake, one lead, one handoff, the same answer", async () => {
    const first = await withKey(highValueLead("dup-1"));
    const again = await withKey(highValueLead("dup-1"));
    expect(again.body).toEqual(first.body);
    expect(again.headers).toEqual({ "Idempotent-Replay": "true" });

    const replies = await Promise.all(Array.from({ length: 50 }, () => withKey(highValueLead("burst-1"))));
    expect(new Set(replies.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(replies.every((r) => r.status === 200)).toBe(true);
    const { intakeCount, handoffs: rows } = await countFor("burst-1");
    expect(intakeCount).toBe(1);
    expect(rows).toHaveLength(1);
    const { n } = (
      await db
        .select({ n: dsql<number>`count(*)::int` })
        .from(leads)
        .where(eq(leads.email, "ines+burst-1@harbourline.io"))
    )[0]!;
    expect(n).toBe(1);
  });

  it("derives the idempotency key from the payload when there is no externalId", async () => {
    const { externalId: _drop, ...event } = highValueLead("ignored");
    void _drop;
    const a = await withKey(event);
    const b = await withKey({ ...event, fields: [...event.fields] });
    expect(a.body.externalId).toMatch(/^sha256:/);
    expect(b.body).toEqual(a.body);
  });

  it("refuses bad input with the field that is wrong, writing nothing", async () => {
    expect(await withKey("{not json")).toMatchObject({ status: 400, body: { error: { message: "The body is not valid JSON." } } });
    const wrong = await withKey({ externalId: "bad-1", channel: "fax", receivedAt: "yesterday", contact: { email: "nope" } });
    expect(wrong.status).toBe(400);
    expect((wrong.body.error as { problems: string[] }).problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^channel: must be one of/),
        expect.stringMatching(/^receivedAt: /),
        "contact.email: must be an email address",
      ]),
    );
    expect((await countFor("bad-1")).intakeCount).toBe(0);
    const huge = await withKey({ ...highValueLead("big-1"), fields: { message: "x".repeat(300 * 1024) } });
    expect(huge.status).toBe(413);
  });

  it("refuses missing or wrong credentials, and checks signatures", async () => {
    const body = JSON.stringify(highValueLead("signed-1"));
    expect((await handleIntake({ headers: new Headers(), body }, options())).status).toBe(401);
    expect((await withKey(body, "baton_not-a-real-key")).status).toBe(401);
    const now = String(Math.floor(Date.now() / 1000));
    const signed = (timestamp: string, signature: string, payload = body) =>
      handleIntake({ headers: new Headers({ "x-baton-timestamp": timestamp, "x-baton-signature": signature }), body: payload }, options());
    expect((await signed(now, signBody(SECRET, now, body))).status).toBe(200);
    const stale = String(Number(now) - 600);
    expect(await signed(stale, signBody(SECRET, stale, body))).toMatchObject({
      status: 401,
      body: { error: { message: expect.stringContaining("5-minute") } },
    });
    expect((await signed(now, signBody(SECRET, now, body), body.replace("Ines", "Eve"))).status).toBe(401);
    expect((await signed(now, signBody("some-other-secret-value", now, body))).status).toBe(401);
  });

  it("records filter outcomes as closed, and keeps a chat ask as a conversation without a package", async () => {
    const filtered = await withKey({
      externalId: "spam-1",
      channel: "form",
      receivedAt: "2026-11-20T10:15:00Z",
      fields: { email: "win@promo.biz", message: "Cheap meds, no prescription, click now" },
    });
    expect(filtered.body).toMatchObject({ decision: "filter", priority: null });
    expect((await countFor("spam-1")).handoffs[0]).toMatchObject({ decision: "filter", status: "discarded", discardReason: "not_a_fit", priority: null });

    const chat = await withKey({ externalId: "chat-1", channel: "chat", receivedAt: "2026-11-20T10:15:00Z", messages: [{ from: "lead", text: "hello" }] });
    expect(chat.body).toMatchObject({ decision: "ask", package: null, handoffId: null });
    const { intake, handoffs: rows } = await countFor("chat-1");
    expect(rows).toHaveLength(0);
    expect(await db.select().from(conversations).where(eq(conversations.leadId, intake!.leadId!))).toHaveLength(1);
  });

  it("limits the rate per key with 429 and Retry-After", async () => {
    process.env.INTAKE_RATE_LIMIT_PER_MINUTE = "2";
    resetEnvCache();
    const generated = generateApiKey();
    await insertApiKey({ name: "Tight", prefix: generated.prefix, keyHash: generated.hash, teamId });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push(await withKey(highValueLead(`rate-${i}`), generated.key));
    expect(statuses.map((s) => s.status)).toEqual([200, 200, 429]);
    expect(Number(statuses[2]!.headers?.["Retry-After"])).toBeGreaterThan(0);
    expect((await countFor("rate-2")).intakeCount).toBe(0);
    delete process.env.INTAKE_RATE_LIMIT_PER_MINUTE;
    resetEnvCache();
  });
});
