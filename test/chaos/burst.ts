import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql as dsql } from "drizzle-orm";
import { databaseUrl, db } from "@/db";
import { insertApiKey } from "@/db/queries/intake";
import { crmCompanies, crmContacts, crmNotes, deliveries, users } from "@/db/schema";
import { generateApiKey } from "@/lib/intake/credentials";
import { handleIntake } from "@/lib/intake/handle-intake";
import { getBoss } from "@/lib/jobs/boss";
import { queues } from "@/lib/jobs/queues";
import { logger } from "@/lib/logger";
import { startSlackStandIn } from "../stand-ins/slack";
import { startSmtpStandIn } from "../stand-ins/smtp";
import { createTeam, createUser } from "../support/factories";
import { spawnWorkerProcess, standInNotifyEnv } from "../support/worker-process";
import { pgArray } from "../support/pg-array";
import { waitFor } from "../support/wait-for";
import { exactlyOnce, type FaultOutcome, type Log } from "./fault-outcome";

export type BurstOptions = {
  /** Intakes that all name the same company (one CRM company, every sync taking its lock in turn). */
  sameCompany: number;
  /** Intakes that each name a company of their own. */
  manyCompanies: number;
  /** How long the queues may take to drain after the last intake, in seconds: the scenario's bound. */
  drainSeconds: number;
  /** `npm run worker` processes on the same database (default 1). */
  workers?: number;
  log: Log;
};

const SENDERS = 16;

/**
 * The demo's stall, reproduced: a burst of intakes within a minute, half naming one company and half
 * naming a company each, worked by `npm run worker`'s own process with its default pool and
 * concurrency (the demo's configuration: every queue, the built-in CRM, Slack and SMTP), or several
 * of them against the same database. Every
 * crm-sync, notify and sla-check job must finish within the bound, and every handoff must reach
 * Slack, email, the in-app list and the CRM exactly once; each lead's contact and each company once.
 */
