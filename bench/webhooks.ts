import { once } from "node:events";
import postgres from "postgres";
import { Webhook } from "standardwebhooks";
import { spawnWorkerProcess } from "../test/support/worker-process";
import { summarise } from "./latency";
import type { BenchModule, Measurement } from "./bench-module";

// Outbound webhooks, the issue's budget: 1,000 package events fanned out to 3 endpoints (receivers on
// 127.0.0.1), delivered by `npm run worker`'s own process narrowed to the webhook-deliver queue.
// Each event is a note written through the one timeline insert (as the console and the API write
// one), at a steady rate, 5 to a package so the per-package ordering is on the path too. Timed from
// the event (its payload's `timestamp`, taken in the causing transaction) to the receiver's answer;
// lost and duplicated are counted per endpoint by `webhook-id`, and every signature is verified.
const EVENTS = 1_000;
const ENDPOINTS = 3;
const EVENTS_PER_PACKAGE = 5;
const EVENT_RATE = 50;
const CONCURRENCY = 8;
const P95_BUDGET = { kind: "p95_below_ms", ms: 2_000 } as const;
const NONE = (unit: string) => ({ kind: "at_most", unit, value: 0 }) as const;

export const webhooksBench: BenchModule = {
  name: "webhooks",
  async run({ database, log }) {
    const previous = { hosts: process.env.WEBHOOK_ALLOWED_PRIVATE_HOSTS };
    // The receivers are on loopback: allowed through the SSRF guard by name, as a local n8n would be.
    process.env.WEBHOOK_ALLOWED_PRIVATE_HOSTS = "127.0.0.1";
    // Imported here: the app's modules bind DATABASE_URL (set by bench/run.ts) when first loaded.
    const { resetEnvCache } = await import("@/lib/env");
    resetEnvCache();
    const { runMigrations } = await import("@/db/migrate");
    await runMigrations(database.url);
    const { startWebhookReceiver } = await import("../test/stand-ins/webhook-receiver");
    const { addWebhookEndpoint, removeWebhookEndpoint, sendTestWebhook } = await import("@/lib/webhooks/manage-endpoints");
    const { addHandoffNote } = await import("@/lib/handoffs/add-note");
    const { stopBoss } = await import("@/lib/jobs/boss");
    const sql = postgres(database.url, { max: 2, onnotice: () => {} });
    const receivers = await Promise.all(Array.from({ length: ENDPOINTS }, () => startWebhookReceiver()));
    const endpoints: { id: string; secret: string }[] = [];
    let worker: Awaited<ReturnType<typeof startWorkerProcess>> | null = null;
    let admin: Awaited<ReturnType<typeof setUp>>["admin"] | null = null;
    try {
      const prepared = await setUp(sql, EVENTS / EVENTS_PER_PACKAGE);
      admin = prepared.admin;
      const { handoffIds } = prepared;
      for (const [i, r] of receivers.entries()) {
        const { endpoint, secret } = await addWebhookEndpoint(prepared.admin, { name: `Bench receiver ${i + 1}`, url: r.url, events: ["handoff.note_added"] });
        endpoints.push({ id: endpoint.id, secret });
      }
      worker = await startWorkerProcess(database.url);
      // Started and polling before the clock runs: a test event to each endpoint (the admin page's
      // "send a test event"), answered by all three, then forgotten.
      const warmUpUntil = Date.now() + 180_000;
      for (const e of endpoints) await sendTestWebhook({ id: e.id });
      while (Date.now() < warmUpUntil && receivers.some((r) => r.accepted().length === 0)) await new Promise((resolve) => setTimeout(resolve, 200));
      if (receivers.some((r) => r.accepted().length === 0)) throw new Error("webhooks: the worker delivered no test event within 3 minutes");
      for (const r of receivers) r.received.splice(0);

      log(`webhooks: ${EVENTS} notes at ${EVENT_RATE}/s on ${handoffIds.length} packages, to ${ENDPOINTS} endpoints`);
      const writes: Promise<unknown>[] = [];
      const t0 = performance.now();
      for (let i = 0; i < EVENTS; i++) {
        const due = t0 + (i * 1000) / EVENT_RATE;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        // Round-robin over the packages: each gets its 5 notes spread over the run, in order.
        writes.push(addHandoffNote({ actor: prepared.admin, handoffId: handoffIds[i % handoffIds.length]!, note: `bench note ${i}` }));
      }
      await Promise.all(writes);
      const expected = EVENTS * ENDPOINTS;
      const deadline = Date.now() + 120_000;
      while (Date.now() < deadline && receivers.reduce((n, r) => n + r.accepted().length, 0) < expected)
        await new Promise((resolve) => setTimeout(resolve, 200));
      // A moment past the last one expected, so a duplicate that was on its way is counted too.
      const settleUntil = Date.now() + 2_000;
      while (Date.now() < settleUntil) await new Promise((resolve) => setTimeout(resolve, 200));

      const latencies: number[] = [];
      let lost = 0;
      let duplicated = 0;
      let badSignatures = 0;
      for (const [i, r] of receivers.entries()) {
        const verifier = new Webhook(endpoints[i]!.secret);
        const seen = new Set<string>();
        for (const hit of r.accepted()) {
          const id = String(hit.headers["webhook-id"]);
          if (seen.has(id)) {
            duplicated++;
            continue;
          }
          seen.add(id);
          try {
            const body = verifier.verify(hit.body, hit.headers as Record<string, string>) as { timestamp: string };
            latencies.push(hit.at - Date.parse(body.timestamp));
          } catch {
            badSignatures++;
          }
        }
        lost += EVENTS - seen.size;
      }
      const [{ retried }] = await sql<[{ retried: number }]>`select count(*)::int as retried from webhook_deliveries where attempts > 1`;
      log(`webhooks: ${latencies.length} delivered, ${lost} lost, ${duplicated} duplicated, ${retried} retried`);

      const measurements: Measurement[] = [
        {
          bench: "webhooks",
          scenario: `event → delivery, ${EVENTS} events × ${ENDPOINTS} endpoints at ${EVENT_RATE} events/s`,
          ...summarise(latencies),
          runs: latencies.length,
          budget: P95_BUDGET,
        },
        {
          bench: "webhooks",
          scenario: "deliveries lost (by webhook-id, per endpoint)",
          runs: expected,
          value: { amount: lost, unit: "deliveries" },
          budget: NONE("deliveries"),
        },
        {
          bench: "webhooks",
          scenario: "deliveries duplicated (by webhook-id, per endpoint)",
          runs: expected,
          value: { amount: duplicated, unit: "deliveries" },
          budget: NONE("deliveries"),
        },
        {
          bench: "webhooks",
          scenario: "signatures that do not verify (standardwebhooks)",
          runs: expected,
          value: { amount: badSignatures, unit: "deliveries" },
          budget: NONE("deliveries"),
        },
      ];
      return { measurements, details: { events: EVENTS, endpoints: ENDPOINTS, eventsPerSecond: EVENT_RATE, concurrency: CONCURRENCY, retried } };
    } finally {
      await worker?.stop();
      // The endpoints go with the run: a later bench's events must not queue deliveries to receivers that are closed.
      if (admin) for (const e of endpoints) await removeWebhookEndpoint(admin, { id: e.id });
      await stopBoss();
      await Promise.all(receivers.map((r) => r.close()));
      await sql.end({ timeout: 5 });
      if (previous.hosts === undefined) delete process.env.WEBHOOK_ALLOWED_PRIVATE_HOSTS;
      else process.env.WEBHOOK_ALLOWED_PRIVATE_HOSTS = previous.hosts;
      resetEnvCache();
    }
  },
};

