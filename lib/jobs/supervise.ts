import type { ChildProcess } from "node:child_process";
import type { Logger } from "@/lib/logger";

/** The wait before restart number `crashes` (1, 2, …): doubling from 1 s, at most 30 s. */
export function restartDelayMs(crashes: number, { baseMs = 1_000, maxMs = 30_000 } = {}): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, crashes - 1));
}

/** Why a worker process ended, as a person reads it, with the last lines it wrote to stderr. */
export function exitReason(code: number | null, signal: NodeJS.Signals | null, stderrTail: string[]): string {
  const how = signal ? `killed by ${signal}` : `exited with code ${code}`;
  // The worker's own routine log lines say nothing of why it ended: its warnings, errors and stack traces do.
  const last = stderrTail.filter((l) => l.trim() && !/"level":"(debug|info)"/.test(l)).slice(-5);
  return last.length ? `${how}; its last words: ${last.join(" | ")}` : how;
}

export type Supervisor = { stop: (signal?: NodeJS.Signals) => Promise<void>; restarts: () => number; child: () => ChildProcess | null };

/**
 * Keeps one worker process running: when it crashes (a driver bug, an out-of-memory kill, SIGKILL)
 * it is started again after a backoff that doubles per crash and resets once a run lasted a minute,
 * and each crash is logged with its reason. `stop` ends it for good (the signal is passed on, so the
 * worker finishes or gives back its jobs).
 */
export function superviseWorker(options: { start: () => ChildProcess; log: Logger; stableMs?: number; baseDelayMs?: number; maxDelayMs?: number }): Supervisor {
  const { log } = options;
  const stableMs = options.stableMs ?? 60_000;
  let crashes = 0;
  let restarts = 0;
  let stopping = false;
  let current: ChildProcess | null = null;
  let restartTimer: NodeJS.Timeout | null = null;
  let exited: Promise<void> = Promise.resolve();

  const launch = () => {
    restartTimer = null;
    const child = options.start();
    current = child;
    const startedAt = Date.now();
    const tail: string[] = [];
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
      process.stderr.write(chunk);
      tail.push(...chunk.split("\n"));
      if (tail.length > 20) tail.splice(0, tail.length - 20);
    });
    exited = new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        current = null;
        resolve();
        if (stopping) return;
        if (Date.now() - startedAt >= stableMs) crashes = 0;
        crashes++;
        const delay = restartDelayMs(crashes, { baseMs: options.baseDelayMs, maxMs: options.maxDelayMs });
        log.error(`worker process ${exitReason(code, signal, tail)}; restarting in ${Math.round(delay / 100) / 10} s`, {
          pid: child.pid,
          code,
          signal,
          crashes,
        });
        restartTimer = setTimeout(() => {
          restarts++;
          launch();
        }, delay);
      });
    });
  };
  launch();

  return {
    restarts: () => restarts,
    child: () => current,
    stop: async (signal = "SIGTERM") => {
      stopping = true;
      if (restartTimer) clearTimeout(restartTimer);
      const child = current;
      if (!child) return;
      child.kill(signal);
      // The worker stops gracefully within its own 10 s; a child that does not is killed.
      const force = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(force);
    },
  };
}
