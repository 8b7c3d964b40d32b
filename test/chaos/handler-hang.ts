import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { and, eq, sql as dsql } from "drizzle-orm";
import { GET as health } from "@/app/api/health/route";
import { databaseUrl, db } from "@/db";
import { notifications } from "@/db/schema";
import { resetEnvCache } from "@/lib/env";
import { getBoss } from "@/lib/jobs/boss";
import { queues } from "@/lib/jobs/queues";
import { startHubSpotStandIn } from "../stand-ins/hubspot";
import { startSmtpStandIn } from "../stand-ins/smtp";
import { formIntake } from "../support/crm-intake";
import { discardPendingCrmJobs } from "../support/crm-queue-worker";
import { createTeam, createUser } from "../support/factories";
import { spawnWorkerProcess } from "../support/worker-process";
import { pgArray } from "../support/pg-array";
import { waitFor } from "../support/wait-for";
import { countHubSpotRecords } from "./worker-kill";
import { type FaultOutcome, type Log } from "./fault-outcome";

// The hung attempt's own HTTP timeout is far longer than pg-boss's: only the job's abort signal can
// stop it at pg-boss's timeout.
const EXPIRE_SECONDS = 6;
const HUBSPOT_TIMEOUT_MS = 60_000;
const RETRY_DELAY_SECONDS = 4;

/**
 * A CRM sync whose HubSpot call hangs, in a worker process running one job at a time: pg-boss
 * times the job out; its abort signal stops the hung call, so the job's CRM locks and connections
 * come back and the worker fetches the retry at once (pg-boss holds a worker until an abandoned
 * handler returns); /api/health answers 503 naming the queue while the hang lasts;
 * once HubSpot answers again the queue is no longer named and every record is there exactly once.
 */
