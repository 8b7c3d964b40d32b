import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { eq, inArray, sql as dsql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as connectionActions from "@/app/(console)/admin/connections/actions";
import * as crmActions from "@/app/(console)/admin/connections/crm-actions";
import { databaseUrl, db } from "@/db";
import { listDeadLetters } from "@/db/queries/jobs";
import { connectionSettings, crmMappings, handoffs } from "@/db/schema";
import { actionDefinitionOf, runAction } from "@/lib/action";
import { authorizeUser, type Actor } from "@/lib/auth/guard";
import { configuredCrmAdapter } from "@/lib/connections/configured-crm-adapter";
import { handleCrmSyncJob, type CrmSyncJobDeps } from "@/lib/crm/handle-crm-sync-job";
import { previewCrmSync } from "@/lib/crm/preview-sync";
import { createSalesforceAdapter } from "@/lib/crm/salesforce/adapter";
import { defaultSalesforceSettings } from "@/lib/crm/salesforce/fields";
import type { LimitGovernorOptions } from "@/lib/crm/salesforce/limit-governor";
import { resetEnvCache } from "@/lib/env";
import { changeHandoffStatus } from "@/lib/handoffs/change-handoff";
import { getBoss } from "@/lib/jobs/boss";
import { logger } from "@/lib/logger";
import { startSalesforceStandIn, type SalesforceStandIn, type SalesforceStandInOptions, type SfRecord } from "../stand-ins/salesforce";
import { formIntake } from "../support/crm-intake";
import { crmJobStates, discardPendingCrmJobs, startCrmQueueWorker, waitForCrmQueue } from "../support/crm-queue-worker";
import { createTeam, createUser } from "../support/factories";
import { pgArray } from "../support/pg-array";
import { waitFor } from "../support/wait-for";

const INFORMATION = "Could you send me some general information about what your company does? Just reading up for now, nothing planned.";

let teamId: string;
let rep: Actor;
let send: Awaited<ReturnType<typeof formIntake>>;
const cleanup: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  teamId = (await createTeam())!.id;
  rep = await createUser({ role: "rep", teamId });
  send = await formIntake(teamId);
  await discardPendingCrmJobs();
});

afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
  // Jobs of handoffs a test synced directly must not sync into the next test's org.
  await discardPendingCrmJobs();
});

/** A fresh org (its own id, so mappings never carry over) and the deps of a worker syncing into it. */
async function org(options: SalesforceStandInOptions & { limits?: LimitGovernorOptions } = {}) {
  const sf = await startSalesforceStandIn({ users: [{ id: "005000000000777AAA", email: rep.email, name: "Rep One" }], ...options });
  cleanup.push(() => sf.close());
  const adapter = () =>
    createSalesforceAdapter({
      instanceUrl: sf.baseUrl,
      clientId: sf.clientId,
      clientSecret: sf.clientSecret,
      apiVersion: "67.0",
      timeoutMs: 5_000,
      backoffBaseMs: 100,
      settings: defaultSalesforceSettings,
      limits: options.limits,
    });
  const shared = adapter();
  const deps = (deadLetter: CrmSyncJobDeps["deadLetter"]): CrmSyncJobDeps => ({ adapter: shared, appUrl: "http://127.0.0.1:3000", log: logger, deadLetter });
  return { sf, deps, adapter };
}

async function work(deps: (deadLetter: CrmSyncJobDeps["deadLetter"]) => CrmSyncJobDeps, batchSize = 50) {
  const worker = await startCrmQueueWorker({
    deps: (boss) => deps(async (payload, failure) => void (await boss.send("crm-sync-dead", { ...(payload as object), error: failure }))),
    batchSize,
  });
  cleanup.push(() => worker.stop());
  return worker;
}

function linksOf(sf: SalesforceStandIn, noteId: string): string[] {
  return sf
    .records("ContentDocumentLink")
    .filter((l) => l.ContentDocumentId === noteId)
    .map((l) => String(l.LinkedEntityId))
    .sort();
}

