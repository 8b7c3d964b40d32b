import { spawn, type ChildProcess } from "node:child_process";
import { superviseWorker, type Supervisor } from "@/lib/jobs/supervise";
import type { Logger } from "@/lib/logger";

/**
 * scripts/worker.ts as a child process, with an IPC channel it watches: if this parent dies, the
 * worker stops too instead of running on unsupervised. tsx runs as a loader in the child itself
 * (its CLI would fork a second process, which a kill would orphan).
 */
export function spawnWorkerChild(env: NodeJS.ProcessEnv = process.env): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/worker.ts"], {
    env,
    stdio: ["ignore", "inherit", "pipe", "ipc"],
  });
}

/** `npm run worker` and the demo: the worker, restarted with backoff whenever it crashes. */
export function superviseWorkerProcess(log: Logger, env?: NodeJS.ProcessEnv): Supervisor {
  return superviseWorker({ start: () => spawnWorkerChild(env), log });
}
