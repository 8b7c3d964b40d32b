import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { databaseUrl, db } from "@/db";
import { insertApiKey } from "@/db/queries/intake";
import { deliveries } from "@/db/schema";
import { createHubSpotAdapter } from "@/lib/crm/hubspot/adapter";
import { generateApiKey } from "@/lib/intake/credentials";
import { getBoss } from "@/lib/jobs/boss";
import { notifyJob } from "@/lib/jobs/handlers/notify";
import { queues } from "@/lib/jobs/queues";
import { startWorker } from "@/lib/jobs/worker";
import { logger } from "@/lib/logger";
import { startHubSpotStandIn } from "../stand-ins/hubspot";
import { startSlackStandIn } from "../stand-ins/slack";
import { startSmtpStandIn } from "../stand-ins/smtp";
import { formIntake } from "../support/crm-intake";
import { discardPendingCrmJobs, startCrmQueueWorker, waitForCrmQueue } from "../support/crm-queue-worker";
import { createTeam, createUser } from "../support/factories";
import { waitFor } from "../support/wait-for";
import { exactlyOnce, type FaultOutcome, type Log } from "./fault-outcome";
import { startFaultProxy } from "./fault-proxy";
import { countHubSpotRecords, escalatedIntake } from "./worker-kill";

// The app's own timeouts, which "slow" must exceed: Slack's request timeout and nodemailer's
// greeting timeout are 10 s (lib/notifications); the HubSpot client is given 1 s here.
const NOTIFY_SLOW_MS = 11_000;
const HUBSPOT_TIMEOUT_MS = 1_000;
const HUBSPOT_SLOW_MS = 1_500;
const quickRetries = { retryDelay: 1, retryBackoff: true, retryDelayMax: 2 };

/**
 * Slack and SMTP behind fault proxies: answering only after the app's timeouts while the first
 * notifications go out (Slack posts each message and its answer comes too late; the mail server's
 * greeting comes too late), then closed ports, then healthy. The notify jobs, worked by `workers`
 * workers (default 1; each its own pg-boss and pool, in this process), retry with backoff;
 * once the services are back every Slack message and email has arrived exactly once.
 */