function expectUnique(values: unknown[]) {
  expect(new Set(values).size).toBe(values.length);
}

function keysSentIn(sf: SalesforceStandIn, filter: (r: { method: string; path: string; status: number }) => boolean): string[] {
  return sf.requests
    .filter(filter)
    .flatMap((r) =>
      ((r.body as { records?: Record<string, unknown>[] } | null)?.records ?? []).map(
        (rec) => `${String((rec.attributes as { type: string }).type)} ${String(rec.Baton_Key__c ?? rec.Title)}`,
      ),
    );
}

async function handoffRow(id: string) {
  const [row] = await db.select().from(handoffs).where(eq(handoffs.id, id));
  return row!;
}

describe("crm-sync into Salesforce (stand-in)", () => {
  it("a lead without sales intent becomes a Lead with its company on it and the package as a note linked to it; no Account, Contact or Opportunity", async () => {
    const { sf, deps } = await org();
    const worker = await work(deps);
    const handoffId = await send({ externalId: "sf-1", email: "nora@quietfield.io", company: "Quietfield", name: ["Nora", "Vale"], message: INFORMATION });
    await waitForCrmQueue(worker.boss);

    expect((await handoffRow(handoffId)).package.intent).toBe("information");
    const leads = sf.records("Lead");
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({
      Email: "nora@quietfield.io",
      FirstName: "Nora",
      LastName: "Vale",
      Company: "Quietfield",
      Status: "Open - Not Contacted",
      Baton_Key__c: "email:nora@quietfield.io",
      Baton_Status__c: "pending",
      Baton_Package_URL__c: `http://127.0.0.1:3000/handoffs/${handoffId}`,
    });
    for (const type of ["Contact", "Account", "Opportunity"]) expect(sf.records(type)).toHaveLength(0);
    const [note] = sf.records("ContentNote");
    expect(sf.noteText(note!.Id)).toContain("<p><strong>Summary</strong></p>");
    expect(linksOf(sf, note!.Id)).toEqual([leads[0]!.Id]);
    expect((await handoffRow(handoffId)).package.traceability.crmRecord).toBe(`${sf.baseUrl}/lightning/r/Lead/${leads[0]!.Id}/view`);
  });

  it("a sales-intent lead becomes Contact, Account, Opportunity, Task and note, all linked; accepting gives the task its owner; converting wins the opportunity with its amount", async () => {
    const { sf, deps } = await org();
    const worker = await work(deps);
    const handoffId = await send({ externalId: "sf-2", email: "ines@harbourline.io" });
    await waitForCrmQueue(worker.boss);

    expect(sf.records("Lead")).toHaveLength(0);
    const [contact] = sf.records("Contact");
    const [account] = sf.records("Account");
    const [opportunity] = sf.records("Opportunity");
    const [task] = sf.records("Task");
    const [note] = sf.records("ContentNote");
    for (const type of ["Contact", "Account", "Opportunity", "Task", "ContentNote"]) expect(sf.records(type)).toHaveLength(1);
    expect(contact).toMatchObject({ Email: "ines@harbourline.io", LastName: "Marsh", AccountId: account!.Id, Baton_Status__c: "pending" });
    expect(account).toMatchObject({ Name: "Harbourline", Website: "harbourline.io", Baton_Key__c: "domain:harbourline.io" });
    const row = await handoffRow(handoffId);
    expect(opportunity).toMatchObject({
      StageName: "Qualification",
      AccountId: account!.Id,
      IsWon: false,
      CloseDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expect(sf.records("OpportunityContactRole")).toEqual([expect.objectContaining({ OpportunityId: opportunity!.Id, ContactId: contact!.Id })]);
    expect(task).toMatchObject({
      WhoId: contact!.Id,
      WhatId: opportunity!.Id,
      ActivityDate: row.slaDueAt.toISOString().slice(0, 10),
      ReminderDateTime: row.slaDueAt.toISOString(),
      Status: "Not Started",
    });
    expect(linksOf(sf, note!.Id)).toEqual([account!.Id, contact!.Id, opportunity!.Id].sort());

    const accepted = await changeHandoffStatus({ actor: rep, handoffId, expectedVersion: row.version, input: { command: "accept" } });
    await waitForCrmQueue(worker.boss);
    expect(sf.records("Task")[0]).toMatchObject({ OwnerId: "005000000000777AAA" });
    expect(sf.records("Contact")[0]).toMatchObject({ OwnerId: "005000000000777AAA", Baton_Status__c: "accepted" });

    await changeHandoffStatus({
      actor: rep,
      handoffId,
      expectedVersion: accepted.version,
      input: { command: "convert", valueAmount: 24000, valueCurrency: "EUR", meetingBooked: true },
    });
    await waitForCrmQueue(worker.boss);
    expect(sf.records("Opportunity")).toHaveLength(1);
    const closedAt = (await handoffRow(handoffId)).closedAt!;
    expect(sf.records("Opportunity")[0]).toMatchObject({
      StageName: "Closed Won",
      IsWon: true,
      Amount: 24000,
      CloseDate: closedAt.toISOString().slice(0, 10),
      Baton_Status__c: "won: 24000 EUR",
    });
    expect(sf.records("Task")[0]).toMatchObject({ Status: "Completed" });

    // The same job again, twice at once: the org still holds one of each, and one link of each.
    const direct = deps(async () => {});
    await Promise.all([handleCrmSyncJob({ handoffId }, direct), handleCrmSyncJob({ handoffId }, direct)]);
    for (const type of ["Contact", "Account", "Opportunity", "Task", "ContentNote", "OpportunityContactRole"]) expect(sf.records(type)).toHaveLength(1);
    expect(sf.records("ContentDocumentLink")).toHaveLength(3);
  });

  it("a task whose owner is no Salesforce user goes to the integration user, with the owner's name in its subject", async () => {
    const { sf, deps } = await org({ users: [] });
    const direct = deps(async () => {});
    const handoffId = await send({ externalId: "sf-2b", email: "lena@ownerless.io", company: "Ownerless" });
    const row = await handoffRow(handoffId);
    await changeHandoffStatus({ actor: rep, handoffId, expectedVersion: row.version, input: { command: "accept" } });
    await handleCrmSyncJob({ handoffId }, direct);
    expect(sf.records("Task")).toHaveLength(1);
    expect(sf.records("Task")[0]).toMatchObject({ OwnerId: sf.integrationUser.id, Subject: expect.stringContaining(`(for ${rep.email})`) });
    expect(sf.records("Contact")[0]!.OwnerId).toBeUndefined();
  });

  it("finds a contact entered by hand by its email and an account by its domain, instead of making new ones", async () => {
    const { sf, deps } = await org();
    const direct = deps(async () => {});
    // Typed into Salesforce before Baton: no Baton key on them.
    const seeded = await seed(sf, [
      { attributes: { type: "Account" }, Name: "Fjord Labs AS", Website: "https://www.fjordlabs.io/" },
      { attributes: { type: "Contact" }, LastName: "Berg", Email: "olga@fjordlabs.io" },
    ]);
    const handoffId = await send({ externalId: "sf-3", email: "olga@fjordlabs.io", company: "Fjord Labs", name: ["Olga", "Berg"] });
    await handleCrmSyncJob({ handoffId }, direct);
    expect(sf.records("Account").map((a) => a.Id)).toEqual([seeded[0]]);
    expect(sf.records("Contact").map((c) => c.Id)).toEqual([seeded[1]]);
    expect(sf.records("Contact")[0]).toMatchObject({ Baton_Key__c: "email:olga@fjordlabs.io", AccountId: seeded[0] });
  });

  it("a record Salesforce refuses (DUPLICATE_VALUE) is dead-lettered at once with Salesforce's message; the rest of its batch goes through", async () => {
    const { sf, deps } = await org();
    const good = await send({ externalId: "sf-4a", email: "maria@nordvik.io", company: "Nordvik" });
    const bad = await send({ externalId: "sf-4b", email: "pablo@kestrel.io", company: "Kestrel" });
    sf.failRecords(
      (type, r) => type === "Contact" && r.Email === "pablo@kestrel.io",
      {
        statusCode: "DUPLICATE_VALUE",
        message: "duplicate value found: Email duplicates value on record with id: 003000000000042AAA",
        fields: ["Email"],
      },
      2,
    );
    const worker = await work(deps);
    await waitForCrmQueue(worker.boss);

    const { dead, states } = await crmJobStates(worker.boss);
    const refused = dead.find((d) => d.handoffId === bad) as { error: { message: string; category: string } };
    expect(refused.error.category).toBe("DUPLICATE_VALUE");
    expect(refused.error.message).toContain("DUPLICATE_VALUE: duplicate value found: Email duplicates value on record with id: 003000000000042AAA (Email)");
    expect(dead.some((d) => d.handoffId === good)).toBe(false);
    expect(states.find((s) => s.name === "crm-sync" && s.state === "retry")).toBeUndefined();
    expect(sf.records("Contact").map((c) => c.Email)).toEqual(["maria@nordvik.io"]);
    // What /admin/jobs and the package show: Salesforce's own words.
    const message = "DUPLICATE_VALUE: duplicate value found: Email duplicates value on record with id: 003000000000042AAA";
    expect((await listDeadLetters()).find((d) => d.data.handoffId === bad)?.error).toContain(message);
    expect((await previewCrmSync({ handoffId: bad }))?.failure?.message).toContain(message);
    expect((await previewCrmSync({ handoffId: good }))?.failure).toBeNull();
    expect(sf.records("ContentNote")).toHaveLength(1);
  });

  it("tells what is missing when the org lacks Baton's custom fields, and sends no record", async () => {
    const { sf, adapter } = await org({
      withoutFields: [
        { object: "Lead", field: "Baton_Priority__c" },
        { object: "Task", field: "Baton_Key__c" },
      ],
    });
    const handoffId = await send({ externalId: "sf-5", email: "zoe@lacking.io", company: "Lacking", message: INFORMATION });
    const failure = handleCrmSyncJob({ handoffId }, { adapter: adapter(), appUrl: "http://127.0.0.1:3000", log: logger, deadLetter: async () => {} });
    await expect(failure).rejects.toThrow(
      /Lead\.Baton_Priority__c \(Text\(20\)\), Task\.Baton_Key__c \(Text\(255\), External ID, Unique\).*Setup → Object Manager/,
    );
    expect(sf.stats.recordsWritten).toBe(0);
  });

  it("an expired session mid-batch is refreshed once and the request repeated; nothing is sent twice", async () => {
    let expired = false;
    const { sf, deps } = await org({
      beforeRespond: async ({ method, path }) => {
        if (!expired && method === "PATCH" && path.endsWith("/composite/sobjects/Contact/Baton_Key__c")) {
          expired = true;
          sf.expireTokens();
        }
      },
    });
    for (let i = 0; i < 5; i++) await send({ externalId: `sf-6-${i}`, email: `lead${i}@expiry${i}.io`, company: `Expiry ${i}` });
    const worker = await work(deps, 10);
    await waitForCrmQueue(worker.boss);

    expect(expired).toBe(true);
    expect(sf.stats.tokenRequests).toBe(2);
    expect(sf.stats.invalidSession).toBe(1);
    for (const type of ["Contact", "Account", "Opportunity", "Task", "ContentNote"]) expect(sf.records(type)).toHaveLength(5);
    // Each record went out in exactly one request Salesforce carried out.
    const writes = keysSentIn(
      sf,
      (r) => r.status === 200 && (r.method === "PATCH" || r.method === "POST") && /composite\/sobjects\/\w+\/Baton_Key__c$/.test(r.path),
    );
    expectUnique(writes);
    const noteCreates = keysSentIn(sf, (r) => r.status === 200 && r.method === "POST" && r.path.endsWith("/composite/sobjects")).filter((k) =>
      k.startsWith("ContentNote "),
    );
    expect(noteCreates).toHaveLength(5);
  });

  it("the limit header slows the sync once the org nears its daily limit, and stops it before the limit: 0 requests over it", { timeout: 60_000 }, async () => {
    const boss = await getBoss(databaseUrl());
    await boss.updateQueue("crm-sync", { retryLimit: 20, retryDelay: 1, retryBackoff: false });
    cleanup.push(() => boss.updateQueue("crm-sync", { retryLimit: 8, retryDelay: 5, retryBackoff: true }));
    const { sf, deps } = await org({ dailyLimit: 10_000, limits: { slowAt: 0.8, stopAt: 0.95, slowIntervalMs: 300, recheckMs: 1_000 } });
    // 85% used: every request waits its turn.
    sf.setUsage(8_500);
    const first = await send({ externalId: "sf-7a", email: "slow@limits.io", company: "Limits" });
    const direct = deps(async () => {});
    await handleCrmSyncJob({ handoffId: first }, direct);
    const api = sf.requests.filter((r) => r.path.startsWith("/services/data/v"));
    expect(api.length).toBeGreaterThan(8);
    // Paced at one request per 300 ms from the sender. Arrival times at the stand-in carry the
    // machine's jitter (one late arrival shortens the next gap), so the pace is read over the whole
    // run: unpaced, these requests come a few milliseconds apart.
    const meanGap = (api.at(-1)!.at - api[0]!.at) / (api.length - 1);
    expect(meanGap).toBeGreaterThanOrEqual(280);

    // A few requests short of the 95% the sync stops at: it stops, retries later, and nothing is over the limit.
    sf.setUsage(9_495);
    const second = await send({ externalId: "sf-7b", email: "stop@limits.io", company: "Stops" });
    const worker = await work(deps);
    await waitFor(
      "the sync to stop at 95%",
      async () => {
        const [row] = await db.execute<{ n: number }>(
          dsql`select count(*)::int as n from pgboss.job where name = 'crm-sync' and data->>'handoffId' = ${second} and retry_count >= 1`,
        );
        return Number(row!.n) === 1;
      },
      20_000,
      100,
    );
    // At most one request a second goes out to see whether the usage dropped, far from the limit.
    expect(sf.usage.used).toBeLessThan(9_600);
    expect(sf.stats.overLimit).toBe(0);
    expect(sf.records("ContentNote")).toHaveLength(1);
    // The 24-hour window moves on: the retry goes through.
    sf.setUsage(2_000);
    await waitForCrmQueue(worker.boss);
    expect(sf.records("ContentNote")).toHaveLength(2);
    expect(sf.stats.overLimit).toBe(0);
  });

  it(
    "intakes during an outage that every sync runs into (5xx, then REQUEST_LIMIT_EXCEEDED) all arrive after recovery, with zero duplicates",
    { timeout: 240_000 },
    async () => {
      const { sf, deps } = await org();
      sf.setOutage(503);
      const worker = await work(deps, 100);
      const ids: string[] = [];
      for (let i = 0; i < 150; i += 25) {
        ids.push(
          ...(await Promise.all(
            Array.from({ length: 25 }, (_, j) =>
              send({ externalId: `sf-8-${i + j}`, email: `buyer${i + j}@outage${(i + j) % 15}.io`, company: `Outage ${(i + j) % 15}` }),
            ),
          )),
        );
      }
      // The outage lasts until every sync has met it (failed once and waits for its retry), not a fixed time.
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
      expect(sf.stats.recordsWritten).toBe(0);
      sf.setOutage(null);
      sf.throttle(3);
      await waitForCrmQueue(worker.boss, 180_000);

      expect(sf.records("Contact")).toHaveLength(150);
      expect(sf.records("Account")).toHaveLength(15);
      expect(sf.records("ContentNote")).toHaveLength(150);
      expect(sf.records("Task")).toHaveLength(150);
      expectUnique(sf.records("Contact").map((c) => c.Email));
      expectUnique(sf.records("Account").map((c) => c.Website));
      expectUnique(sf.records("ContentNote").map((n) => n.Title));
      expectUnique(sf.records("ContentDocumentLink").map((l) => `${l.ContentDocumentId}>${l.LinkedEntityId}`));
      expect((await crmJobStates(worker.boss)).dead.filter((d) => ids.includes(d.handoffId as string))).toEqual([]);
    },
  );

  it(
    "a worker SIGKILLed mid-batch, after Salesforce created the notes but before it heard back, leaves no duplicate once restarted",
    { timeout: 180_000 },
    async () => {
      const boss = await getBoss(databaseUrl());
      await boss.updateQueue("crm-sync", { expireInSeconds: 3 });
      cleanup.push(() => boss.updateQueue("crm-sync", { expireInSeconds: 900 }));

      let child: ReturnType<typeof spawn> | null = null;
      let killedAt: { notes: number } | null = null;
      const { sf, deps } = await org({
        beforeRespond: async ({ method, path }) => {
          if (child && !killedAt && method === "POST" && path.endsWith("/composite/sobjects") && sf.records("ContentNote").length > 0) {
            killedAt = { notes: sf.records("ContentNote").length };
            const exited = new Promise((r) => child!.once("exit", r));
            child.kill("SIGKILL");
            await exited;
          }
        },
      });
      for (let i = 0; i < 30; i++) await send({ externalId: `sf-9-${i}`, email: `kill${i}@crash${i % 5}.io`, company: `Crash ${i % 5}` });

      child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "test/support/crm-worker-process.ts"], {
        env: {
          ...process.env,
          DATABASE_URL: databaseUrl(),
          CRM_ADAPTER: "salesforce",
          SALESFORCE_INSTANCE_URL: sf.baseUrl,
          SALESFORCE_CLIENT_ID: sf.clientId,
          SALESFORCE_CLIENT_SECRET: sf.clientSecret,
          SALESFORCE_API_VERSION: "67.0",
          LOG_LEVEL: "error",
        },
        stdio: ["ignore", "pipe", "inherit"],
      });
      await new Promise<void>((resolve) => child!.once("exit", () => resolve()));
      expect(killedAt).toEqual({ notes: 30 });
      const notesOf = () =>
        db
          .select()
          .from(crmMappings)
          .where(dsql`${crmMappings.adapter} = 'salesforce' and ${crmMappings.portal} = ${sf.orgId} and ${crmMappings.kind} = 'note'`);
      expect((await notesOf()).filter((m) => m.crmId === null)).toHaveLength(30);

      resetEnvCache();
      const worker = await work(deps, 100);
      await waitForCrmQueue(worker.boss, 120_000);
      expect(sf.records("ContentNote")).toHaveLength(30);
      expect(sf.records("Contact")).toHaveLength(30);
      expect(sf.records("Account")).toHaveLength(5);
      expect(sf.records("Task")).toHaveLength(30);
      expectUnique(sf.records("ContentNote").map((n) => n.Title));
      expect((await notesOf()).every((m) => m.crmId !== null)).toBe(true);
      expect(sf.records("ContentDocumentLink").filter((l) => String(l.LinkedEntityId).startsWith("003"))).toHaveLength(30);
    },
  );
});

