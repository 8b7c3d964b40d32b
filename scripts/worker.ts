import { databaseUrl } from "@/db";
import { env } from "@/lib/env";
import { jobHandlers } from "@/lib/jobs/handlers";
import { startWorker } from "@/lib/jobs/worker";
import { startMailboxReader } from "@/lib/email/mailbox-reader";
import { mailboxSettings } from "@/lib/email/mailbox-settings";
import { logger } from "@/lib/logger";

// One worker process: the background jobs (notifications, reminders, SLA checks, CRM sync). `npm run
// worker` runs it under scripts/worker-supervisor.ts, which restarts it when it crashes. Run as many
// as you like against the same database; each job goes to one of them.
const log = logger.child({ component: "worker" });
const settings = env();
const worker = await startWorker({
  databaseUrl: databaseUrl(),
  handlers: jobHandlers({ only: settings.WORKER_QUEUES?.split(",") }),
  log,
  concurrency: settings.WORKER_CONCURRENCY,
  pollSeconds: settings.WORKER_POLL_SECONDS,
  superviseSeconds: settings.WORKER_SUPERVISE_SECONDS,
}).catch((error: unknown) => {
  // The worker never starts a database: with DATABASE_URL unset it uses the app's embedded one.
  const where = settings.DATABASE_URL
    ? "DATABASE_URL"
    : `the app's embedded Postgres on port ${settings.EMBEDDED_PG_PORT} (start the app first, or set DATABASE_URL)`;
  log.error(`worker could not start: is ${where} reachable?`, { error });
  process.exit(1);
});

// The sales mailbox, read beside the jobs (MAILBOX_READER=off leaves it to another worker): a new
// email becomes a package, a reply joins its thread. Idempotent by Message-ID, so two readers are safe.
const mailbox =
  settings.MAILBOX_READER === "off"
    ? null
    : startMailboxReader({ settings: mailboxSettings, log: log.child({ component: "mailbox" }), pollSeconds: settings.MAILBOX_POLL_SECONDS });
const stopAll = () => Promise.all([mailbox?.stop(), worker.stop()]);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info("worker stopping", { signal });
    // Graceful: jobs in hand finish (or are given back) before the process exits.
    stopAll().finally(() => process.exit(0));
  });
}

// Under a supervisor (an IPC channel to it): when the supervisor goes away (killed, crashed), stop rather than run unwatched.
if (process.connected) {
  process.on("disconnect", () => {
    if (stopping) return;
    stopping = true;
    log.warn("worker supervisor gone: stopping");
    stopAll().finally(() => process.exit(0));
  });
}
