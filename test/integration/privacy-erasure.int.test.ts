import { randomUUID } from "node:crypto";
import { eq, sql as dsql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, databaseUrl } from "@/db";
import { listAuditLog } from "@/db/queries/audit";
import { loadDashboard } from "@/db/queries/metrics";
import {
  anonymiseExpiredRecords,
  eraseLeadData,
  exportLeadData,
  RETAINED_MESSAGE,
  RETAINED_RAW,
  readRetentionDays,
  saveRetentionDays,
} from "@/db/queries/privacy";
import { conversations, handoffs, intakes, messages } from "@/db/schema";
import { createCrmAdapter } from "@/lib/crm/create-adapter";
import { handleCrmSyncJob } from "@/lib/crm/handle-crm-sync-job";
import { createHubSpotAdapter } from "@/lib/crm/hubspot/adapter";
import { resetEnvCache } from "@/lib/env";
import { stopBoss } from "@/lib/jobs/boss";
import { jobHandlers } from "@/lib/jobs/handlers";
import { startWorker } from "@/lib/jobs/worker";
import { logger } from "@/lib/logger";
import { parseMetricsParams } from "@/lib/metrics/params";
import { startHubSpotStandIn, type HubSpotStandIn } from "../stand-ins/hubspot";
import { formIntake } from "../support/crm-intake";
import { createTeam, createUser } from "../support/factories";
import { sensitiveValuesInDatabase } from "../support/sensitive-values";
import { waitFor } from "../support/wait-for";

let hub: HubSpotStandIn;
let send: Awaited<ReturnType<typeof formIntake>>;
let admin: { id: string; email: string };

beforeAll(async () => {
  const team = await createTeam(`Erasure ${randomUUID().slice(0, 6)}`);
  const rep = await createUser({ role: "rep", teamId: team!.id });
  admin = await createUser({ role: "admin", teamId: team!.id });
  hub = await startHubSpotStandIn({ portalId: 7_700_002, owners: [{ id: "9001", email: rep.email, firstName: "Rep", lastName: "One" }] });
  process.env.HUBSPOT_ACCESS_TOKEN = hub.token;
  process.env.HUBSPOT_API_URL = hub.baseUrl;
  resetEnvCache();
  send = await formIntake(team!.id);
});

afterAll(async () => {
  delete process.env.HUBSPOT_ACCESS_TOKEN;
  delete process.env.HUBSPOT_API_URL;
  resetEnvCache();
  await stopBoss();
  await hub.close();
});

const dashboard = () => {
  const now = new Date();
  return loadDashboard({ ...parseMetricsParams({}, now).params, now });
};

const jobsAbout = async (handoffId: string) =>
  (await db.execute<{ name: string }>(dsql`select name from pgboss.job where data->>'handoffId' = ${handoffId} and state in ('created', 'retry')`)).map(
    (j) => j.name,
  );

