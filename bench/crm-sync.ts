import { randomUUID } from "node:crypto";
import { eq, sql as dsql } from "drizzle-orm";
import { runMigrations } from "@/db/migrate";
import type { HandoffPackage } from "@/lib/contract/package";
import { createHubSpotAdapter } from "@/lib/crm/hubspot/adapter";
import { logger } from "@/lib/logger";
import { createSalesforceAdapter } from "@/lib/crm/salesforce/adapter";
import { defaultSalesforceSettings } from "@/lib/crm/salesforce/fields";
import { startHubSpotStandIn } from "../test/stand-ins/hubspot";
import { startSalesforceStandIn } from "../test/stand-ins/salesforce";
import type { BenchModule, Measurement } from "./bench-module";
import { handoffColumnsFromPackage } from "@/lib/handoffs/package-columns";

const HANDOFFS = 5_000;
const BATCH = 100;
const CONCURRENCY = 2;
const COMPANIES = 1_000;
// HubSpot's Free/Starter limit, which the stand-in enforces and the adapter is configured with.
const LIMIT = { max: 100, windowMs: 10_000 };
const RATE_BUDGET = { kind: "at_least", unit: "% of allowed", value: 90 } as const;
const OVER_LIMIT_BUDGET = { kind: "at_most", unit: "requests", value: 0 } as const;
// A Salesforce org's daily allocation, already 70% used by other integrations: the sync must get
// through without crossing it (it slows from 80%, stops at 95%).
const SF_DAILY = { max: 100_000, usedBefore: 70_000 };

/**
 * 5,000 handoffs synced into the HubSpot stand-in at 100 requests per 10 s, through the job handler
 * in batches of 100, two at a time (as a worker fetches and runs them): how many records each allowed request carries
 * (batching), how much of the allowed rate the limiter uses, and how many requests went over it.
 * The same handoffs then go into the Salesforce stand-in (sObject Collections, 200 records a call)
 * with the org's daily limit partly used: records per request, and requests over the daily limit.
 * The handoffs are written to the bench database and removed again afterwards.
 */
