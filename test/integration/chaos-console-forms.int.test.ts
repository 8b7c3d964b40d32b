import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fuzzConsoleForms } from "../chaos/console-forms";

// Here rather than in scripts/chaos.ts's process: the action wrapper imports Auth.js, which loads
// only under vitest's (or Next's) bundling. `npm run test:chaos` runs this file and reads the report.
const RUNS = 40;

describe("bad input through the console's forms (every server action's wrapper and schema)", () => {
  it("malformed form data and JSON get a specific message naming the field, never a throw or the generic error", async () => {
    const report = await fuzzConsoleForms({ runs: RUNS });
    if (process.env.CHAOS_REPORT_FILE) writeFileSync(process.env.CHAOS_REPORT_FILE, JSON.stringify(report));
    expect(report.failures).toEqual([]);
    expect(report.tried).toBe(20 * 2 * RUNS);
    expect(report.refused).toBeGreaterThan(report.tried / 2);
  });
});
