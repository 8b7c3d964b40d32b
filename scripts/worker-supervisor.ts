import { logger } from "@/lib/logger";
import { superviseWorkerProcess } from "./worker-child";

// `npm run worker`: the background jobs in a child process (scripts/worker.ts), restarted with
// backoff when it crashes, each crash logged with its reason. SIGINT or SIGTERM stops it gracefully.
const log = logger.child({ component: "worker-supervisor" });
const supervisor = superviseWorkerProcess(log);
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    supervisor.stop(signal).finally(() => process.exit(0));
  });
}