export const crmSyncBench: BenchModule = {
  name: "crm",
  async run({ database, log }) {
    await runMigrations(database.url);
    // Imported only now: the query modules bind the database URL that bench/run.ts has just set.
    const { db } = await import("@/db");
    const { crmMappings, handoffs } = await import("@/db/schema");
    const { handleCrmSyncJobs } = await import("@/lib/crm/handle-crm-sync-job");
    const hub = await startHubSpotStandIn({ portalId: 90_000_000 + Math.floor(Math.random() * 1_000_000), rateLimit: LIMIT });
    const sf = await startSalesforceStandIn({ dailyLimit: SF_DAILY.max });
    sf.setUsage(SF_DAILY.usedBefore);
    const tag = `bench-crm-${randomUUID().slice(0, 8)}`;
    try {
      const ids: string[] = [];
      for (let i = 0; i < HANDOFFS; i += 500) {
        const rows = await db
          .insert(handoffs)
          .values(Array.from({ length: Math.min(500, HANDOFFS - i) }, (_, j) => handoffRow(i + j, tag)))
          .returning({ id: handoffs.id });
        ids.push(...rows.map((r) => r.id));
      }
      log(`crm: ${HANDOFFS} handoffs written; syncing into the stand-in at ${LIMIT.max} requests per ${LIMIT.windowMs / 1000} s`);

      const deadLetters: string[] = [];
      const deps = {
        adapter: createHubSpotAdapter({ baseUrl: hub.baseUrl, token: hub.token, rateLimit: LIMIT, timeoutMs: 10_000 }),
        appUrl: "http://127.0.0.1:3000",
        log: logger,
        deadLetter: async (_: unknown, failure: { message: string }) => void deadLetters.push(failure.message),
      };
      const batches: string[][] = [];
      for (let i = 0; i < ids.length; i += BATCH) batches.push(ids.slice(i, i + BATCH));
      const started = performance.now();
      // Two batches in flight, as a worker with localConcurrency 2 runs them: one batch's database
      // work overlaps the other's HTTP calls, so a freed slot of the rolling window is not left idle.
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          for (let batch = batches.shift(); batch; batch = batches.shift())
            await handleCrmSyncJobs(
              batch.map((handoffId) => ({ handoffId })),
              deps,
            );
        }),
      );
      const seconds = (performance.now() - started) / 1000;

      const accepted = hub.requests.filter((r) => r.status !== 429);
      const span = accepted.at(-1)!.at - accepted[0]!.at;
      // The most a rolling window lets through from the first request to the last: a full window
      // at once, then another each time the first request of the previous one leaves the window.
      const allowed = LIMIT.max * (Math.floor(span / LIMIT.windowMs) + 1);
      const records = ["contacts", "companies", "deals", "tickets", "notes", "tasks"].reduce((n, type) => n + hub.records(type).length, 0);
      const contacts = hub.records("contacts");
      const notes = hub.records("notes");
      if (
        contacts.length !== HANDOFFS ||
        notes.length !== HANDOFFS ||
        new Set(notes.map((n) => n.properties.baton_key)).size !== HANDOFFS ||
        deadLetters.length
      ) {
        throw new Error(
          `crm bench: expected ${HANDOFFS} contacts and notes, got ${contacts.length} and ${notes.length}; dead letters: ${deadLetters.slice(0, 3).join("; ")}`,
        );
      }
      log(`crm: ${records} records and ${hub.associations.length} associations in ${accepted.length} requests, ${seconds.toFixed(1)} s`);

      const sfStarted = performance.now();
      const sfDeps = {
        ...deps,
        adapter: createSalesforceAdapter({
          instanceUrl: sf.baseUrl,
          clientId: sf.clientId,
          clientSecret: sf.clientSecret,
          apiVersion: "67.0",
          timeoutMs: 10_000,
          settings: defaultSalesforceSettings,
        }),
      };
      const sfBatches: string[][] = [];
      for (let i = 0; i < ids.length; i += BATCH) sfBatches.push(ids.slice(i, i + BATCH));
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          for (let batch = sfBatches.shift(); batch; batch = sfBatches.shift())
            await handleCrmSyncJobs(
              batch.map((handoffId) => ({ handoffId })),
              sfDeps,
            );
        }),
      );
      const sfSeconds = (performance.now() - sfStarted) / 1000;
      const sfRecords = ["Lead", "Contact", "Account", "Opportunity", "Case", "ContentNote", "Task"].reduce((n, type) => n + sf.records(type).length, 0);
      const sfPeople = sf.records("Lead").length + sf.records("Contact").length;
      if (sfPeople !== HANDOFFS || sf.records("ContentNote").length !== HANDOFFS || deadLetters.length)
        throw new Error(`crm bench: expected ${HANDOFFS} leads or contacts and notes in Salesforce, got ${sfPeople} and ${sf.records("ContentNote").length}`);
      log(`crm: Salesforce: ${sfRecords} records in ${sf.stats.apiRequests} API requests, ${sfSeconds.toFixed(1)} s`);

      const measurements: Measurement[] = [
        {
          bench: "crm",
          scenario: `records synced per allowed request (${HANDOFFS} handoffs, batches of ${BATCH})`,
          runs: accepted.length,
          value: { amount: round(records / accepted.length), unit: "records/request" },
        },
        {
          bench: "crm",
          scenario: `share of the allowed rate used (${LIMIT.max} per ${LIMIT.windowMs / 1000} s)`,
          runs: accepted.length,
          value: { amount: round((100 * accepted.length) / allowed), unit: "% of allowed" },
          budget: RATE_BUDGET,
        },
        {
          bench: "crm",
          scenario: "requests over the limit",
          runs: hub.stats.requests,
          value: { amount: hub.stats.overLimit, unit: "requests" },
          budget: OVER_LIMIT_BUDGET,
        },
        { bench: "crm", scenario: "handoffs synced per second at the limit", runs: HANDOFFS, value: { amount: round(HANDOFFS / seconds), unit: "handoffs/s" } },
        {
          bench: "crm",
          scenario: `Salesforce: records synced per API request (${HANDOFFS} handoffs, collections of up to 200)`,
          runs: sf.stats.apiRequests,
          value: { amount: round(sfRecords / sf.stats.apiRequests), unit: "records/request" },
        },
        {
          bench: "crm",
          scenario: `Salesforce: requests over the daily limit (${SF_DAILY.usedBefore} of ${SF_DAILY.max} used before)`,
          runs: sf.stats.apiRequests,
          value: { amount: sf.stats.overLimit, unit: "requests" },
          budget: OVER_LIMIT_BUDGET,
        },
        {
          bench: "crm",
          scenario: "Salesforce: handoffs synced per second",
          runs: HANDOFFS,
          value: { amount: round(HANDOFFS / sfSeconds), unit: "handoffs/s" },
        },
      ];
      return {
        measurements,
        details: {
          handoffs: HANDOFFS,
          records,
          associations: hub.associations.length,
          requests: accepted.length,
          rateLimited: hub.stats.rateLimited,
          seconds: round(seconds),
          salesforce: {
            records: sfRecords,
            requests: sf.stats.apiRequests,
            tokenRequests: sf.stats.tokenRequests,
            usedAfter: sf.usage.used,
            seconds: round(sfSeconds),
          },
        },
      };
    } finally {
      await db.delete(handoffs).where(eq(handoffs.campaign, tag));
      await db.delete(crmMappings).where(eq(crmMappings.portal, String(hub.portalId)));
      await db.delete(crmMappings).where(eq(crmMappings.portal, sf.orgId));
      await db.execute(dsql`vacuum analyze handoffs`).catch(() => undefined);
      await hub.close();
      await sf.close();
    }
  },
};

