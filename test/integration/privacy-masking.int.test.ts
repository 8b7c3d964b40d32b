import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, databaseUrl } from "@/db";
import { insertApiKey } from "@/db/queries/intake";
import { apiKeys, handoffs } from "@/db/schema";
import { CHAT_WIDGET_KEY_NAME } from "@/lib/chat/chat-widget-key";
import { handleChatTurn } from "@/lib/chat/handle-chat-turn";
import { createHubSpotAdapter } from "@/lib/crm/hubspot/adapter";
import { resetEnvCache } from "@/lib/env";
import { generateApiKey } from "@/lib/intake/credentials";
import { handleIntake } from "@/lib/intake/handle-intake";
import { stopBoss } from "@/lib/jobs/boss";
import { jobHandlers } from "@/lib/jobs/handlers";
import { startWorker } from "@/lib/jobs/worker";
import { logger } from "@/lib/logger";
import { startHubSpotStandIn, type HubSpotStandIn } from "../stand-ins/hubspot";
import { startSlackStandIn, type SlackStandIn } from "../stand-ins/slack";
import { startSmtpStandIn, type SmtpStandIn } from "../stand-ins/smtp";
import { discardPendingCrmJobs, startCrmQueueWorker, waitForCrmQueue } from "../support/crm-queue-worker";
import { createTeam, createUser } from "../support/factories";
import { sensitiveValues as v, sensitiveValuesInDatabase, valuesIn } from "../support/sensitive-values";
import { waitFor } from "../support/wait-for";

let slack: SlackStandIn;
let smtp: SmtpStandIn;
let hub: HubSpotStandIn;
let intakeKey: string;
const logged: string[] = [];
const realWrite = process.stderr.write.bind(process.stderr);

beforeAll(async () => {
  // Every log line the app writes during this file, at every level.
  process.env.LOG_LEVEL = "debug";
  resetEnvCache();
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    logged.push(String(chunk));
    return (realWrite as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stderr.write;

  [slack, smtp] = await Promise.all([startSlackStandIn(), startSmtpStandIn()]);
  const team = await createTeam(`Privacy ${randomUUID().slice(0, 6)}`);
  const rep = await createUser({ role: "rep", teamId: team!.id, name: "Priya Rep" });
  await createUser({ role: "manager", teamId: team!.id, name: "Mara Manager" });
  hub = await startHubSpotStandIn({ portalId: 7_700_001, owners: [{ id: "9001", email: rep.email, firstName: "Priya", lastName: "Rep" }] });
  const key = generateApiKey();
  await insertApiKey({ name: `Forms ${team!.name}`, prefix: key.prefix, keyHash: key.hash, teamId: team!.id });
  intakeKey = key.key;
  await db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.name, CHAT_WIDGET_KEY_NAME));
  const chatKey = generateApiKey();
  await insertApiKey({ name: CHAT_WIDGET_KEY_NAME, prefix: chatKey.prefix, keyHash: chatKey.hash, teamId: team!.id });
  await discardPendingCrmJobs();
});

afterAll(async () => {
  process.stderr.write = realWrite;
  delete process.env.LOG_LEVEL;
  resetEnvCache();
  await stopBoss();
  await Promise.all([slack.close(), smtp.close(), hub.close()]);
});

const lead = (externalId: string, message: string, extra: Record<string, unknown> = {}) => ({
  externalId,
  channel: "form",
  receivedAt: "2026-11-20T10:15:00Z",
  source: { url: "https://example.com/contact", formId: "contact" },
  fields: [
    { name: "firstname", value: "Marta" },
    { name: "lastname", value: "Vidal" },
    { name: "email", value: `marta+${externalId}@northwind.es` },
    { name: "company", value: "Northwind" },
    { name: "message", value: message },
  ],
  ...extra,
});

// The leads: a card number, a password, an API token, an IBAN and a DNI, and the rest of the kinds.
const leads = [
  lead("pv-card", `We need our HubSpot forms qualified. For the invoice, charge ${v.card}, or the Amex ${v.amex}.`, {
    proposedActions: [
      { type: "send_email", params: { to: "marta@northwind.es", subject: "Invoice", body: `We will charge ${v.card}.` }, reason: "confirm the invoice" },
    ],
  }),
  lead("pv-password", `Please connect our CRM. Our HubSpot admin password: ${v.password} (the user is marta).`),
  lead("pv-token", `Automate our sales follow-ups; here is our OpenAI key ${v.openAiKey} and GitHub ${v.githubToken}, AWS ${v.awsKey}.`, {
    notes: { deploy: v.awsKey },
  }),
  lead("pv-iban", `Queremos automatizar el seguimiento comercial. Domiciliad la factura en ${v.iban}.`),
  lead(
    "pv-dni",
    `Necesitamos calificar leads del formulario. Mi DNI es ${v.dni}, el NIE de mi socio ${v.nie} y el SSN de nuestro socio de EE. UU. ${v.ssn}; la contraseña es ${v.contraseña}.`,
  ),
];