export async function notifyServicesSlowThenDown(options: { handoffs: number; workers?: number; log: Log }): Promise<FaultOutcome> {
  const started = performance.now();
  const log = (line: string) => options.log(`Slack and SMTP slow, then down: ${line}`);
  const slack = await startSlackStandIn();
  const smtp = await startSmtpStandIn();
  const slackProxy = await startFaultProxy({ host: "127.0.0.1", port: Number(new URL(slack.url).port) });
  const smtpProxy = await startFaultProxy({ host: "127.0.0.1", port: Number(new URL(smtp.url).port) });
  const boss = await getBoss(databaseUrl());
  await boss.updateQueue(queues.notify.name, quickRetries);
  const problems: string[] = [];
  const workers: Awaited<ReturnType<typeof startWorker>>[] = [];
  try {
    slackProxy.slow(NOTIFY_SLOW_MS);
    smtpProxy.slow(NOTIFY_SLOW_MS);
    const team = await createTeam();
    await createUser({ role: "rep", teamId: team!.id });
    const key = generateApiKey();
    await insertApiKey({ name: `Chaos forms ${key.prefix}`, prefix: key.prefix, keyHash: key.hash, teamId: team!.id });
    const ids: string[] = [];
    for (let i = 0; i < options.handoffs; i++) ids.push(await escalatedIntake(key.key));
    const mentions = (text: string, id: string) => text.includes(`/handoffs/${id}`);

    for (let i = 0; i < (options.workers ?? 1); i++)
      workers.push(
        await startWorker({
          databaseUrl: databaseUrl(),
          handlers: {
            [queues.notify.name]: notifyJob({
              appUrl: "http://127.0.0.1:3000",
              slack: { botToken: slack.token, apiUrl: `http://127.0.0.1:${slackProxy.port}/api/`, defaultChannel: "C0SALES" },
              smtp: { url: `smtp://127.0.0.1:${smtpProxy.port}`, from: "Baton <baton@baton.test>" },
            }),
          },
          log: logger.child({ scenario: "notify slow then down" }),
          concurrency: 4,
          pollSeconds: 0.5,
          superviseSeconds: 1,
          slaCheckCron: null,
        }),
      );
    // Slow until Slack has taken the messages whose answers come too late (the case that duplicates)
    // and the sends have given up on them.
    const taken = () => ids.filter((id) => slack.messages.some((m) => mentions(JSON.stringify(m.blocks), id))).length;
    await waitFor("Slack to take messages during the slow phase", () => taken() === ids.length, 25_000, 100).catch(() => undefined);
    const takenWhileSlow = taken();
    if (takenWhileSlow === 0) problems.push("Slack received no message during the slow phase");
    const failedWhileSlow = await waitFor("the slow sends to time out", () => failedDeliveries(ids), 15_000, 100).catch(() => 0);
    if (!failedWhileSlow) problems.push("no send timed out while Slack and SMTP were slow");

    log("down (closed ports)");
    await Promise.all([slackProxy.down(), smtpProxy.down()]);
    slackProxy.slow(0);
    smtpProxy.slow(0);
    const attemptsBefore = await maxAttempts(ids);
    await waitFor("a retry to fail while the services are down", async () => (await maxAttempts(ids)) > attemptsBefore, 15_000, 100).catch(() =>
      problems.push("no retry ran while Slack and SMTP were down"),
    );
    log("healthy again");
    await Promise.all([slackProxy.up(), smtpProxy.up()]);

    await waitFor(
      "every delivery sent",
      async () => {
        const rows = await db
          .select()
          .from(deliveries)
          .where(and(inArray(deliveries.handoffId, ids), inArray(deliveries.channel, ["email", "slack"])));
        return rows.length === ids.length * 2 && rows.every((d) => d.status === "sent");
      },
      25_000,
      250,
    ).catch((error: Error) => problems.push(error.message));

    const counts = ids.flatMap((id) => [
      slack.messages.filter((m) => mentions(JSON.stringify(m.blocks), id)).length,
      smtp.mailbox().filter((m) => mentions(m.text, id)).length,
    ]);
    const { lost, duplicated } = exactlyOnce(counts);
    const attempts = await db.select({ channel: deliveries.channel, attempts: deliveries.attempts }).from(deliveries).where(inArray(deliveries.handoffId, ids));
    log(`${counts.length} messages expected, ${lost} lost, ${duplicated} duplicated`);
    return {
      fault: "Slack and SMTP slower than the timeouts, then down",
      records: counts.length,
      lost,
      duplicated,
      problems,
      seconds: round((performance.now() - started) / 1000),
      details: {
        handoffs: ids.length,
        takenWhileSlow,
        workers: workers.length,
        maxAttempts: Math.max(0, ...attempts.map((a) => a.attempts)),
        slackPosts: slack.messages.length,
        smtpTransmissions: smtp.messages.length,
      },
    };
  } finally {
    for (const worker of workers) await worker.stop({ graceful: false });
    const { retryDelay, retryBackoff, retryDelayMax } = queues.notify.options;
    await boss.updateQueue(queues.notify.name, { retryDelay, retryBackoff, retryDelayMax });
    await Promise.all([slackProxy.close(), smtpProxy.close()]);
    await slack.close();
    await smtp.close();
  }
}

/**
 * HubSpot behind a fault proxy: a closed port while the handoffs arrive, then answering only after
 * the client's timeout (HubSpot acts on each request; the answer comes too late), then healthy. The
 * CRM-sync jobs, worked by `workers` workers (default 1; each its own pg-boss and pool, in this
 * process), retry with backoff; once HubSpot is back each record exists exactly once.
 */
