import { PgBoss, type JobResult } from "pg-boss";
import { ensureQueues } from "@/lib/jobs/boss";
import { PermanentJobError, type JobDefinition } from "@/lib/jobs/define-job";
import { runWithJobSignal } from "@/lib/jobs/job-signal";
import { JobSlots, jobSlotsFor } from "@/lib/jobs/job-slots";
import { queues } from "@/lib/jobs/queues";
import { startWatchdog } from "@/lib/jobs/watchdog";
import { connectionBounds, env } from "@/lib/env";
import type { Logger } from "@/lib/logger";

/** Which handler works which queue. A queue with no handler is left alone: its jobs wait for a worker that has one. */
export type WorkerHandlers = Record<string, JobDefinition>;

export type WorkerOptions = {
  databaseUrl: string;
  handlers: WorkerHandlers;
  log: Logger;
  now?: () => Date;
  concurrency?: number;
  pollSeconds?: number;
  superviseSeconds?: number;
  /** Cron for the SLA sweep; null: no schedules at all (tests send sla-check and weekly-summary jobs themselves). */
  slaCheckCron?: string | null;
  /** The heartbeat and stuck-queue watch; default: from the environment (WORKER_HEARTBEAT_SECONDS, WORKER_STALL_MINUTES). */
  watch?: { heartbeatSeconds: number; stallSeconds: number; appUrl: string } | null;
};

const BATCH_SIZE = 4;

export type RunningWorker = { boss: PgBoss; stop: (options?: { graceful?: boolean }) => Promise<void> };

/**
 * Runs the queues' handlers in this process. Each job is parsed with its schema first: a payload that
 * does not parse, or a PermanentJobError, goes straight to the dead-letter queue; any other failure is
 * retried with the queue's exponential backoff and jitter, and dead-lettered when retries run out.
 * Several worker processes may run against one database: pg-boss hands each job to one of them.
 */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const { log } = options;
  const now = options.now ?? (() => new Date());
  const supervise = options.superviseSeconds ?? 30;
  // However many jobs pg-boss hands this process, no more run at once than the pool has connections
  // for (lib/jobs/job-slots.ts); the rest wait for a slot without holding anything.
  const settings = env();
  const pools = { poolMax: settings.DATABASE_POOL_MAX, lockPoolMax: settings.CRM_LOCK_POOL_MAX };
  const slots = new JobSlots(jobSlotsFor(pools.poolMax));
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    // pg-boss's own connections get the same bounds as the app's.
    ...connectionBounds(settings),
    max: Math.max(4, (options.concurrency ?? 4) + 2),
    supervise: true,
    schedule: options.slaCheckCron !== null,
    superviseIntervalSeconds: supervise,
    monitorIntervalSeconds: supervise,
  });
  boss.on("error", (error) => log.error("job queue error", { error }));
  await boss.start();
  await ensureQueues(boss);

  for (const [queue, definition] of Object.entries(options.handlers)) {
    await boss.work(
      queue,
      // Each of `concurrency` loops fetches a small batch and runs it at once; a full batch means more is
      // waiting, so the loop fetches again at once instead of sleeping a polling interval.
      {
        batchSize: BATCH_SIZE,
        burstWhenBatchFull: true,
        perJobResults: true,
        localConcurrency: options.concurrency ?? 4,
        pollingIntervalSeconds: options.pollSeconds ?? 1,
      },
      (jobs): Promise<JobResult[]> =>
        Promise.all(
          jobs.map((job) => slots.run(() => runJob(definition, job, { boss, log: log.child({ queue, jobId: job.id, attempt: job.retryCount + 1 }), now }))),
        ),
    );
  }

  if (options.slaCheckCron !== null && queues.slaCheck.name in options.handlers) {
    await boss.schedule(queues.slaCheck.name, options.slaCheckCron ?? "* * * * *", {});
  }
  if (options.slaCheckCron !== null && queues.approvalExpire.name in options.handlers) {
    await boss.schedule(queues.approvalExpire.name, "* * * * *", {});
  }
  if (options.slaCheckCron !== null && queues.chatPromiseCheck.name in options.handlers) {
    await boss.schedule(queues.chatPromiseCheck.name, "* * * * *", {});
  }
  // Every minute: published articles still missing their embedding (a model just set, an outage) get one; nothing without a model.
  if (options.slaCheckCron !== null && queues.knowledgeEmbed.name in options.handlers) {
    await boss.schedule(queues.knowledgeEmbed.name, "* * * * *", {});
  }
  // Monday 07:00 UTC, once across all worker processes (pg-boss keeps one schedule per queue).
  if (options.slaCheckCron !== null && queues.weeklySummary.name in options.handlers) {
    await boss.schedule(queues.weeklySummary.name, "0 7 * * 1", {});
  }
  // Daily at 03:17 UTC: raw intakes and transcripts past the retention setting are anonymised.
  if (options.slaCheckCron !== null && queues.privacyRetention.name in options.handlers) await boss.schedule(queues.privacyRetention.name, "17 3 * * *", {});
  const capacity = { jobSlots: slots.size, ...pools };
  const watch =
    options.watch === undefined
      ? { heartbeatSeconds: settings.WORKER_HEARTBEAT_SECONDS, stallSeconds: settings.WORKER_STALL_MINUTES * 60, appUrl: settings.APP_URL }
      : options.watch;
  const watchdog = watch ? startWatchdog({ queues: Object.keys(options.handlers), capacity, log, ...watch }) : null;
  log.info(
    `worker started: up to ${slots.size} jobs at once, for a pool of ${capacity.poolMax} connections (CRM locks on ${capacity.lockPoolMax} of their own)`,
    { queues: Object.keys(options.handlers), ...capacity },
  );

  return {
    boss,
    stop: async ({ graceful = true } = {}) => {
      await watchdog?.stop();
      await boss.stop({ graceful, close: true, timeout: 10_000 });
    },
  };
}

async function runJob(
  definition: JobDefinition,
  job: { id: string; data: unknown; retryCount: number; signal?: AbortSignal },
  ctx: { boss: PgBoss; log: Logger; now: () => Date },
): Promise<JobResult> {
  // Given up while it waited for a slot (its timeout, a shutdown): pg-boss has failed it already.
  if (job.signal?.aborted) return { id: job.id, status: "failed", output: { error: "given up before it started" } };
  const parsed = definition.schema.safeParse(job.data);
  if (!parsed.success) {
    ctx.log.warn("job payload refused: dead-lettered", { problems: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) });
    return { id: job.id, status: "deadletter", output: { error: `Payload refused: ${parsed.error.issues[0]?.message ?? "invalid"}` } };
  }
  try {
    // pg-boss aborts the job's signal when it gives the job up (its timeout, a lost claim): the
    // handler's HTTP calls and lock waits listen to it (lib/jobs/job-signal.ts) and stop.
    const signal = job.signal ?? new AbortController().signal;
    await runWithJobSignal(signal, () => definition.handle(parsed.data, { jobId: job.id, retryCount: job.retryCount, signal, ...ctx }));
    return { id: job.id, status: "completed" };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const permanent = error instanceof PermanentJobError;
    ctx.log.warn(permanent ? "job failed for good: dead-lettered" : "job failed: will retry", { error: message });
    return { id: job.id, status: permanent ? "deadletter" : "failed", output: { error: message } };
  }
}
