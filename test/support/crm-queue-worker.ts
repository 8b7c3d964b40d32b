import { PgBoss } from "pg-boss";
import { databaseUrl } from "@/db";
import { handleCrmSyncJobs, type CrmSyncJobDeps } from "@/lib/crm/handle-crm-sync-job";
import { getBoss } from "@/lib/jobs/boss";
import { queues } from "@/lib/jobs/queues";

/**
 * The real pg-boss queue worked by the CRM handler, as the worker process will: jobs are fetched in
 * batches, a throw fails them (retried with the queue's backoff, then dead-lettered), and the
 * supervisor runs every second so expired jobs come back quickly.
 */
export async function startCrmQueueWorker(options: { deps: (boss: PgBoss) => CrmSyncJobDeps; batchSize?: number }) {
  await getBoss(databaseUrl()); // creates the queues with their production options
  const boss = new PgBoss({
    connectionString: databaseUrl(),
    max: 3,
    schedule: false,
    superviseIntervalSeconds: 1,
    monitorIntervalSeconds: 1,
    maintenanceIntervalSeconds: 1,
  });
  boss.on("error", () => {});
  await boss.start();
  const deps = options.deps(boss);
  await boss.work(queues.crmSync.name, { batchSize: options.batchSize ?? 50, pollingIntervalSeconds: 0.5 }, (jobs) =>
    handleCrmSyncJobs(
      jobs.map((j) => j.data),
      deps,
    ),
  );
  return { boss, stop: () => boss.stop({ graceful: false, close: true }) };
}

/** Counts of the crm-sync jobs by state, and the dead-lettered payloads. */
export async function crmJobStates(boss: PgBoss) {
  const db = boss.getDb();
  const rows = (await db.executeSql(`select name, state, count(*)::int as n from pgboss.job where name like 'crm-sync%' group by 1, 2`)).rows as {
    name: string;
    state: string;
    n: number;
  }[];
  const dead = (await db.executeSql(`select data from pgboss.job where name = 'crm-sync-dead' order by created_on`)).rows as {
    data: Record<string, unknown>;
  }[];
  return { states: rows, dead: dead.map((d) => d.data) };
}

/** Resolves once no crm-sync job is waiting, retrying or running. */
export async function waitForCrmQueue(boss: PgBoss, timeoutMs = 40_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { states } = await crmJobStates(boss);
    const pending = states.filter((s) => s.name === queues.crmSync.name && ["created", "retry", "active"].includes(s.state)).reduce((n, s) => n + s.n, 0);
    if (pending === 0) return;
    if (Date.now() > until) throw new Error(`crm-sync jobs still pending after ${timeoutMs} ms: ${JSON.stringify(states)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * The test database is shared by every integration file, and others queue crm-sync jobs nobody
 * works: a file that counts what reaches its stand-in starts from an empty queue.
 */
export async function discardPendingCrmJobs(): Promise<void> {
  const boss = await getBoss(databaseUrl());
  await boss.getDb().executeSql(`delete from pgboss.job where name = '${queues.crmSync.name}' and state in ('created', 'retry')`);
}