export async function intakeBurst(options: BurstOptions): Promise<FaultOutcome> {
  const started = performance.now();
  const log = (line: string) => options.log(`intake burst: ${line}`);
  const slack = await startSlackStandIn();
  const smtp = await startSmtpStandIn();
  const workers: ChildProcess[] = [];
  const problems: string[] = [];
  try {
    const team = await createTeam();
    const rep = await createUser({ role: "rep", teamId: team!.id });
    // One rep takes every package, so each one's notice has one recipient to count.
    await db.update(users).set({ capacity: 1_000_000 }).where(eq(users.id, rep.id));
    // Four form sources, each within the intake rate limit (600 a minute per source) for 2,000 intakes.
    const keys = Array.from({ length: 4 }, generateApiKey);
    for (const key of keys) await insertApiKey({ name: `Burst ${key.prefix}`, prefix: key.prefix, keyHash: key.hash, teamId: team!.id });

    for (let i = 0; i < (options.workers ?? 1); i++)
      workers.push(spawnWorkerProcess({ DATABASE_URL: databaseUrl(), ...standInNotifyEnv(slack, smtp), LOG_LEVEL: "error" }));

    const run = randomUUID().slice(0, 8);
    const leads = [
      ...Array.from({ length: options.sameCompany }, (_, i) => ({ email: `buyer${i}@onecorp-${run}.io`, company: `Onecorp ${run}` })),
      ...Array.from({ length: options.manyCompanies }, (_, i) => ({ email: `buyer@corp${i}-${run}.io`, company: `Corp ${i} ${run}` })),
    ];
    const ids: string[] = [];
    const boss = await getBoss(databaseUrl());
    const slaChecks: string[] = [];
    let next = 0;
    const sendStarted = performance.now();
    await Promise.all(
      Array.from({ length: SENDERS }, async () => {
        while (next < leads.length) {
          const i = next++;
          ids.push(await intake(keys[i % keys.length]!.key, `burst-${run}-${i}`, leads[i]!));
          // The SLA sweep, as the worker's cron sends it, every 250 intakes.
          if (i % 250 === 0) slaChecks.push((await boss.send(queues.slaCheck.name, {}))!);
        }
      }),
    );
    const sendSeconds = (performance.now() - sendStarted) / 1000;
    log(`${ids.length} intakes in ${sendSeconds.toFixed(1)} s; waiting up to ${options.drainSeconds} s for the queues`);

    const drainStarted = performance.now();
    const unfinished = async () => {
      const [row] = await db.execute<{ n: number }>(dsql`
        select count(*)::int as n from pgboss.job
        where (name in (${queues.crmSync.name}, ${queues.notify.name}) and data->>'handoffId' = any(${pgArray(ids)}::text[]) and state < 'completed')
           or (id = any(${pgArray(slaChecks)}::uuid[]) and state < 'completed')`);
      return Number(row!.n);
    };
    await waitFor("every crm-sync, notify and sla-check job to finish", async () => (await unfinished()) === 0, options.drainSeconds * 1000, 500).catch(
      async (error: Error) => problems.push(`${error.message} (${await unfinished()} unfinished)`),
    );
    const drainSeconds = (performance.now() - drainStarted) / 1000;
    const [failedRow] = await db.execute<{ n: number }>(dsql`
      select count(*)::int as n from pgboss.job
      where ((name in (${queues.crmSync.name}, ${queues.notify.name}) and data->>'handoffId' = any(${pgArray(ids)}::text[])) or id = any(${pgArray(slaChecks)}::uuid[])) and state = 'failed'`);
    if (Number(failedRow!.n) > 0) problems.push(`${failedRow!.n} jobs failed for good`);
    log(`drained in ${drainSeconds.toFixed(1)} s`);

    const slackBy = new Map<string, number>();
    for (const m of slack.messages) {
      const text = JSON.stringify(m.blocks);
      const id = /\/handoffs\/([0-9a-f-]{36})/.exec(text)?.[1];
      if (id) slackBy.set(id, (slackBy.get(id) ?? 0) + 1);
    }
    const mailBy = new Map<string, number>();
    for (const m of smtp.mailbox()) {
      const id = /\/handoffs\/([0-9a-f-]{36})/.exec(m.text)?.[1];
      if (id) mailBy.set(id, (mailBy.get(id) ?? 0) + 1);
    }
    const inApp = await db
      .select({ handoffId: deliveries.handoffId })
      .from(deliveries)
      .where(and(inArray(deliveries.handoffId, ids), eq(deliveries.channel, "in_app"), eq(deliveries.event, "created"), eq(deliveries.status, "sent")));
    const inAppBy = countBy(inApp.map((d) => d.handoffId));
    const notes = await db.select({ handoffId: crmNotes.handoffId }).from(crmNotes).where(inArray(crmNotes.handoffId, ids));
    const notesBy = countBy(notes.map((n) => n.handoffId ?? ""));
    const contacts = await db
      .select({ email: crmContacts.email })
      .from(crmContacts)
      .where(
        inArray(
          crmContacts.email,
          leads.map((l) => l.email),
        ),
      );
    const contactsBy = countBy(contacts.map((c) => c.email ?? ""));
    const domains = [...new Set(leads.map((l) => l.email.split("@")[1]!))];
    const companies = await db.select({ domain: crmCompanies.domain }).from(crmCompanies).where(inArray(crmCompanies.domain, domains));
    const companiesBy = countBy(companies.map((c) => c.domain ?? ""));

    const counts = [
      ...ids.flatMap((id) => [slackBy.get(id) ?? 0, mailBy.get(id) ?? 0, inAppBy.get(id) ?? 0, notesBy.get(id) ?? 0]),
      ...leads.map((l) => contactsBy.get(l.email) ?? 0),
      ...domains.map((d) => companiesBy.get(d) ?? 0),
    ];
    const { lost, duplicated } = exactlyOnce(counts);
    log(`${counts.length} records expected, ${lost} lost, ${duplicated} duplicated`);
    for (const worker of workers)
      if (worker.exitCode !== null || worker.signalCode !== null) problems.push(`a worker process ended (${worker.exitCode ?? worker.signalCode})`);
    return {
      fault: `burst of ${ids.length} intakes (${options.sameCompany} naming one company)`,
      records: counts.length,
      lost,
      duplicated,
      problems,
      seconds: round((performance.now() - started) / 1000),
      details: {
        intakes: ids.length,
        sendSeconds: round(sendSeconds),
        drainSeconds: round(drainSeconds),
        boundSeconds: options.drainSeconds,
        slaChecks: slaChecks.length,
        workerProcesses: workers.length,
      },
    };
  } finally {
    for (const worker of workers) worker.kill("SIGKILL");
    await slack.close();
    await smtp.close();
  }
}

async function intake(apiKey: string, externalId: string, lead: { email: string; company: string }): Promise<string> {
  const reply = await handleIntake(
    {
      headers: new Headers({ authorization: `Bearer ${apiKey}` }),
      body: JSON.stringify({
        externalId,
        channel: "form",
        receivedAt: new Date().toISOString(),
        fields: { email: lead.email, company: lead.company, numemployees: "120", message: "We need an AI agent to qualify our 500 monthly leads this week." },
      }),
    },
    { log: logger },
  );
  if (reply.status !== 200 || typeof reply.body.handoffId !== "string") throw new Error(`intake refused: ${JSON.stringify(reply.body)}`);
  return reply.body.handoffId;
}

function countBy(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

const round = (n: number) => Math.round(n * 10) / 10;
