import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { databaseUrl, db } from "@/db";
import { insertApiKey } from "@/db/queries/intake";
import { deliveries } from "@/db/schema";
import { createHubSpotAdapter } from "@/lib/crm/hubspot/adapter";
import { generateApiKey } from "@/lib/intake/credentials";
import { handleIntake } from "@/lib/intake/handle-intake";
import { getBoss } from "@/lib/jobs/boss";
import { queues } from "@/lib/jobs/queues";
import { logger } from "@/lib/logger";
import { startHubSpotStandIn } from "../stand-ins/hubspot";
import { startSlackStandIn } from "../stand-ins/slack";
import { startSmtpStandIn } from "../stand-ins/smtp";
import { formIntake } from "../support/crm-intake";
import { discardPendingCrmJobs, startCrmQueueWorker, waitForCrmQueue } from "../support/crm-queue-worker";
import { createTeam, createUser } from "../support/factories";
import { spawnWorkerProcess, standInNotifyEnv } from "../support/worker-process";
import { waitFor } from "../support/wait-for";
import { exactlyOnce, type FaultOutcome, type Log } from "./fault-outcome";

/**
 * `npm run worker` in its own process (`workers` of them, default 1, against the same database),
 * the one that sent SIGKILLed right after Slack accepted a message and before it heard so (the
 * worst moment), then started again while the others keep working: every handoff's Slack message,
 * email and in-app notification must arrive exactly once (an email is counted in the mailbox, one
 * copy per Message-ID, as a mail store keeps it).
 */
