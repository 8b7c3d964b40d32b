import { afterAll, describe, expect, it } from "vitest";
import { stopBoss } from "@/lib/jobs/boss";
import { intakeBurst } from "../chaos/burst";
import { survived } from "../chaos/fault-outcome";

afterAll(async () => {
  await stopBoss();
});

describe("a burst of intakes, worked by the worker process with its default pool and concurrency", () => {
  it(
    "1,000 naming one company and 1,000 naming a company each: every job finishes within the bound, each record exactly once",
    { timeout: 600_000 },
    async () => {
      const outcome = await intakeBurst({ sameCompany: 1000, manyCompanies: 1000, drainSeconds: 300, log: (line) => console.error(line) });
      expect({ lost: outcome.lost, duplicated: outcome.duplicated, problems: outcome.problems }).toEqual({ lost: 0, duplicated: 0, problems: [] });
      expect(outcome.records).toBe(2000 * 4 + 2000 + 1001);
      expect(survived(outcome)).toBe(true);
    },
  );
});
