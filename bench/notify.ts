import { once } from "node:events";
import postgres from "postgres";
import { spawnWorkerProcess } from "../test/support/worker-process";
import { summarise } from "./latency";
import type { BenchModule, Measurement } from "./bench-module";

// The notification pipeline against the Slack and SMTP stand-ins: (a) 10,000 queued notify jobs
// drained by one worker process's handlers (in-app + email + Slack each: 30,000 deliveries);
// (b) intakes at a steady 50 a second with the worker running, timed from the intake call to the
// Slack stand-in receiving the owner's message: the issue's budget is p95 under 2 s.
// The worker runs as its own process (`npm run worker`, as in production), so the intake load and
// the stand-ins in this process do not share one event loop with it.
const JOBS = 10_000;
const INTAKE_RATE = 50;
const INTAKE_SECONDS = 20;
const CONCURRENCY = 8;
const P95_BUDGET = { kind: "p95_below_ms", ms: 2_000 } as const;
const NONE = (unit: string) => ({ kind: "at_most", unit, value: 0 }) as const;

export const notifyBench: BenchModule = {
  name: "notify",
  async run({ database, seconds, log }) {
    // Imported here: the app's modules bind DATABASE_URL (set by bench/run.ts) when first loaded.
    const { startSlackStandIn } = await import("../test/stand-ins/slack");
    const { startSmtpStandIn } = await import("../test/stand-ins/smtp");
    const { createLogger } = await import("@/lib/logger");
    const { handleIntake } = await import("@/lib/intake/handle-intake");
    const { generateApiKey } = await import("@/lib/intake/credentials");
    const { stopBoss } = await import("@/lib/jobs/boss");

    // Far above the load, so the intake limiter never refuses a bench lead.
    const previousLimit = process.env.INTAKE_RATE_LIMIT_PER_MINUTE;
    process.env.INTAKE_RATE_LIMIT_PER_MINUTE = "1000000";
    const { resetEnvCache } = await import("@/lib/env");
    resetEnvCache();
    const slack = await startSlackStandIn();
    const smtp = await startSmtpStandIn();
    // Run alone (--only notify) the bench database may be new: bring it to the current schema first.
    const { runMigrations } = await import("@/db/migrate");
    await runMigrations(database.url);
    const sql = postgres(database.url, { max: 2, onnotice: () => {} });
    const quiet = createLogger({ bench: "notify" });
    const settings = {
      appUrl: "http://127.0.0.1:3000",
      slack: { webhookUrl: slack.webhookUrl, apiUrl: slack.apiUrl },
      smtp: { url: smtp.url, from: "Baton <baton@bench.test>" },
    };
    try {
      const { teamId, keyToken } = await setUp(sql, generateApiKey());
      // (a) Drain: the jobs are queued first, then a worker process is started and timed to the last delivery.
      log(`notify: (a) queueing ${JOBS} notify jobs for ${JOBS} packages`);
      const ids = await insertHandoffs(sql, teamId, JOBS);
      const { PgBoss } = await import("pg-boss");
      const sender = new PgBoss({ connectionString: database.url, max: 2, supervise: false, schedule: false });
      await sender.start();
      for (let i = 0; i < ids.length; i += 1000)
        await sender.insert(
          "notify",
          ids.slice(i, i + 1000).map((handoffId) => ({ data: { handoffId, event: "created" } })),
        );
      await sender.stop({ close: true });
      const slackBefore = slack.messages.length;
      const started = performance.now();
      const drainer = await startWorkerProcess({
        databaseUrl: database.url,
        slackWebhookUrl: slack.webhookUrl,
        smtpUrl: smtp.url,
        from: settings.smtp.from,
        appUrl: settings.appUrl,
      });
      const deadline = Date.now() + 20 * 60_000;
      let sent = 0;
      while (Date.now() < deadline) {
        [{ sent }] = await sql<[{ sent: number }]>`select count(*)::int as sent from deliveries where handoff_id = any(${ids}) and status = 'sent'`;
        if (sent >= ids.length * 3) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      const drainSeconds = (performance.now() - started) / 1000;
      log(`notify: drained ${sent} deliveries in ${drainSeconds.toFixed(1)} s`);
      const slackDuplicates = slack.messages.length - slackBefore - ids.length;
      const drainedJobs = Math.floor(sent / 3);

      // (b) Latency at a steady intake rate, the worker still running.
      const total = INTAKE_RATE * (seconds ?? INTAKE_SECONDS);
      log(`notify: (b) ${total} intakes at ${INTAKE_RATE}/s, timed to the Slack message`);
      const sentAt = new Map<string, number>();
      const seenAt = new Map<string, number>();
      slack.onPosted((message) => {
        const id = /\/handoffs\/([0-9a-f-]{36})/.exec(JSON.stringify(message.blocks))?.[1];
        if (id && !seenAt.has(id)) seenAt.set(id, performance.now());
      });
      const calls: Promise<void>[] = [];
      const intakeMs: number[] = [];
      const t0 = performance.now();
      for (let i = 0; i < total; i++) {
        const due = t0 + (i * 1000) / INTAKE_RATE;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const startedAt = performance.now();
        calls.push(
          handleIntake({ headers: new Headers({ authorization: `Bearer ${keyToken}` }), body: JSON.stringify(lead(i)) }, { log: quiet }).then((reply) => {
            intakeMs.push(performance.now() - startedAt);
            if (typeof reply.body.handoffId === "string") sentAt.set(reply.body.handoffId, startedAt);
          }),
        );
      }
      await Promise.all(calls);
      const waitUntil = Date.now() + 60_000;
      while (Date.now() < waitUntil && [...sentAt.keys()].some((id) => !seenAt.has(id))) await new Promise((resolve) => setTimeout(resolve, 200));
      slack.onPosted(null);
      const samples = [...sentAt].flatMap(([id, at]) => (seenAt.has(id) ? [seenAt.get(id)! - at] : []));
      const missing = sentAt.size - samples.length;
      await drainer.stop();
      await stopBoss();

      const measurements: Measurement[] = [
        {
          bench: "notify",
          scenario: `${JOBS} queued notify jobs drained (${CONCURRENCY} loops of 4)`,
          runs: drainedJobs,
          value: { amount: Math.round(drainedJobs / drainSeconds), unit: "jobs/s" },
        },
        {
          bench: "notify",
          scenario: "queued jobs not drained within 20 minutes",
          runs: ids.length,
          value: { amount: ids.length - drainedJobs, unit: "jobs" },
          budget: NONE("jobs"),
        },
        {
          bench: "notify",
          scenario: "deliveries sent while draining (in-app, email, Slack)",
          runs: ids.length * 3,
          value: { amount: Math.round(sent / drainSeconds), unit: "deliveries/s" },
        },
        {
          bench: "notify",
          scenario: "Slack messages beyond one per package",
          runs: ids.length,
          value: { amount: Math.max(0, slackDuplicates), unit: "messages" },
          budget: NONE("messages"),
        },
        { bench: "notify", scenario: `intake call alone (acknowledged), ${INTAKE_RATE} intakes/s`, ...summarise(intakeMs), runs: intakeMs.length },
        { bench: "notify", scenario: `intake → Slack message, ${INTAKE_RATE} intakes/s`, ...summarise(samples), runs: samples.length, budget: P95_BUDGET },
        {
          bench: "notify",
          scenario: "intakes whose Slack message never came",
          runs: sentAt.size,
          value: { amount: missing, unit: "intakes" },
          budget: NONE("intakes"),
        },
      ];
      return { measurements, details: { jobs: JOBS, drainSeconds: Math.round(drainSeconds * 10) / 10, intakes: total, concurrency: CONCURRENCY } };
    } finally {
      if (previousLimit === undefined) delete process.env.INTAKE_RATE_LIMIT_PER_MINUTE;
      else process.env.INTAKE_RATE_LIMIT_PER_MINUTE = previousLimit;
      resetEnvCache();
      await sql.end({ timeout: 5 });
      await slack.close();
      await smtp.close();
    }
  },
};

/** `npm run worker` narrowed to the notify queue, configured as production would be: by its environment. */
async function startWorkerProcess(options: { databaseUrl: string; slackWebhookUrl: string; smtpUrl: string; from: string; appUrl: string }) {
  const child = spawnWorkerProcess(
    {
      DATABASE_URL: options.databaseUrl,
      SLACK_WEBHOOK_URL: options.slackWebhookUrl,
      SLACK_BOT_TOKEN: "",
      SMTP_URL: options.smtpUrl,
      EMAIL_FROM: options.from,
      APP_URL: options.appUrl,
      WORKER_QUEUES: "notify",
      WORKER_CONCURRENCY: String(CONCURRENCY),
      WORKER_POLL_SECONDS: "0.5",
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

async function setUp(sql: postgres.Sql, key: { key: string; prefix: string; hash: string }) {
  const suffix = Date.now().toString(36);
  const [team] = await sql<{ id: string }[]>`insert into teams (name) values (${`Bench notify ${suffix}`}) returning id`;
  for (let i = 0; i < 4; i++) {
    // A high cap: the bench measures delivery, not the routing fallback.
    await sql`insert into users (id, email, name, role, team_id, capacity) values (gen_random_uuid()::text, ${`bench-rep-${i}-${suffix}@bench.test`}, ${`Bench Rep ${i}`}, 'rep', ${team!.id}, 1000000)`;
  }
  await sql`insert into api_keys (name, prefix, key_hash, team_id) values (${`Bench notify ${suffix}`}, ${key.prefix}, ${key.hash}, ${team!.id})`;
  return { teamId: team!.id, keyToken: key.key };
}

async function insertHandoffs(sql: postgres.Sql, teamId: string, count: number): Promise<string[]> {
  const pkg = {
    identification: { name: "Bench Lead", email: "lead@bench.test", phone: null, company: "Bench Co", role: null, website: null },
    source: { channel: "form", receivedAt: new Date().toISOString() },
    need: "Qualify inbound leads",
    intent: "diagnosis",
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
    qualification: { fit: "good", whyFits: [], whyNot: [], missing: [] },
    reasons: [{ code: "high_value", evidence: "120 employees", rule: "default.high_value" }],
    summary: "Bench Lead at Bench Co wants to qualify inbound leads.\nThey have 120 employees.\nThey want it this month.\nNo tools named.\nNo budget named.",
    facts: { confirmed: [], inferred: [], openQuestions: [] },
    nextStep: { action: "call", owner: null, why: "High value" },
    proposedActions: [],
    traceability: { leadId: null, conversationId: null, intakeId: null, crmRecord: null, ruleVersion: 1 },
  };
  const rows = await sql<{ id: string }[]>`
    insert into handoffs (team_id, owner_id, priority, status, sla_due_at, channel, rule_version, lead_name, company_name, reasons, package, summary)
    select ${teamId}, (select id from users where team_id = ${teamId} order by id offset (g % 4) limit 1), 'immediate', 'pending', now() + interval '15 minutes', 'form', 1,
      'Bench Lead ' || g, 'Bench Co', array['high_value'], ${sql.json(pkg)}, ${pkg.summary}
    from generate_series(1, ${count}) g
    returning id`;
  return rows.map((r) => r.id);
}

function lead(i: number) {
  return {
    externalId: `bench-notify-${Date.now()}-${i}`,
    channel: "form",
    receivedAt: new Date().toISOString(),
    fields: {
      email: `lead${i}@bench-${i}.example.com`,
      company: `Bench ${i}`,
      numemployees: "120",
      message: "We need an AI agent to qualify our 500 monthly leads this week.",
    },
  };
}