export async function crmDownThenSlow(options: { handoffs: number; workers?: number; log: Log }): Promise<FaultOutcome> {
  const started = performance.now();
  const log = (line: string) => options.log(`HubSpot down, then slow: ${line}`);
  const boss = await getBoss(databaseUrl());
  await boss.updateQueue(queues.crmSync.name, quickRetries);
  await discardPendingCrmJobs();
  const team = await createTeam();
  const rep = await createUser({ role: "rep", teamId: team!.id });
  const hub = await startHubSpotStandIn({
    portalId: 8_000_000 + Math.floor(Math.random() * 1_000_000),
    owners: [{ id: "9001", email: rep.email, firstName: "Rep", lastName: "One" }],
  });
  const proxy = await startFaultProxy({ host: "127.0.0.1", port: Number(new URL(hub.baseUrl).port) });
  const problems: string[] = [];
  const workers: Awaited<ReturnType<typeof startCrmQueueWorker>>[] = [];
  try {
    await proxy.down();
    const send = await formIntake(team!.id);
    const run = randomUUID().slice(0, 6);
    const leads = Array.from({ length: options.handoffs }, (_, i) => ({ email: `slow${i}@down${run}${i % 3}.io`, company: `Down ${run} ${i % 3}` }));
    const ids: string[] = [];
    for (const [i, lead] of leads.entries()) ids.push(await send({ externalId: `chaos-crm-down-${run}-${i}`, ...lead }));

    for (let i = 0; i < (options.workers ?? 1); i++)
      workers.push(
        await startCrmQueueWorker({
          deps: (queue) => ({
            adapter: createHubSpotAdapter({
              baseUrl: `http://127.0.0.1:${proxy.port}`,
              token: hub.token,
              rateLimit: { max: 100, windowMs: 10_000 },
              timeoutMs: HUBSPOT_TIMEOUT_MS,
              backoffBaseMs: 100,
            }),
            appUrl: "http://127.0.0.1:3000",
            log: logger.child({ scenario: "crm down" }),
            deadLetter: async (payload, failure) => void (await queue.send(`${queues.crmSync.name}-dead`, { ...(payload as object), error: failure })),
          }),
          batchSize: 100,
        }),
      );
    const retriedWhileDown = await waitFor("a CRM-sync job to fail while HubSpot is down", () => retryingJobs(boss, ids), 20_000, 100).catch(() => 0);
    if (!retriedWhileDown) problems.push("no CRM-sync job failed while HubSpot was down");

    log("back, but answering after the client's timeout");
    // Half the connections answer too late: the sync makes progress, and some creates HubSpot carried out are never confirmed.
    proxy.slow(HUBSPOT_SLOW_MS, 0.5);
    await proxy.up();
    // Progress while slow: any record HubSpot made (a contact first, then companies, notes and tasks).
    const created = () => ["contacts", "companies", "notes", "tasks"].reduce((n, type) => n + hub.records(type).length, 0);
    const requestsBeforeSlow = hub.stats.requests;
    // The jobs retry every second or two; on a loaded machine each attempt also waits out its timeouts, so the bound is generous.
    await waitFor("HubSpot to create records during the slow phase", () => created() > 0, 45_000, 100).catch(() =>
      problems.push("HubSpot created nothing during the slow phase"),
    );
    // The slow phase lasts until HubSpot has taken a dozen more requests, enough for some creates to go unconfirmed.
    await waitFor("HubSpot to take more requests while slow", () => hub.stats.requests >= requestsBeforeSlow + 12, 45_000, 100).catch(() =>
      problems.push("HubSpot took too few requests during the slow phase"),
    );
    const createdWhileSlow = created();
    log("healthy again");
    proxy.slow(0);
    await waitForCrmQueue(boss, 30_000).catch((error: Error) => problems.push(error.message));

    const counts = countHubSpotRecords(hub, ids, leads);
    log(`${counts.records} records expected, ${counts.lost} lost, ${counts.duplicated} duplicated`);
    return {
      fault: "HubSpot down, then slower than the timeout",
      ...counts,
      problems,
      seconds: round((performance.now() - started) / 1000),
      details: { handoffs: ids.length, workers: workers.length, hubspotRequests: hub.stats.requests, createdWhileSlow },
    };
  } finally {
    for (const worker of workers) await worker.stop();
    const { retryDelay, retryBackoff, retryDelayMax } = queues.crmSync.options;
    await boss.updateQueue(queues.crmSync.name, { retryDelay, retryBackoff, retryDelayMax });
    await proxy.close();
    await hub.close();
  }
}

async function maxAttempts(ids: string[]): Promise<number> {
  const rows = await db
    .select({ attempts: deliveries.attempts })
    .from(deliveries)
    .where(and(inArray(deliveries.handoffId, ids), inArray(deliveries.channel, ["email", "slack"])));
  return Math.max(0, ...rows.map((r) => r.attempts));
}

async function failedDeliveries(ids: string[]): Promise<number> {
  const rows = await db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(and(inArray(deliveries.handoffId, ids), eq(deliveries.status, "failed")));
  return rows.length;
}

async function retryingJobs(boss: Awaited<ReturnType<typeof startCrmQueueWorker>>["boss"], ids: string[]): Promise<number> {
  const rows = (
    await boss
      .getDb()
      .executeSql(`select count(*)::int as n from pgboss.job where name = $1 and retry_count > 0 and data->>'handoffId' = any($2)`, [queues.crmSync.name, ids])
  ).rows as { n: number }[];
  return rows[0]?.n ?? 0;
}

const round = (n: number) => Math.round(n * 10) / 10;
