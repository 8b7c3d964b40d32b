import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { exitReason, restartDelayMs, superviseWorker } from "@/lib/jobs/supervise";
import { createLogger } from "@/lib/logger";
import { waitFor } from "../../test/support/wait-for";

describe("the worker supervisor", () => {
  it("backs off, doubling per crash, up to a cap", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => restartDelayMs(n))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });

  it("says why a process ended, with its last words", () => {
    expect(exitReason(null, "SIGKILL", [])).toBe("killed by SIGKILL");
    expect(exitReason(1, null, ["", '{"level":"info","msg":"notified"}', "Error: read ECONNRESET", "    at Socket"])).toBe(
      "exited with code 1; its last words: Error: read ECONNRESET |     at Socket",
    );
  });

  it("restarts a crashed process and logs the reason, and stop ends it for good", async () => {
    const lines: string[] = [];
    const log = { ...createLogger(), error: (message: string) => void lines.push(message) } as ReturnType<typeof createLogger>;
    let started = 0;
    const supervisor = superviseWorker({
      // The first two runs crash at once; the third stays up until stopped.
      start: () =>
        spawn(process.execPath, ["-e", ++started < 3 ? "console.error('boom ' + process.pid); process.exit(3)" : "setInterval(() => {}, 1000)"], {
          stdio: ["ignore", "ignore", "pipe"],
        }),
      log,
      baseDelayMs: 10,
    });
    await waitFor("two restarts", () => supervisor.restarts() === 2, 10_000, 20);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^worker process exited with code 3; its last words: boom \d+; restarting in/);
    const child = supervisor.child();
    expect(child?.exitCode).toBeNull();
    await supervisor.stop();
    expect(child?.signalCode).toBe("SIGTERM");
    expect(supervisor.restarts()).toBe(2);
  });
});