export async function workerKilledDuringNotify(options: { handoffs: number; workers?: number; log: Log }): Promise<FaultOutcome> {
  const started = performance.now();
  const log = (line: string) => options.log(`worker killed during notify: ${line}`);
  // Each worker posts with a bot token of its own (to the same channel: a retry looks there for the
  // message its delivery may have posted), so the message Slack accepted names its sender.
  const tokens = Array.from({ length: options.workers ?? 1 }, (_, i) => `xoxb-chaos-worker-${i + 1}`);
  const slack = await startSlackStandIn({ moreTokens: tokens });
  const smtp = await startSmtpStandIn();
  const children = new Set<ChildProcess>();
  const problems: string[] = [];
  try {
    const team = await createTeam();
    await createUser({ role: "rep", teamId: team!.id });
    const key = generateApiKey();
    await insertApiKey({ name: `Chaos forms ${key.prefix}`, prefix: key.prefix, keyHash: key.hash, teamId: team!.id });
    const ids: string[] = [];
    for (let i = 0; i < options.handoffs; i++) ids.push(await escalatedIntake(key.key));

    const startWorker = (token: string) => {
      const child = spawnWorkerProcess({
        DATABASE_URL: databaseUrl(),
        ...standInNotifyEnv(slack, smtp),
        SLACK_BOT_TOKEN: token,
        WORKER_CONCURRENCY: "2",
        WORKER_POLL_SECONDS: "0.5",
        WORKER_SUPERVISE_SECONDS: "1",
        WORKER_QUEUES: "notify",
        LOG_LEVEL: "error",
      });
      children.add(child);
      child.on("exit", () => children.delete(child));
      return child;
    };
    const mentions = (text: string, id: string) => text.includes(`/handoffs/${id}`);
    const ours = (text: string) => ids.some((id) => mentions(text, id));

    const running = tokens.map(startWorker);
    let posted = 0;
    let killed: { child: ChildProcess; token: string } | null = null;
    slack.onPosted(async (message, { token }) => {
      if (ours(JSON.stringify(message.blocks)) && ++posted === Math.ceil(options.handoffs / 2)) {
        const sender = Math.max(0, tokens.indexOf(token ?? ""));
        killed = { child: running[sender]!, token: tokens[sender]! };
        killed.child.kill("SIGKILL");
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    });
    await waitFor("the sending worker to die", () => killed !== null && (killed.child.exitCode !== null || killed.child.signalCode !== null), 45_000);
    slack.onPosted(null);
    const dead = killed!;
    if (dead.child.signalCode !== "SIGKILL") problems.push("the worker was not killed mid-send");
    if (running.some((w) => w !== dead.child && (w.exitCode !== null || w.signalCode !== null))) problems.push("a worker that was not killed ended");
    log(`killed the worker that sent message ${posted} (${running.length - 1} still working); restarting it`);

    startWorker(dead.token);
    await waitFor(
      "every delivery sent after the restart",
      async () => {
        const rows = await db.select().from(deliveries).where(inArray(deliveries.handoffId, ids));
        return rows.length === ids.length * 3 && rows.every((d) => d.status === "sent");
      },
      45_000,
      250,
    ).catch((error: Error) => problems.push(error.message));

    const inApp = await db
      .select({ handoffId: deliveries.handoffId })
      .from(deliveries)
      .where(and(inArray(deliveries.handoffId, ids), eq(deliveries.channel, "in_app"), eq(deliveries.event, "created")));
    const counts = ids.flatMap((id) => [
      slack.messages.filter((m) => mentions(JSON.stringify(m.blocks), id)).length,
      smtp.mailbox().filter((m) => mentions(m.text, id)).length,
      inApp.filter((d) => d.handoffId === id).length,
    ]);
    const { lost, duplicated } = exactlyOnce(counts);
    log(`${counts.length} messages expected, ${lost} lost, ${duplicated} duplicated`);
    return {
      fault: "worker SIGKILLed while sending notifications",
      records: counts.length,
      lost,
      duplicated,
      problems,
      seconds: round((performance.now() - started) / 1000),
      details: { handoffs: ids.length, workerProcesses: tokens.length, slackMessages: slack.messages.length, smtpTransmissions: smtp.messages.length },
    };
  } finally {
    for (const child of children) child.kill("SIGKILL");
    await slack.close();
    await smtp.close();
  }
}

/**
 * A CRM worker in its own process (`workers` of them, default 1, on the same queue), the one whose
 * batch of notes HubSpot just created SIGKILLed before the answer reached it, then a new worker
 * beside the others: every handoff ends with exactly one contact, note and task in HubSpot, and
 * every company once.
 */
export async function workerKilledDuringCrmSync(options: { handoffs: number; workers?: number; log: Log }): Promise<FaultOutcome> {
  const started = performance.now();
  const log = (line: string) => options.log(`worker killed during CRM sync: ${line}`);
  const boss = await getBoss(databaseUrl());
  // A killed worker's jobs come back when they expire, and are retried after the queue's delay:
  // minutes in production, seconds here (the same mechanism).
  await boss.updateQueue(queues.crmSync.name, { expireInSeconds: 3, retryDelay: 1, retryBackoff: true, retryDelayMax: 2 });
  await discardPendingCrmJobs();
  const stops: (() => Promise<unknown>)[] = [];
  const problems: string[] = [];
  // Each worker process has a token of its own, so the request HubSpot is answering names its sender.
  const tokens = Array.from({ length: options.workers ?? 1 }, (_, i) => `pat-chaos-worker-${i + 1}`);
  const children: ChildProcess[] = [];
  let killedAtNotes: number | null = null;
  const team = await createTeam();
  const rep = await createUser({ role: "rep", teamId: team!.id });
  const hub = await startHubSpotStandIn({
    portalId: 7_000_000 + Math.floor(Math.random() * 1_000_000),
    owners: [{ id: "9001", email: rep.email, firstName: "Rep", lastName: "One" }],
    moreTokens: tokens,
    beforeRespond: async ({ path, token }) => {
      const sender = children[tokens.indexOf(token)];
      if (sender && killedAtNotes === null && path === "/crm/v3/objects/notes/batch/create") {
        killedAtNotes = hub.records("notes").length;
        const exited = new Promise((resolve) => sender.once("exit", resolve));
        sender.kill("SIGKILL");
        await exited;
      }
    },
  });
  stops.push(() => hub.close());
  try {
    const send = await formIntake(team!.id);
    const run = randomUUID().slice(0, 6);
    const leads = Array.from({ length: options.handoffs }, (_, i) => ({ email: `kill${i}@crash${run}${i % 3}.io`, company: `Crash ${run} ${i % 3}` }));
    const ids: string[] = [];
    for (const [i, lead] of leads.entries()) ids.push(await send({ externalId: `chaos-crm-kill-${run}-${i}`, ...lead }));

    for (const token of tokens)
      children.push(
        spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "test/support/crm-worker-process.ts"], {
          env: {
            ...process.env,
            DATABASE_URL: databaseUrl(),
            CRM_ADAPTER: "hubspot",
            HUBSPOT_API_URL: hub.baseUrl,
            HUBSPOT_ACCESS_TOKEN: token,
            LOG_LEVEL: "error",
          },
          stdio: ["ignore", "ignore", "ignore"],
        }),
      );
    const ended = (c: ChildProcess) => c.exitCode !== null || c.signalCode !== null;
    await waitFor("a CRM worker to be killed", () => children.some(ended), 45_000);
    if (killedAtNotes === null) problems.push("the worker was not killed mid-batch");
    log(`killed with ${hub.records("notes").length} notes created and unanswered (${children.length - 1} workers still running); starting another`);

    const worker = await startCrmQueueWorker({
      deps: (queue) => ({
        adapter: createHubSpotAdapter({
          baseUrl: hub.baseUrl,
          token: hub.token,
          rateLimit: { max: 100, windowMs: 10_000 },
          timeoutMs: 5_000,
          backoffBaseMs: 100,
        }),
        appUrl: "http://127.0.0.1:3000",
        log: logger,
        deadLetter: async (payload, failure) => void (await queue.send(`${queues.crmSync.name}-dead`, { ...(payload as object), error: failure })),
      }),
      batchSize: 100,
    });
    stops.push(() => worker.stop());
    await waitForCrmQueue(worker.boss, 45_000).catch((error: Error) => problems.push(error.message));
    if (children.filter(ended).length > 1) problems.push("a worker that was not killed ended");
    const counts = countHubSpotRecords(hub, ids, leads);
    log(`${counts.records} records expected, ${counts.lost} lost, ${counts.duplicated} duplicated`);
    return {
      fault: "worker SIGKILLed during CRM sync",
      ...counts,
      problems,
      seconds: round((performance.now() - started) / 1000),
      details: { handoffs: ids.length, workerProcesses: tokens.length, notesWhenKilled: killedAtNotes },
    };
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    while (stops.length) await stops.pop()!();
    const { expireInSeconds, retryDelay, retryBackoff, retryDelayMax } = queues.crmSync.options;
    await boss.updateQueue(queues.crmSync.name, { expireInSeconds, retryDelay, retryBackoff, retryDelayMax });
  }
}

