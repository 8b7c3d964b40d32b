import { parseArgs } from "node:util";
import { z } from "zod";
import { openBenchDatabase, recreateBenchDatabase } from "../bench/bench-database";
import { env, resetEnvCache } from "@/lib/env";

// `npm run test:chaos [-- --short] [--seconds 60] [--processes 2] [--json]`: the intake load held, the
// faults (Postgres restarted under load, the worker SIGKILLed mid-job, Slack/SMTP/HubSpot down and slow)
// and the bad inputs, on a fresh database (DATABASE_URL's server, or an embedded one), then one table.
// Exit 1 when anything was lost or duplicated, a fault was not survived or a bad input was mishandled.
// --processes N: N of everything, as Baton scales out: N app processes behind one port, N workers.
// --json prints the result as one JSON line after the table (for `npm run bench`).
const args = z
  .object({
    short: z.boolean().default(false),
    json: z.boolean().default(false),
    seconds: z.coerce.number().int().min(1).max(600).optional(),
    processes: z.coerce.number().int().min(1).max(4).default(1),
  })
  .parse(parseArgs({ options: { short: { type: "boolean" }, json: { type: "boolean" }, seconds: { type: "string" }, processes: { type: "string" } } }).values);
const log = (line: string) => console.error(`[chaos] ${line}`);

const database = await openBenchDatabase({ serverUrl: env().DATABASE_URL, log, name: "baton_chaos" });
let passed = false;
try {
  await recreateBenchDatabase(database);
  // Bound before the app's modules are imported (they read it once), as the integration tests do.
  process.env.DATABASE_URL = database.url;
  process.env.LOG_LEVEL = process.env.CHAOS_LOG_LEVEL ?? "silent";
  // Hundreds of bad inputs from one key within a minute: the rate limit is not what is measured.
  process.env.INTAKE_RATE_LIMIT_PER_MINUTE = "1000000";
  process.env.API_RATE_LIMIT_PER_MINUTE = "1000000";
  resetEnvCache();
  const { runChaos, formatChaosTable, chaosProblems } = await import("../test/chaos/run-chaos");
  const started = performance.now();
  const result = await runChaos({ database, short: args.short, loadSeconds: args.seconds, processes: args.processes, log });
  passed = result.passed;
  console.log(formatChaosTable(result));
  for (const problem of chaosProblems(result)) console.log(`  - ${problem}`);
  const scale = args.processes > 1 ? `, ${args.processes} app processes and ${args.processes} workers` : "";
  console.log(`\n${passed ? "PASS" : "FAIL"}: chaos${args.short ? " (short)" : ""}${scale} in ${Math.round((performance.now() - started) / 1000)} s`);
  if (args.json) console.log(JSON.stringify({ chaos: result }));
} finally {
  const { stopBoss } = await import("@/lib/jobs/boss");
  await stopBoss();
  const { sql } = await import("@/db");
  await sql.end({ timeout: 5 });
  await database.stop();
}
process.exit(passed ? 0 : 1);
