import { spawn, type ChildProcess } from "node:child_process";

/**
 * `npm run worker` as its own process, configured by its environment as in production. tsx runs as
 * a loader in the child itself (its CLI would fork a second process, which a kill would orphan).
 */
export function spawnWorkerProcess(env: Record<string, string>, stderr: "pipe" | "ignore" | "inherit" = "ignore"): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/worker.ts"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", stderr],
  });
}