async function send(body: unknown) {
  const reply = await handleIntake({ headers: new Headers({ authorization: `Bearer ${intakeKey}` }), body: JSON.stringify(body) }, { log: logger });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body as { handoffId: string; decision: string; reasons: string[]; package: unknown };
}

describe("sensitive values the lead shares, through the intake API and the chat", () => {
  it("are masked before anything is stored or sent: the database, Slack, email, HubSpot and the logs never see them", async () => {
    const handoffIds: string[] = [];
    for (const body of leads) {
      const reply = await send(body);
      expect(reply).toMatchObject({ decision: "escalate" });
      expect(reply.reasons).toContain("risk");
      expect(valuesIn(JSON.stringify(reply))).toEqual([]);
      handoffIds.push(reply.handoffId);
    }
    const [card] = await db.select().from(handoffs).where(eq(handoffs.id, handoffIds[0]!));
    const risk = card!.package.reasons.find((r) => r.code === "risk")!;
    expect(risk.evidence).toContain("the lead shared a card number ending 1111");

    // The chat: one lead writes each value in a turn; the agent says it removed it, in their language.
    const sessionId = randomUUID();
    const say = async (text: string) => {
      const turn = await handleChatTurn(
        { body: { sessionId, message: { role: "user", parts: [{ type: "text", text }] } }, ip: "198.51.100.77" },
        { log: logger },
      );
      if (!turn.ok) throw new Error(turn.message);
      return turn;
    };
    const first = await say(
      `Hola, soy Lucía de Hoteles Mar (lucia@hotelesmar.es). Queremos calificar los leads de nuestros formularios. Mi tarjeta es ${v.card}.`,
    );
    expect(first.reply.text).toMatch(/^He eliminado el número de tarjeta que enviaste/);
    expect(first.reply.kind).toBe("escalate");
    handoffIds.push(first.handoffId!);
    for (const text of [`la contraseña de HubSpot: ${v.password}`, `el token ${v.githubToken}`, `IBAN ${v.iban}`, `mi DNI ${v.dni}`]) {
      expect((await say(text)).reply.text).toMatch(/^He eliminado/);
    }

    // Notifications (Slack, email) and the CRM sync (HubSpot) run as the worker runs them.
    const notifySettings = {
      appUrl: "http://127.0.0.1:3999",
      slack: { webhookUrl: slack.webhookUrl, apiUrl: slack.apiUrl },
      smtp: { url: smtp.url, from: "Baton <baton@baton.test>" },
    };
    const worker = await startWorker({
      databaseUrl: databaseUrl(),
      handlers: jobHandlers({ notify: notifySettings, only: ["notify"] }),
      log: logger,
      pollSeconds: 0.5,
      superviseSeconds: 2,
      slaCheckCron: null,
    });
    const crm = await startCrmQueueWorker({
      deps: () => ({
        adapter: createHubSpotAdapter({
          baseUrl: hub.baseUrl,
          token: hub.token,
          rateLimit: { max: 100, windowMs: 10_000 },
          timeoutMs: 5_000,
          backoffBaseMs: 100,
        }),
        appUrl: "http://127.0.0.1:3999",
        log: logger,
        deadLetter: async () => {},
      }),
    });
    try {
      for (const id of handoffIds) {
        await waitFor(`the Slack message for ${id}`, () => slack.messages.some((m) => JSON.stringify(m).includes(id)));
        await waitFor(`the email for ${id}`, () => smtp.messages.some((m) => m.text.includes(id)));
      }
      await waitForCrmQueue(crm.boss);
    } finally {
      await worker.stop();
      await crm.stop();
    }

    expect(hub.requests.some((r) => JSON.stringify(r.body).includes("the lead shared a card number ending 1111"))).toBe(true);
    expect(valuesIn(JSON.stringify(slack.messages))).toEqual([]);
    expect(valuesIn(JSON.stringify(smtp.messages))).toEqual([]);
    expect(valuesIn(JSON.stringify(hub.requests))).toEqual([]);
    expect(await sensitiveValuesInDatabase()).toEqual([]);
    expect(logged.length).toBeGreaterThan(0);
    expect(valuesIn(logged.join(""))).toEqual([]);
  });
});
