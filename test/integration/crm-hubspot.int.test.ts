import { spawn } from "node:child_process";
import { eq, sql as dsql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { databaseUrl, db } from "@/db";
import { crmMappings, handoffs } from "@/db/schema";
import type { Actor } from "@/lib/auth/guard";
import { createCrmAdapter } from "@/lib/crm/create-adapter";
import { handleCrmSyncJob, type CrmSyncJobDeps } from "@/lib/crm/handle-crm-sync-job";
import { createHubSpotAdapter } from "@/lib/crm/hubspot/adapter";
import { resetEnvCache } from "@/lib/env";
import { changeHandoffStatus } from "@/lib/handoffs/change-handoff";
import { getBoss } from "@/lib/jobs/boss";
import { logger } from "@/lib/logger";
import { startHubSpotStandIn, type HubSpotStandIn, type StandInOptions } from "../stand-ins/hubspot";
import { formIntake } from "../support/crm-intake";
import { crmJobStates, discardPendingCrmJobs, startCrmQueueWorker, waitForCrmQueue } from "../support/crm-queue-worker";
import { createTeam, createUser } from "../support/factories";
import { pgArray } from "../support/pg-array";
import { waitFor } from "../support/wait-for";

let teamId: string;
let rep: Actor;
let send: Awaited<ReturnType<typeof formIntake>>;
let portalSeq = 5_000_000;
const cleanup: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  teamId = (await createTeam())!.id;
  rep = await createUser({ role: "rep", teamId });
  send = await formIntake(teamId);
  await discardPendingCrmJobs();
});

afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

/** A fresh portal (its own id, so mappings never carry over) and a queue worker syncing into it. */
async function portal(options: StandInOptions & { batchSize?: number; rateLimit?: { max: number; windowMs: number } } = {}) {
  const hub = await startHubSpotStandIn({ portalId: ++portalSeq, owners: [{ id: "9001", email: rep.email, firstName: "Rep", lastName: "One" }], ...options });
  cleanup.push(() => hub.close());
  const deps = (deadLetter: CrmSyncJobDeps["deadLetter"]): CrmSyncJobDeps => ({
    adapter: createHubSpotAdapter({
      baseUrl: hub.baseUrl,
      token: hub.token,
      rateLimit: options.rateLimit ?? { max: 100, windowMs: 10_000 },
      timeoutMs: 5_000,
      backoffBaseMs: 100,
    }),
    appUrl: "http://127.0.0.1:3000",
    log: logger,
    deadLetter,
  });
  return { hub, deps };
}

async function work(deps: (deadLetter: CrmSyncJobDeps["deadLetter"]) => CrmSyncJobDeps, batchSize = 50) {
  const worker = await startCrmQueueWorker({
    deps: (boss) => deps(async (payload, failure) => void (await boss.send("crm-sync-dead", { ...(payload as object), error: failure }))),
    batchSize,
  });
  cleanup.push(() => worker.stop());
  return worker;
}

function assocTypes(hub: HubSpotStandIn, type: string, id: string) {
  return hub
    .associationsOf(type, id)
    .map((a) => `${a.fromType}>${a.toType}:${a.typeId}`)
    .sort();
}

function expectUnique(values: (string | null | undefined)[]) {
  expect(new Set(values).size).toBe(values.length);
}