/** Each handoff's note and task (by our key), each lead's contact (by email), each company (by domain): once each. */
export function countHubSpotRecords(hub: Awaited<ReturnType<typeof startHubSpotStandIn>>, ids: string[], leads: { email: string }[]) {
  const byKey = (type: string, key: string) => hub.records(type).filter((r) => r.properties.baton_key === key).length;
  const domains = [...new Set(leads.map((l) => l.email.split("@")[1]))];
  const counts = [
    ...ids.flatMap((id) => [byKey("notes", `handoff:${id}`), byKey("tasks", `handoff:${id}`)]),
    ...leads.map((l) => hub.records("contacts").filter((c) => c.properties.email === l.email).length),
    ...domains.map((d) => hub.records("companies").filter((c) => c.properties.domain === d).length),
  ];
  return { records: counts.length, ...exactlyOnce(counts) };
}

// A lead the default rules escalate: a notify job (Slack, email, in-app) and a CRM-sync job.
export async function escalatedIntake(apiKey: string): Promise<string> {
  const externalId = `chaos-${randomUUID()}`;
  const reply = await handleIntake(
    {
      headers: new Headers({ authorization: `Bearer ${apiKey}` }),
      body: JSON.stringify({
        externalId,
        channel: "form",
        receivedAt: "2026-11-20T10:15:00Z",
        fields: {
          email: `lead+${externalId}@harbourline.io`,
          company: "Harbourline",
          numemployees: "120",
          message: "We need an AI agent to qualify our 500 monthly leads this week.",
        },
      }),
    },
    { log: logger },
  );
  if (reply.status !== 200 || typeof reply.body.handoffId !== "string") throw new Error(`intake refused: ${JSON.stringify(reply.body)}`);
  return reply.body.handoffId;
}

const round = (n: number) => Math.round(n * 10) / 10;