/** Records typed into the org by hand (no Baton key): created through the API as any client would. */
async function seed(sf: SalesforceStandIn, records: Record<string, unknown>[]): Promise<string[]> {
  const token = (await (
    await fetch(`${sf.baseUrl}/services/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: sf.clientId, client_secret: sf.clientSecret }).toString(),
    })
  ).json()) as { access_token: string };
  const response = await fetch(`${sf.baseUrl}/services/data/v67.0/composite/sobjects`, {
    method: "POST",
    headers: { authorization: `Bearer ${token.access_token}`, "content-type": "application/json" },
    body: JSON.stringify({ allOrNone: true, records }),
  });
  return ((await response.json()) as SfRecord[]).map((r) => String((r as unknown as { id: string }).id));
}

describe("choosing Salesforce on /admin/connections", () => {
  it("a saved choice and connection take effect at the next sync, without a restart; the test button shows the version and the limits", async () => {
    process.env.BATON_ENCRYPTION_KEY = randomBytes(32).toString("base64");
    resetEnvCache();
    const admin = await createUser({ role: "admin", teamId });
    const { sf } = await org();
    const run = (action: unknown, input: Record<string, unknown>) =>
      runAction(actionDefinitionOf(action as never)!, (roles) => authorizeUser({ userId: admin.id, allowed: roles }), input as never);
    cleanup.push(async () => {
      await db.delete(connectionSettings).where(inArray(connectionSettings.kind, ["crm", "salesforce"]));
      delete process.env.BATON_ENCRYPTION_KEY;
      resetEnvCache();
    });
    expect((await configuredCrmAdapter()).name).toBe("builtin");

    const connection = { kind: "salesforce", instanceUrl: sf.baseUrl, clientId: sf.clientId, clientSecret: sf.clientSecret, apiVersion: "" };
    const tested = await run(connectionActions.testConnectionAction, connection);
    expect(tested).toMatchObject({
      ok: true,
      data: { ok: true, message: expect.stringMatching(/API v67\.0 \(Summer '26\).*daily API requests: \d+ of 100000 used/) },
    });
    expect(await run(connectionActions.saveConnectionAction, connection)).toMatchObject({ ok: true });
    expect(await run(crmActions.saveCrmChoiceAction, { adapter: "nope" })).toMatchObject({ ok: false });
    const chosen = await run(crmActions.saveCrmChoiceAction, { adapter: "salesforce" });
    expect(chosen, JSON.stringify(chosen)).toMatchObject({ ok: true, data: { adapter: "salesforce" } });

    const handoffId = await send({ externalId: "sf-10", email: "switch@choice.io", company: "Choice" });
    await handleCrmSyncJob({ handoffId }, { adapter: configuredCrmAdapter, appUrl: "http://127.0.0.1:3000", log: logger, deadLetter: async () => {} });
    expect(sf.records("Contact").map((c) => c.Email)).toEqual(["switch@choice.io"]);
    // The package's preview, from the same plan, in Salesforce's words.
    const synced = (await previewCrmSync({ handoffId }))!;
    expect(synced.crm).toBe("salesforce");
    expect(synced.items.map((i) => [i.crmObject, i.action])).toEqual([
      ["Account", "update"],
      ["Contact", "update"],
      ["Opportunity", "update"],
      ["ContentNote", "update"],
      ["Task", "update"],
    ]);
    expect(synced.items.find((i) => i.kind === "contact")!.url).toBe(`${sf.baseUrl}/lightning/r/Contact/${sf.records("Contact")[0]!.Id}/view`);
    const browsing = await send({ externalId: "sf-10b", email: "browse@choice-info.io", company: "Browsing", message: INFORMATION });
    const unsynced = (await previewCrmSync({ handoffId: browsing }))!;
    expect(unsynced.items.map((i) => [i.crmObject, i.action])).toEqual([
      ["Account", "skip"],
      ["Lead", "create"],
      ["ContentNote", "create"],
    ]);

    expect(await run(crmActions.resetCrmChoiceAction, {})).toMatchObject({ ok: true, data: { removed: true } });
    expect((await configuredCrmAdapter()).name).toBe("builtin");
  });
});