/** `npm run worker` narrowed to the webhook queue, configured by its environment as in production. */
async function startWorkerProcess(databaseUrl: string) {
  const child = spawnWorkerProcess(
    {
      DATABASE_URL: databaseUrl,
      WORKER_QUEUES: "webhook-deliver",
      WORKER_CONCURRENCY: String(CONCURRENCY),
      WORKER_POLL_SECONDS: "0.5",
      WEBHOOK_ALLOWED_PRIVATE_HOSTS: "127.0.0.1",
      LOG_LEVEL: "warn",
    },
    "inherit",
  );
  return {
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}

/** A team, its admin (who writes the notes and owns the endpoints) and the packages the notes go on. */
async function setUp(sql: postgres.Sql, packages: number) {
  const suffix = Date.now().toString(36);
  const [team] = await sql<{ id: string }[]>`insert into teams (name) values (${`Bench webhooks ${suffix}`}) returning id`;
  const [admin] = await sql<{ id: string; name: string; email: string }[]>`
    insert into users (id, email, name, role, team_id) values (gen_random_uuid()::text, ${`bench-webhooks-${suffix}@bench.test`}, 'Bench Admin', 'admin', null)
    returning id, name, email`;
  const summary = "Bench Lead at Bench Co wants to qualify inbound leads.";
  const rows = await sql<{ id: string }[]>`
    insert into handoffs (team_id, priority, status, sla_due_at, channel, rule_version, lead_name, company_name, reasons, package, summary)
    select ${team!.id}, 'normal', 'pending', now() + interval '1 day', 'form', 1, 'Bench Lead ' || g, 'Bench Co', array['high_value'],
      ${sql.json({ summary })}, ${summary}
    from generate_series(1, ${packages}) g
    returning id`;
  return {
    admin: { id: admin!.id, name: admin!.name, email: admin!.email, role: "admin" as const, teamId: null },
    handoffIds: rows.map((r) => r.id),
  };
}
