import { afterAll, describe, expect, it, vi } from "vitest";
import { stopBoss } from "@/lib/jobs/boss";
import { survived } from "../chaos/fault-outcome";
import { handlerHangs } from "../chaos/handler-hang";
import { supervisedWorkerSurvives } from "../chaos/worker-supervised";

// /api/health is called as a function: connection() only marks a render as dynamic, and outside Next there is none.
vi.mock("next/server", async (original) => ({ ...(await original<typeof import("next/server")>()), connection: async () => {} }));

afterAll(async () => {
  await stopBoss();
});

describe("a worker that cannot stall silently", () => {
  it(
    "a hung handler is timed out and really stopped: its locks and connections come back, the queue moves on, /api/health shows the stall while it lasts",
    { timeout: 120_000 },
    async () => {
      const outcome = await handlerHangs({ log: () => {} });
      expect({ lost: outcome.lost, duplicated: outcome.duplicated, problems: outcome.problems }).toEqual({ lost: 0, duplicated: 0, problems: [] });
      expect(outcome.details.healthSawStall).toBe(true);
      expect(survived(outcome)).toBe(true);
    },
  );

  it(
    "npm run worker's supervisor brings the worker back after a SIGKILL and a Postgres restart during a burst; the queues drain, each notice exactly once",
    { timeout: 300_000 },
    async () => {
      // 25412: this suite's own embedded server (25410-25419 are the chaos scenarios').
      const outcome = await supervisedWorkerSurvives({ port: 25412, dataDir: ".data/chaos-supervised", intakes: 150, drainSeconds: 120, log: () => {} });
      expect(outcome.details.killedPid).not.toBeNull();
      expect(outcome.details.backAfterKill).not.toBeNull();
      expect({ lost: outcome.lost, duplicated: outcome.duplicated, problems: outcome.problems }).toEqual({ lost: 0, duplicated: 0, problems: [] });
      expect(survived(outcome)).toBe(true);
    },
  );
});