describe("crm-sync into HubSpot (stand-in)", () => {
  it("a handoff creates contact, company, note and task, all associated; status changes move them and converting wins the deal", async () => {
    const { hub, deps } = await portal();
    const worker = await work(deps);
    const handoffId = await send({ externalId: "hs-1", email: "ines@harbourline.io" });
    await waitForCrmQueue(worker.boss);

    const [contact] = hub.records("contacts");
    expect(hub.records("contacts")).toHaveLength(1);
    expect(contact!.properties).toMatchObject({
      email: "ines@harbourline.io",
      firstname: "Ines",
      lastname: "Marsh",
      company: "Harbourline",
      hs_lead_status: "NEW",
      baton_source: expect.stringContaining("Sales audit"),
    });
    const [company] = hub.records("companies");
    expect(company!.properties).toMatchObject({ name: "Harbourline", domain: "harbourline.io" });
    const [note] = hub.records("notes");
    expect(note!.properties.hs_note_body).toContain("<p><strong>Summary</strong></p>");
    const [task] = hub.records("tasks");
    const [row] = await db.select().from(handoffs).where(eq(handoffs.id, handoffId));
    expect(task!.properties).toMatchObject({
      hs_timestamp: row!.slaDueAt.toISOString(),
      hs_task_status: "NOT_STARTED",
      hs_task_priority: row!.priority === "immediate" ? "HIGH" : expect.any(String),
    });
    // A quote request with a good fit is real sales intent: the deal opens as qualified.
    expect(hub.records("deals").map((d) => d.properties.dealstage)).toEqual(["qualifiedtobuy"]);
    expect(assocTypes(hub, "contacts", contact!.id)).toEqual(["contacts>companies:279", "deals>contacts:3", "notes>contacts:202", "tasks>contacts:204"]);
    expect(assocTypes(hub, "notes", note!.id)).toEqual(["notes>companies:190", "notes>contacts:202", "notes>deals:214"]);
    expect(row!.package.traceability.crmRecord).toBe(`https://app.hubspot.com/contacts/${hub.portalId}/record/0-1/${contact!.id}`);

    const accepted = await changeHandoffStatus({ actor: rep, handoffId, expectedVersion: row!.version, input: { command: "accept" } });
    await waitForCrmQueue(worker.boss);
    expect(hub.records("tasks")[0]!.properties.hubspot_owner_id).toBe("9001");
    expect(hub.records("contacts")[0]!.properties).toMatchObject({ hs_lead_status: "IN_PROGRESS", hubspot_owner_id: "9001" });

    await changeHandoffStatus({
      actor: rep,
      handoffId,
      expectedVersion: accepted.version,
      input: { command: "convert", valueAmount: 24000, valueCurrency: "EUR", meetingBooked: true },
    });
    await waitForCrmQueue(worker.boss);
    const [deal] = hub.records("deals");
    expect(hub.records("deals")).toHaveLength(1);
    expect(deal!.properties).toMatchObject({ dealstage: "closedwon", pipeline: "default", amount: "24000", hubspot_owner_id: "9001" });
    expect(assocTypes(hub, "deals", deal!.id)).toEqual(["deals>companies:341", "deals>contacts:3", "notes>deals:214", "tasks>deals:216"]);
    expect(hub.records("tasks")[0]!.properties.hs_task_status).toBe("COMPLETED");
    expect(hub.records("contacts")[0]!.properties.lifecyclestage).toBe("customer");

    // The same job again, twice at once: HubSpot still holds one of each.
    const direct = deps(async () => {});
    await Promise.all([handleCrmSyncJob({ handoffId }, direct), handleCrmSyncJob({ handoffId }, direct)]);
    for (const type of ["contacts", "companies", "notes", "tasks", "deals"]) expect(hub.records(type)).toHaveLength(1);
  });

  it("a qualified lead opens a deal; discarding it marks the deal lost", async () => {
    const { hub, deps } = await portal();
    const worker = await work(deps);
    const handoffId = await send({ externalId: "hs-2", email: "olga@fjordlabs.io", company: "Fjord Labs" });
    await waitForCrmQueue(worker.boss);
    expect(hub.records("deals").map((d) => d.properties.dealstage)).toEqual(["qualifiedtobuy"]);
    const [row] = await db.select().from(handoffs).where(eq(handoffs.id, handoffId));
    await changeHandoffStatus({ actor: rep, handoffId, expectedVersion: row!.version, input: { command: "discard", reason: "no_budget" } });
    await waitForCrmQueue(worker.boss);
    expect(hub.records("deals").map((d) => d.properties.dealstage)).toEqual(["closedlost"]);
    expect(hub.records("contacts")[0]!.properties.hs_lead_status).toBe("UNQUALIFIED");
  });

  it("a payload HubSpot refuses (400) goes to the dead-letter list with HubSpot's message, at once; the rest of its batch goes through", async () => {
    const { hub, deps } = await portal();
    const good = await send({ externalId: "hs-3a", email: "maria@nordvik.io", company: "Nordvik" });
    const bad = await send({ externalId: "hs-3b", email: "pablo@kestrel.io", company: "Kestrel" });
    // What HubSpot refuses and our intake did not: an email HubSpot does not take as valid.
    await db.execute(dsql`update ${handoffs} set package = jsonb_set(package, '{identification,email}', '"pablo@kestrel"') where id = ${bad}`);
    const worker = await work(deps);
    await waitForCrmQueue(worker.boss);

    const { dead, states } = await crmJobStates(worker.boss);
    const refused = dead.find((d) => d.handoffId === bad) as { error: { message: string; category: string; correlationId: string; status: number } };
    expect(refused.error).toMatchObject({
      status: 400,
      category: "VALIDATION_ERROR",
      message: expect.stringContaining("Email address pablo@kestrel is invalid"),
      correlationId: expect.any(String),
    });
    expect(dead.some((d) => d.handoffId === good)).toBe(false);
    expect(states.find((s) => s.name === "crm-sync" && s.state === "retry")).toBeUndefined();
    expect(hub.records("contacts").map((c) => c.properties.email)).toEqual(["maria@nordvik.io"]);
    expect(hub.records("notes")).toHaveLength(1);
  });

  it("rides out a storm of 429s within the portal's limit: waits as HubSpot says, sends nothing over the limit, loses nothing", async () => {
    // The portal allows 12 requests per 2 s, although we were configured for 100 per 10 s.
    const { hub, deps } = await portal({ rateLimit: { max: 12, windowMs: 2_000 } });
    hub.setRateLimit({ max: 12, windowMs: 2_000 });
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await send({ externalId: `hs-4-${i}`, email: `lead${i}@storm${i}.io`, company: `Storm ${i}` }));
    hub.force429(5);
    const worker = await work(deps, 2);
    await waitForCrmQueue(worker.boss);

    expect(hub.stats.rateLimited).toBe(5);
    expect(hub.stats.overLimit).toBe(0);
    // After every 429 the next request waited for Retry-After (1 s).
    hub.requests.forEach((r, i) => {
      if (r.status === 429 && hub.requests[i + 1]) expect(hub.requests[i + 1]!.at - r.at).toBeGreaterThanOrEqual(950);
    });
    expect(hub.records("contacts")).toHaveLength(6);
    expect(hub.records("notes")).toHaveLength(6);
    expectUnique(hub.records("notes").map((n) => n.properties.baton_key));
    expect((await crmJobStates(worker.boss)).dead.filter((d) => ids.includes(d.handoffId as string))).toEqual([]);
  });

  it("500 intakes during a HubSpot outage that every sync runs into all reach it after recovery, with zero duplicates", { timeout: 300_000 }, async () => {
    const { hub, deps } = await portal();
    hub.setOutage(503);
    const worker = await work(deps, 100);
    const ids: string[] = [];
    for (let i = 0; i < 500; i += 25) {
      ids.push(
        ...(await Promise.all(
          Array.from({ length: 25 }, (_, j) =>
            send({ externalId: `hs-5-${i + j}`, email: `buyer${i + j}@outage${(i + j) % 40}.io`, company: `Outage ${(i + j) % 40}` }),
          ),
        )),
      );
    }
    // The outage lasts until every sync has met it (failed once and waits for its retry), not a fixed 30 s.
    await waitFor(
      "every sync to fail against the outage",
      async () => {
        const [row] = await db.execute<{ n: number }>(
          dsql`select count(*)::int as n from pgboss.job where name = 'crm-sync' and data->>'handoffId' = any(${pgArray(ids)}::text[]) and (retry_count >= 1 or state = 'retry')`,
        );
        return Number(row!.n) === ids.length;
      },
      120_000,
      250,
    );
    expect(hub.records("contacts")).toHaveLength(0);
    hub.setOutage(null);
    await waitForCrmQueue(worker.boss, 240_000);

    expect(hub.records("contacts")).toHaveLength(500);
    expect(hub.records("companies")).toHaveLength(40);
    expect(hub.records("notes")).toHaveLength(500);
    expect(hub.records("tasks")).toHaveLength(500);
    expectUnique(hub.records("contacts").map((c) => c.properties.email));
    expectUnique(hub.records("companies").map((c) => c.properties.domain));
    expectUnique(hub.records("notes").map((n) => n.properties.baton_key));
    expect(hub.stats.overLimit).toBe(0);
    expect((await crmJobStates(worker.boss)).dead.filter((d) => ids.includes(d.handoffId as string))).toEqual([]);
  });

  it(
    "a worker SIGKILLed mid-batch, after HubSpot created the notes but before it heard back, leaves no duplicate once restarted",
    { timeout: 180_000 },
    async () => {
      // Jobs of a killed worker come back when they expire; 15 minutes in production, seconds here.
      const boss = await getBoss(databaseUrl());
      await boss.updateQueue("crm-sync", { expireInSeconds: 3 });
      cleanup.push(() => boss.updateQueue("crm-sync", { expireInSeconds: 900 }));

      let child: ReturnType<typeof spawn> | null = null;
      let killedAt: { notes: number } | null = null;
      const { hub, deps } = await portal({
        beforeRespond: async ({ path }) => {
          if (child && !killedAt && path === "/crm/v3/objects/notes/batch/create") {
            killedAt = { notes: hub.records("notes").length };
            const exited = new Promise((r) => child!.once("exit", r));
            child.kill("SIGKILL");
            await exited;
          }
        },
      });
      for (let i = 0; i < 30; i++) await send({ externalId: `hs-6-${i}`, email: `kill${i}@crash${i % 5}.io`, company: `Crash ${i % 5}` });

      child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "test/support/crm-worker-process.ts"], {
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl(),
          CRM_ADAPTER: "hubspot",
          HUBSPOT_API_URL: hub.baseUrl,
          HUBSPOT_ACCESS_TOKEN: hub.token,
          LOG_LEVEL: "error",
        },
        stdio: ["ignore", "pipe", "inherit"],
      });
      const exit = new Promise<void>((resolve) => child!.once("exit", () => resolve()));
      await exit;
      expect(killedAt).toEqual({ notes: 30 });
      const inFlight = await db
        .select()
        .from(crmMappings)
        .where(dsql`${crmMappings.adapter} = 'hubspot' and ${crmMappings.portal} = ${String(hub.portalId)} and ${crmMappings.kind} = 'note'`);
      expect(inFlight.filter((m) => m.crmId === null)).toHaveLength(30);

      resetEnvCache();
      const worker = await work(deps, 100);
      await waitForCrmQueue(worker.boss, 120_000);
      expect(hub.records("notes")).toHaveLength(30);
      expect(hub.records("tasks")).toHaveLength(30);
      expect(hub.records("contacts")).toHaveLength(30);
      expect(hub.records("companies")).toHaveLength(5);
      expectUnique(hub.records("notes").map((n) => n.properties.baton_key));
      const notes = await db
        .select()
        .from(crmMappings)
        .where(dsql`${crmMappings.adapter} = 'hubspot' and ${crmMappings.portal} = ${String(hub.portalId)} and ${crmMappings.kind} = 'note'`);
      expect(notes.every((m) => m.crmId !== null)).toBe(true);
      expect(hub.associations.filter((a) => a.fromType === "notes" && a.toType === "contacts")).toHaveLength(30);
    },
  );

  it("a job that keeps failing (HubSpot down for good) is retried, then dead-lettered with its payload", { timeout: 60_000 }, async () => {
    // Production retries 8 times over many minutes; the same mechanism, shortened for the test.
    const boss = await getBoss(databaseUrl());
    await boss.updateQueue("crm-sync", { retryLimit: 2, retryDelay: 1, retryBackoff: false });
    cleanup.push(() => boss.updateQueue("crm-sync", { retryLimit: 8, retryDelay: 5, retryBackoff: true }));
    const { hub, deps } = await portal();
    hub.setOutage(502);
    const handoffId = await send({ externalId: "hs-7", email: "down@forever.io", company: "Forever" });
    const worker = await work(deps);
    await waitForCrmQueue(worker.boss, 45_000);

    const { dead } = await crmJobStates(worker.boss);
    expect(dead.filter((d) => d.handoffId === handoffId)).toEqual([{ handoffId }]);
    const attempts = await db.execute<{ retry_count: number; state: string }>(
      dsql`select retry_count, state from pgboss.job where name = 'crm-sync' and data->>'handoffId' = ${handoffId}`,
    );
    expect([...attempts]).toEqual([{ retry_count: 2, state: "failed" }]);
    expect(hub.records("contacts")).toHaveLength(0);
  });

  it("CRM_ADAPTER=hubspot selects HubSpot from the environment, and refuses to start without a token", async () => {
    const { hub } = await portal();
    process.env.CRM_ADAPTER = "hubspot";
    process.env.HUBSPOT_API_URL = hub.baseUrl;
    resetEnvCache();
    cleanup.push(async () => {
      delete process.env.CRM_ADAPTER;
      delete process.env.HUBSPOT_API_URL;
      delete process.env.HUBSPOT_ACCESS_TOKEN;
      resetEnvCache();
    });
    expect(() => createCrmAdapter()).toThrow("HUBSPOT_ACCESS_TOKEN: required when CRM_ADAPTER=hubspot");
    process.env.HUBSPOT_ACCESS_TOKEN = hub.token;
    resetEnvCache();
    const adapter = createCrmAdapter();
    expect(adapter.name).toBe("hubspot");
    expect(await adapter.portal()).toBe(String(hub.portalId));
  });
});