describe("a lead's data on request", () => {
  it(
    "exports everything for an email, then erases it: nothing is found by that email, queued jobs bring nothing back, HubSpot gets a GDPR delete, the metrics keep their counts",
    { timeout: 120_000 },
    async () => {
      const email = `erase-${randomUUID().slice(0, 8)}@northwind-erase.io`;
      const handoffId = await send({ externalId: `erase-${randomUUID()}`, email, name: ["Olga", "Erasmus"], company: "Northwind Erase" });
      // Synced once to the built-in CRM and once to HubSpot; the intake's own crm-sync and notify jobs stay queued.
      const base = { appUrl: "http://127.0.0.1:3000", log: logger, deadLetter: async () => {} };
      await handleCrmSyncJob({ handoffId }, { ...base, adapter: createCrmAdapter() });
      await handleCrmSyncJob(
        { handoffId },
        { ...base, adapter: createHubSpotAdapter({ baseUrl: hub.baseUrl, token: hub.token, rateLimit: { max: 100, windowMs: 10_000 }, timeoutMs: 5_000 }) },
      );
      const hubContact = hub.records("contacts").find((c) => c.properties.email === email)!;
      expect(hubContact).toBeDefined();
      expect(await jobsAbout(handoffId)).toEqual(expect.arrayContaining(["crm-sync", "notify"]));
      const before = await dashboard();

      const exported = await exportLeadData({ email: email.toUpperCase() });
      expect(exported.leads).toHaveLength(1);
      expect(exported.handoffs.map((h) => h.id)).toEqual([handoffId]);
      expect(exported.handoffs[0]!.timeline.length).toBeGreaterThan(0);
      expect(exported.intakes).toHaveLength(1);
      expect(exported.crm.contacts.map((c) => c.email)).toEqual([email]);
      expect(exported.crm.notes.length).toBeGreaterThan(0);

      // The scan that must come back empty afterwards finds the person now.
      expect((await sensitiveValuesInDatabase([email])).length).toBeGreaterThan(3);
      const counts = await eraseLeadData({ email, actor: admin });
      expect(counts).toMatchObject({ leads: 1, handoffs: 1, intakes: 1, hubspotContacts: 1 });
      expect(counts.crmRecords).toBeGreaterThan(0);
      expect(counts.queuedJobs).toBeGreaterThanOrEqual(2);

      expect(await sensitiveValuesInDatabase([email, "Erasmus"])).toEqual([]);
      expect(await jobsAbout(handoffId)).toEqual([]);
      const [kept] = await db.select().from(handoffs).where(eq(handoffs.id, handoffId));
      expect(kept).toMatchObject({ leadId: null, leadEmail: null, leadName: null, companyName: null, decision: "escalate", status: "pending" });
      expect(await dashboard()).toEqual(before);
      const again = await exportLeadData({ email });
      expect([again.leads, again.handoffs, again.intakes, again.conversations, again.crm.contacts]).toEqual([[], [], [], [], []]);

      const [entry] = await listAuditLog({ limit: 1, entityType: "personal data" });
      expect(JSON.stringify(entry)).toContain("privacy.erase");
      expect(JSON.stringify(entry)).not.toContain(email);

      // The worker runs the queued HubSpot GDPR delete, with the contact's HubSpot id only.
      const worker = await startWorker({
        databaseUrl: databaseUrl(),
        handlers: jobHandlers({ only: ["privacy-crm-erase"] }),
        log: logger,
        pollSeconds: 0.5,
        superviseSeconds: 2,
        slaCheckCron: null,
      });
      try {
        await waitFor("the HubSpot GDPR delete", () => hub.gdprDeleted.includes(hubContact.id));
      } finally {
        await worker.stop();
      }
      expect(hub.records("contacts").some((c) => c.properties.email === email)).toBe(false);
      const gdprCall = hub.requests.find((r) => r.path === "/crm/v3/objects/contacts/gdpr-delete")!;
      expect(gdprCall).toMatchObject({ method: "POST", status: 204, body: { objectId: hubContact.id } });
      expect(await sensitiveValuesInDatabase([email])).toEqual([]);
    },
  );

  it("anonymises raw intakes and transcripts older than the retention setting, and nothing newer", async () => {
    expect(await readRetentionDays()).toBe(365);
    await saveRetentionDays({ days: 30, actor: admin });
    expect(await readRetentionDays()).toBe(30);

    const old = await send({ externalId: `retention-old-${randomUUID()}`, email: `old-${randomUUID().slice(0, 6)}@retention.io` });
    const fresh = await send({ externalId: `retention-new-${randomUUID()}`, email: `new-${randomUUID().slice(0, 6)}@retention.io` });
    const [oldRow] = await db.select({ intakeId: handoffs.intakeId }).from(handoffs).where(eq(handoffs.id, old));
    const [freshRow] = await db.select({ intakeId: handoffs.intakeId }).from(handoffs).where(eq(handoffs.id, fresh));
    await db
      .update(intakes)
      .set({ createdAt: new Date(Date.now() - 31 * 86_400_000) })
      .where(eq(intakes.id, oldRow!.intakeId!));
    const [conversation] = await db.insert(conversations).values({ channel: "chat" }).returning();
    await db.insert(messages).values([
      { conversationId: conversation!.id, author: "lead", text: "An old line", sentAt: new Date(Date.now() - 40 * 86_400_000) },
      { conversationId: conversation!.id, author: "lead", text: "A recent line", sentAt: new Date() },
    ]);

    const result = await anonymiseExpiredRecords({ days: await readRetentionDays(), now: new Date() });
    expect(result.intakes).toBeGreaterThanOrEqual(1);
    const [oldIntake] = await db.select().from(intakes).where(eq(intakes.id, oldRow!.intakeId!));
    const [freshIntake] = await db.select().from(intakes).where(eq(intakes.id, freshRow!.intakeId!));
    expect(oldIntake).toMatchObject({ raw: RETAINED_RAW, response: null });
    expect(freshIntake!.raw).not.toEqual(RETAINED_RAW);
    const lines = await db.select({ text: messages.text }).from(messages).where(eq(messages.conversationId, conversation!.id)).orderBy(messages.sentAt);
    expect(lines.map((l) => l.text)).toEqual([RETAINED_MESSAGE, "A recent line"]);
    // A second run finds nothing left to do.
    expect(await anonymiseExpiredRecords({ days: 30, now: new Date() })).toEqual({ intakes: 0, messages: 0 });
    await saveRetentionDays({ days: 365, actor: admin });
  });
});
