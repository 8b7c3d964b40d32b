import { randomUUID } from "node:crypto";
import { eq, sql as dsql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, it, inject } from "vitest";
import { db } from "@/db";
import { insertApiKey } from "@/db/queries/intake";
import { listWebhookDeliveries, listWebhookEndpoints, findWebhookEndpoint } from "@/db/queries/webhooks";
import { apiKeys, handoffs, notifications, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { CHAT_WIDGET_KEY_NAME } from "@/lib/chat/chat-widget-key";
import { chatConversationId } from "@/lib/chat/conversation-id";
import { handleChatTurn } from "@/lib/chat/handle-chat-turn";
import type { Actor } from "@/lib/auth/guard";
import { resetEnvCache } from "@/lib/env";
import { UserError } from "@/lib/errors";
import { addHandoffNote } from "@/lib/handoffs/add-note";
import { changeHandoffStatus } from "@/lib/handoffs/change-handoff";
import { generateApiKey } from "@/lib/intake/credentials";
import { handleIntake } from "@/lib/intake/handle-intake";
import { stopBoss } from "@/lib/jobs/boss";
import { jobHandlers } from "@/lib/jobs/handlers";
import { startWorker, type RunningWorker } from "@/lib/jobs/worker";
import { logger } from "@/lib/logger";
import type { WebhookEventType } from "@/lib/webhooks/events";
import {
  addWebhookEndpoint,
  changeWebhookEndpoint,
  redeliver,
  removeWebhookEndpoint,
  rotateEndpointSecret,
  sendTestWebhook,
} from "@/lib/webhooks/manage-endpoints";
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from "../stand-ins/webhook-receiver";
import { createHandoff, createTeam, createUser } from "../support/factories";
import { joined, sensitiveValues } from "../support/sensitive-values";
import { waitFor } from "../support/wait-for";

// Outbound webhooks end to end: real timeline writes queue events through the outbox, the real
// worker signs and POSTs them over HTTP to receivers on 127.0.0.1, and the receivers verify each
// signature with the standardwebhooks library, as n8n or an internal tool would.

let worker: RunningWorker;
let admin: Actor;
let manager: Actor;
let teamId: string;
let apiKey: string;
const receivers: WebhookReceiver[] = [];

beforeAll(async () => {
  process.env.WEBHOOK_ALLOWED_PRIVATE_HOSTS = "127.0.0.1";
  // The "day" of back-off shrunk to seconds: the same retry path, without waiting a real day.
  process.env.WEBHOOK_RETRY_SCHEDULE_SECONDS = "0.3,0.6,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1";
  resetEnvCache();
  teamId = (await createTeam())!.id;
  admin = await createUser({ role: "admin", teamId: null });
  manager = await createUser({ role: "manager", teamId });
  const generated = generateApiKey();
  apiKey = generated.key;
  await insertApiKey({ name: "Webhook test forms", prefix: generated.prefix, keyHash: generated.hash, teamId });
  worker = await startWorker({
    databaseUrl: inject("databaseUrl"),
    handlers: jobHandlers({ only: ["webhook-deliver"] }),
    log: logger,
    pollSeconds: 0.5,
    slaCheckCron: null,
    watch: null,
  });
});

afterEach(async () => {
  // Each test's endpoints go, so the next test's events reach only its own.
  for (const endpoint of await listWebhookEndpoints()) await removeWebhookEndpoint(admin, { id: endpoint.id });
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

afterAll(async () => {
  await worker.stop();
  await stopBoss();
  delete process.env.WEBHOOK_ALLOWED_PRIVATE_HOSTS;
  delete process.env.WEBHOOK_RETRY_SCHEDULE_SECONDS;
  resetEnvCache();
});

async function receiver() {
  const r = await startWebhookReceiver();
  receivers.push(r);
  return r;
}

async function endpointFor(r: WebhookReceiver, events: WebhookEventType[]) {
  return addWebhookEndpoint(admin, { name: `Receiver ${receivers.length}`, url: r.url, events });
}

const verified = (secret: string, hit: ReceivedWebhook) =>
  new Webhook(secret).verify(hit.body, hit.headers as Record<string, string>) as {
    type: string;
    data: { handoff: { id: string; status: string; url: string } };
  };

let leadCount = 0;
async function escalatedLead(): Promise<string> {
  const externalId = `wh-${Date.now()}-${++leadCount}`;
  const reply = await handleIntake(
    {
      headers: new Headers({ authorization: `Bearer ${apiKey}` }),
      body: JSON.stringify({
        externalId,
        channel: "form",
        receivedAt: new Date().toISOString(),
        fields: [
          { name: "firstname", value: "Ines" },
          { name: "email", value: `ines+${externalId}@harbourline.io` },
          { name: "company", value: "Harbourline" },
          { name: "numemployees", value: "51-200" },
          { name: "message", value: "We get 500 leads a month from forms and need an AI agent to qualify them within two weeks." },
        ],
      }),
    },
    { log: logger },
  );
  expect(reply.status).toBe(200);
  return (reply.body as { handoffId: string }).handoffId;
}

async function versionOf(handoffId: string) {
  const [row] = await db.execute<{ version: number }>(dsql`select version from handoffs where id = ${handoffId}`);
  return Number(row!.version);
}

describe("outbound webhooks", () => {
  it("delivers a package's life (created, accepted, converted) to two endpoints in order, each signature verifying", async () => {
    const [a, b] = [await receiver(), await receiver()];
    const events: WebhookEventType[] = ["handoff.created", "handoff.status_changed"];
    const [endpointA, endpointB] = [await endpointFor(a, events), await endpointFor(b, events)];

    const handoffId = await escalatedLead();
    await changeHandoffStatus({ actor: manager, handoffId, expectedVersion: await versionOf(handoffId), input: { command: "accept" } });
    await changeHandoffStatus({
      actor: manager,
      handoffId,
      expectedVersion: await versionOf(handoffId),
      input: { command: "convert", valueAmount: 12_000, valueCurrency: "EUR", meetingBooked: true },
    });

    for (const [r, { secret }] of [
      [a, endpointA],
      [b, endpointB],
    ] as const) {
      await waitFor("three events at the receiver", () => r.accepted().length >= 3);
      const bodies = r.accepted().map((hit) => verified(secret, hit));
      expect(bodies.map((body) => [body.type, body.data.handoff.status])).toEqual([
        ["handoff.created", "pending"],
        ["handoff.status_changed", "accepted"],
        ["handoff.status_changed", "converted"],
      ]);
      expect(bodies.every((body) => body.data.handoff.id === handoffId && body.data.handoff.url.endsWith(`/handoffs/${handoffId}`))).toBe(true);
      expect(r.accepted()[0]!.headers["webhook-id"]).toMatch(/^msg_[0-9a-f]{32}$/);
    }
    // One event, one webhook-id: both endpoints see the same id for it.
    expect(a.accepted().map((h) => h.headers["webhook-id"])).toEqual(b.accepted().map((h) => h.headers["webhook-id"]));
    // A secret signed for one endpoint does not verify another's deliveries.
    expect(() => verified(endpointB.secret, a.accepted()[0]!)).toThrow();
  });

  it("gets every event to an endpoint that was down, after it returns: none lost, none twice, each package's in order", async () => {
    const r = await receiver();
    const { secret, endpoint } = await endpointFor(r, ["handoff.note_added"]);
    r.down();
    const packages = await Promise.all([1, 2, 3].map(() => createHandoff({ teamId })));
    const expected: string[] = [];
    for (let i = 0; i < 4; i++)
      for (const p of packages) {
        const note = `note ${i} on ${p!.id}`;
        await addHandoffNote({ actor: manager, handoffId: p!.id, note });
        expected.push(note);
      }
    // Down long enough that every delivery failed and was retried at least once: the real retry path.
    await waitFor(
      "every delivery retried while the endpoint is down",
      // Each package's first note is retried; its later notes wait behind it, in order.
      async () => (await listWebhookDeliveries({ endpointId: endpoint.id })).filter((d) => d.attempts >= 2).length >= 3,
      30_000,
    );
    r.up();
    await waitFor(
      "all twelve notes delivered",
      async () => (await listWebhookDeliveries({ endpointId: endpoint.id })).every((d) => d.status === "delivered"),
      30_000,
    );

    const accepted = r.accepted();
    const ids = accepted.map((hit) => hit.headers["webhook-id"]);
    expect(new Set(ids).size).toBe(12);
    expect(ids).toHaveLength(12);
    const notes = accepted.map((hit) => (verified(secret, hit) as unknown as { data: { event: { note: string } } }).data.event.note);
    expect([...notes].sort()).toEqual([...expected].sort());
    for (const p of packages) {
      const own = notes.filter((n) => n.endsWith(p!.id));
      expect(own).toEqual([0, 1, 2, 3].map((i) => `note ${i} on ${p!.id}`));
    }
    // The log says what happened: the failures' 503s were recorded before the success.
    expect(r.received.some((hit) => hit.status === 503)).toBe(true);
  });

  it("honours Retry-After, switches an endpoint off on 410 and tells the admins", async () => {
    const r = await receiver();
    const { endpoint } = await endpointFor(r, ["handoff.note_added"]);
    const p = await createHandoff({ teamId });
    r.answerNext({ status: 429, retryAfter: "2" });
    await addHandoffNote({ actor: manager, handoffId: p!.id, note: "first" });
    await waitFor("the retry after the 429", () => r.accepted().length === 1, 20_000);
    // The schedule's first wait is 0.3 s; Retry-After asked for 2.
    expect(r.received[1]!.at - r.received[0]!.at).toBeGreaterThanOrEqual(1_900);

    r.answerNext({ status: 410, body: "gone" });
    await addHandoffNote({ actor: manager, handoffId: p!.id, note: "second" });
    await waitFor("the endpoint switched off", async () => (await findWebhookEndpoint({ id: endpoint.id }))?.enabled === false);
    expect(await findWebhookEndpoint({ id: endpoint.id })).toMatchObject({ enabled: false, disabledReason: expect.stringContaining("410") });
    const told = await db.select().from(notifications).where(eq(notifications.userId, admin.id));
    expect(told.some((n) => n.event === "webhook_disabled" && n.title.includes(endpoint.name))).toBe(true);
    const [gone] = await listWebhookDeliveries({ endpointId: endpoint.id });
    expect(gone).toMatchObject({ status: "failed", lastStatusCode: 410, lastResponse: "gone" });

    // Switched off, it gets nothing more.
    await addHandoffNote({ actor: manager, handoffId: p!.id, note: "third" });
    expect((await listWebhookDeliveries({ endpointId: endpoint.id })).length).toBe(2);
  });

  it("switches off an endpoint that has failed for the configured days, and keeps one that recovers", async () => {
    const r = await receiver();
    const { endpoint } = await endpointFor(r, ["handoff.note_added"]);
    // Its failure streak began six days ago (the default limit is five).
    await db
      .update(webhookEndpoints)
      .set({ failingSince: new Date(Date.now() - 6 * 86_400_000) })
      .where(eq(webhookEndpoints.id, endpoint.id));
    r.down();
    const p = await createHandoff({ teamId });
    await addHandoffNote({ actor: manager, handoffId: p!.id, note: "into the void" });
    await waitFor("the endpoint switched off", async () => (await findWebhookEndpoint({ id: endpoint.id }))?.enabled === false);
    expect((await findWebhookEndpoint({ id: endpoint.id }))!.disabledReason).toMatch(/failed since/);
    expect(r.received).toHaveLength(1);

    // Switched back on by an admin, the streak starts over and a redelivery gets through.
    await changeWebhookEndpoint(admin, { id: endpoint.id, enabled: true });
    r.up();
    const [failed] = await listWebhookDeliveries({ endpointId: endpoint.id });
    await redeliver({ deliveryId: failed!.id });
    await waitFor("the redelivery", () => r.accepted().length === 1);
    expect(r.accepted()[0]!.headers["webhook-id"]).toBe(r.received[0]!.headers["webhook-id"]);
    expect(await findWebhookEndpoint({ id: endpoint.id })).toMatchObject({ enabled: true, failingSince: null });
  });

  it("signs with the old and the new secret while a rotation overlaps, and sends a test event on request", async () => {
    const r = await receiver();
    const { secret: oldSecret, endpoint } = await endpointFor(r, ["handoff.note_added"]);
    const { secret: newSecret } = await rotateEndpointSecret(admin, { id: endpoint.id });
    expect(newSecret).not.toBe(oldSecret);
    await sendTestWebhook({ id: endpoint.id });
    await waitFor("the test event", () => r.accepted().length === 1);
    const hit = r.accepted()[0]!;
    expect(String(hit.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    expect(verified(newSecret, hit)).toMatchObject({ type: "webhook.test" });
    expect(verified(oldSecret, hit)).toMatchObject({ type: "webhook.test" });
    // The secret is stored encrypted, never as it is.
    const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(row!.secretEncrypted).not.toContain(newSecret.slice(6, 20));
  });

  it("refuses a private, loopback or metadata address, when saved and again when sent", async () => {
    for (const url of ["http://10.0.0.5/hook", "http://169.254.169.254/latest/meta-data", "http://[::1]:5678/hook", "http://192.168.1.20/hook"]) {
      const error = await addWebhookEndpoint(admin, { name: "Inside", url, events: ["handoff.created"] }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, url).toBeInstanceOf(UserError);
      expect((error as UserError).fieldErrors?.url?.[0]).toMatch(/Refused/);
    }
    expect(await listWebhookEndpoints()).toHaveLength(0);

    // Allowed when saved; the setting is withdrawn before the send, which then refuses without connecting.
    const r = await receiver();
    const { endpoint } = await endpointFor(r, ["handoff.note_added"]);
    process.env.WEBHOOK_ALLOWED_PRIVATE_HOSTS = "";
    resetEnvCache();
    try {
      const p = await createHandoff({ teamId });
      await addHandoffNote({ actor: manager, handoffId: p!.id, note: "should not leave" });
      await waitFor("the refused attempt logged", async () =>
        (await listWebhookDeliveries({ endpointId: endpoint.id }))[0]?.lastResponse?.startsWith("Refused"),
      );
      expect(r.received).toHaveLength(0);
    } finally {
      process.env.WEBHOOK_ALLOWED_PRIVATE_HOSTS = "127.0.0.1";
      resetEnvCache();
    }
  });

  it("writes nothing for events no endpoint wants", async () => {
    const before = await db.select({ n: dsql<number>`count(*)::int` }).from(webhookDeliveries);
    const p = await createHandoff({ teamId });
    await addHandoffNote({ actor: manager, handoffId: p!.id, note: "nobody listens" });
    const after = await db.select({ n: dsql<number>`count(*)::int` }).from(webhookDeliveries);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it("sends message.received for a lead's chat line on a package a person took over, signed, with the card number the lead typed masked", async () => {
    await db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.name, CHAT_WIDGET_KEY_NAME));
    const widget = generateApiKey();
    await insertApiKey({ name: CHAT_WIDGET_KEY_NAME, prefix: widget.prefix, keyHash: widget.hash, teamId });
    const r = await receiver();
    const { secret } = await endpointFor(r, ["message.received"]);
    const sessionId = randomUUID();
    const say = async (text: string) => {
      const turn = await handleChatTurn(
        { body: { sessionId, message: { id: randomUUID(), role: "user", parts: [{ type: "text", text }] } }, ip: "198.51.100.77" },
        { log: logger },
      );
      if (!turn.ok) throw new Error(`turn refused: ${turn.message}`);
      return turn;
    };

    // The line that makes the package is handoff.created's news, not a message.received.
    await say("Can I talk to a human please?");
    const [created] = await db
      .select()
      .from(handoffs)
      .where(eq(handoffs.conversationId, chatConversationId(sessionId)));
    expect(created).toBeDefined();
    const queued = (await db.update(handoffs).set({ ownerId: null, teamId }).where(eq(handoffs.id, created!.id)).returning())[0]!;
    await changeHandoffStatus({ actor: manager, handoffId: queued.id, expectedVersion: queued.version, input: { command: "accept" } });

    const line = `Please charge my card ${sensitiveValues.card}, expiry 09/29, for the pilot.`;
    await say(line);
    await waitFor("the chat line at the receiver", () => r.accepted().length >= 1);
    const hit = r.accepted()[0]!;
    const body = new Webhook(secret).verify(hit.body, hit.headers as Record<string, string>) as {
      type: string;
      data: { handoff: { id: string; status: string }; event: { data: { channel: string; text: string; messageId: string } } };
    };
    expect(body.type).toBe("message.received");
    expect(body.data.handoff).toMatchObject({ id: created!.id, status: "accepted" });
    expect(body.data.event.data).toMatchObject({ channel: "chat", messageId: expect.any(String) });
    expect(body.data.event.data.text).toContain("for the pilot");
    // Masked before it was stored, so masked in what leaves Baton: nowhere in the signed body, separators or not.
    expect(joined(hit.body)).not.toContain(joined(sensitiveValues.card));
    expect(body.data.event.data.text).not.toBe(line);
    expect(r.accepted()).toHaveLength(1);
  });
});