export async function handlerHangs(options: { log: Log }): Promise<FaultOutcome> {
  const started = performance.now();
  const log = (line: string) => options.log(`handler hangs: ${line}`);
  const boss = await getBoss(databaseUrl());
  await discardPendingCrmJobs();
  await boss.updateQueue(queues.crmSync.name, { expireInSeconds: EXPIRE_SECONDS, retryDelay: RETRY_DELAY_SECONDS, retryBackoff: false });
  const problems: string[] = [];
  // This process's /api/health judges by the same short threshold as the worker's watchdog.
  const stallMinutesBefore = process.env.WORKER_STALL_MINUTES;
  process.env.WORKER_STALL_MINUTES = "0.05";
  resetEnvCache();
  let worker: ChildProcess | null = null;
  let hanging = true;
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  const team = await createTeam();
  const rep = await createUser({ role: "rep", teamId: team!.id });
  const manager = await createUser({ role: "manager", teamId: team!.id });
  const smtp = await startSmtpStandIn();
  const hub = await startHubSpotStandIn({
    portalId: 8_000_000 + Math.floor(Math.random() * 1_000_000),
    owners: [{ id: "9101", email: rep.email, firstName: "Rep", lastName: "One" }],
    beforeRespond: async () => {
      if (hanging) await released;
    },
  });
  try {
    const send = await formIntake(team!.id);
    const run = randomUUID().slice(0, 6);
    const leads = Array.from({ length: 3 }, (_, i) => ({ email: `hang${i}@hang${run}.io`, company: `Hang ${run}` }));
    const ids: string[] = [];
    for (const [i, lead] of leads.entries()) ids.push(await send({ externalId: `chaos-hang-${run}-${i}`, ...lead }));

    worker = spawnWorkerProcess({
      DATABASE_URL: databaseUrl(),
      WORKER_QUEUES: queues.crmSync.name,
      WORKER_CONCURRENCY: "1",
      WORKER_POLL_SECONDS: "0.5",
      WORKER_SUPERVISE_SECONDS: "1",
      WORKER_STALL_MINUTES: "0.05",
      WORKER_HEARTBEAT_SECONDS: "1",
      CRM_ADAPTER: "hubspot",
      HUBSPOT_API_URL: hub.baseUrl,
      HUBSPOT_ACCESS_TOKEN: hub.token,
      HUBSPOT_TIMEOUT_MS: String(HUBSPOT_TIMEOUT_MS),
      SMTP_URL: smtp.url,
      EMAIL_FROM: "Baton <baton@baton.test>",
      LOG_LEVEL: "error",
    });

    const ours = dsql`name = ${queues.crmSync.name} and data->>'handoffId' = any(${pgArray(ids)}::text[])`;
    await waitFor("HubSpot to hold a request", () => hub.requests.length > 0, 30_000, 100);

    // While it hangs: the health endpoint names the stuck queue.
    const stuck = await waitFor(
      "/api/health to report crm-sync stuck",
      async () => {
        const response = await health();
        const body = (await response.json()) as { queues: Record<string, { stuck: boolean }> | null };
        return response.status === 503 && body.queues?.[queues.crmSync.name]?.stuck ? body : null;
      },
      EXPIRE_SECONDS * 1000 + 5_000,
      250,
    ).catch((error: Error) => void problems.push(error.message));

    // The managers and admins are told, in the app and by email, once for this stall.
    const told = await waitFor(
      "the manager to be told of the stuck queue",
      async () => {
        const rows = await stallNoticesFor(manager.id);
        return rows.length > 0 ? rows : null;
      },
      20_000,
      250,
    ).catch((error: Error) => void problems.push(error.message));
    if (told && !told[0]!.body.includes("/admin/jobs")) problems.push(`the notice does not say where to look: ${told[0]!.body}`);
    await waitFor(
      "the manager's email about it",
      () => smtp.mailbox().some((m) => m.to.includes(manager.email) && m.subject.includes(queues.crmSync.name)),
      20_000,
      250,
    ).catch((error: Error) => void problems.push(error.message));

    // pg-boss gives the attempt up at its timeout.
    const timedOut = await waitFor(
      "pg-boss to time the hung attempt out",
      async () => {
        const [row] = await db.execute<{ n: number }>(
          dsql`select count(*)::int as n from pgboss.job where ${ours} and retry_count >= 1 and output::text like '%handler execution exceeded%'`,
        );
        return Number(row!.n) > 0;
      },
      EXPIRE_SECONDS * 1000 + 10_000,
      100,
    ).catch((error: Error) => void problems.push(error.message));
    const timedOutAt = performance.now();

    // Its locks and connections come back before its retry is due: no advisory lock held, no lock-pool connection busy.
    if (timedOut) {
      await waitFor(
        "the timed-out attempt's locks and connections to come back",
        async () => {
          const [row] = await db.execute<{ locks: number; busy: number }>(dsql`
          select (select count(*)::int from pg_locks l join pg_stat_activity a using (pid) where l.locktype = 'advisory' and a.application_name = 'baton-locks') as locks,
                 (select count(*)::int from pg_stat_activity where application_name = 'baton-locks' and state <> 'idle') as busy`);
          return Number(row!.locks) === 0 && Number(row!.busy) === 0;
        },
        RETRY_DELAY_SECONDS * 1000 - 1_000,
        100,
      ).catch((error: Error) => void problems.push(error.message));
    }

    // The worker is free again: it fetches the retry as soon as it is due, long before the hung call's own timeout.
    const requestsBefore = hub.requests.length;
    await waitFor("the worker to run the retry", () => hub.requests.length > requestsBefore, RETRY_DELAY_SECONDS * 1000 + 10_000, 100).catch(
      (error: Error) => void problems.push(error.message),
    );
    const retrySeconds = (performance.now() - timedOutAt) / 1000;
    if (retrySeconds * 1000 >= HUBSPOT_TIMEOUT_MS / 2)
      problems.push(`the retry ran ${retrySeconds.toFixed(1)} s after the timeout: the worker waited for the hung attempt`);

    hanging = false;
    release();
    log("HubSpot answers again");
    await waitFor(
      "every sync to finish",
      async () => {
        const [row] = await db.execute<{ n: number }>(dsql`select count(*)::int as n from pgboss.job where ${ours} and state < 'completed'`);
        return Number(row!.n) === 0;
      },
      60_000,
      250,
    ).catch((error: Error) => void problems.push(error.message));
    // Other queues of a shared database may wait for workers this scenario does not run: crm-sync is what must clear.
    await waitFor(
      "/api/health to stop naming crm-sync",
      async () => {
        const body = (await (await health()).json()) as { queues: Record<string, { stuck: boolean }> | null };
        return body.queues?.[queues.crmSync.name]?.stuck === false;
      },
      20_000,
      250,
    ).catch((error: Error) => void problems.push(error.message));

    const notices = await stallNoticesFor(manager.id);
    if (notices.length !== 1) problems.push(`the manager was told ${notices.length} times of one stall`);
    const counts = countHubSpotRecords(hub, ids, leads);
    log(`${counts.records} records expected, ${counts.lost} lost, ${counts.duplicated} duplicated`);
    return {
      fault: "a CRM sync hangs on HubSpot past its timeout",
      ...counts,
      problems,
      seconds: round((performance.now() - started) / 1000),
      details: { healthSawStall: Boolean(stuck), retryAfterTimeoutSeconds: round(retrySeconds), hubspotRequests: hub.requests.length },
    };
  } finally {
    if (stallMinutesBefore === undefined) delete process.env.WORKER_STALL_MINUTES;
    else process.env.WORKER_STALL_MINUTES = stallMinutesBefore;
    resetEnvCache();
    release();
    worker?.kill("SIGKILL");
    await hub.close();
    await smtp.close();
    const { expireInSeconds, retryDelay, retryBackoff } = queues.crmSync.options;
    await boss.updateQueue(queues.crmSync.name, { expireInSeconds, retryDelay, retryBackoff });
  }
}

// Other queues of a shared test database may stall too (no worker runs them here): this one's notices.
async function stallNoticesFor(userId: string) {
  const rows = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.event, "queue_stalled")));
  return rows.filter((r) => r.title.includes(queues.crmSync.name));
}

const round = (n: number) => Math.round(n * 10) / 10;