function handoffRow(i: number, tag: string) {
  const company = i % COMPANIES;
  const kind = i % 10;
  const intent = kind < 3 ? "quote" : kind === 3 ? "support" : "information";
  const pkg: HandoffPackage = {
    identification: {
      name: `Lead ${i} Bench`,
      email: `lead${i}@company${company}.io`,
      phone: null,
      company: `Company ${company}`,
      role: null,
      website: `company${company}.io`,
    },
    source: { channel: "form", url: "https://example.com/pricing", pageName: "Pricing", campaign: tag, receivedAt: "2026-11-20T10:15:00Z" },
    need: "Qualify inbound leads",
    intent,
    salesContext: {
      urgency: null,
      timelineDays: null,
      volume: null,
      employees: 120,
      monthlyLeads: null,
      budget: null,
      team: null,
      currentTools: [],
      affectedProcess: null,
    },
    qualification: { fit: kind < 3 ? "good" : "partial", whyFits: [], whyNot: [], missing: [] },
    reasons: [{ code: "high_value", evidence: "400 leads a month", rule: "default.high_value" }],
    summary: `Lead ${i} at Company ${company} wants to qualify inbound leads.`,
    facts: { confirmed: [], inferred: [], openQuestions: [] },
    nextStep: { action: "call", owner: null, why: "High value" },
    proposedActions: [],
    traceability: { leadId: null, conversationId: null, intakeId: null, crmRecord: null, ruleVersion: 1 },
  };
  return {
    priority: "immediate" as const,
    status: "pending" as const,
    slaDueAt: new Date(Date.now() + 15 * 60_000),
    channel: "form" as const,
    campaign: tag,
    ruleVersion: 1,
    reasons: ["high_value"],
    ...handoffColumnsFromPackage(pkg),
    intent,
  };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
