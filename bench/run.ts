import { cpus, loadavg, totalmem } from "node:os";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { z } from "zod";
import { env, resetEnvCache } from "@/lib/env";
import { openBenchDatabase } from "./bench-database";
import { chaosBench } from "./chaos";
import { chatBench } from "./chat";
import type { BenchModule, Measurement } from "./bench-module";
import { crmSyncBench } from "./crm-sync";
import { emailBench } from "./email";
import { inboxBench } from "./inbox";
import { inboxHttpBench } from "./inbox-http";
import { knowledgeBench } from "./knowledge";
import { intakeLoadBench } from "./intake-load";
import { metricsBench } from "./metrics";
import { notifyBench } from "./notify";
import { formatTable, verdict, writeResults } from "./report";
import { rulesSimBench } from "./rules-sim";
import { triageBench } from "./triage";
import { webhooksBench } from "./webhooks";
import { webVitalsBench } from "./web-vitals";

// `npm run bench [-- --only triage|inbox|inbox-http|web-vitals|metrics|crm|notify|webhooks|email|rules-sim|chat|kb|intake|chaos --rows 1000000 --runs 500 --seconds 5 --database baton_bench]`:
// every bench in turn, one table, a JSON record in bench/results/, exit 1 when any budget is missed.
// The HTTP load runs last, so the writes it leaves behind (checkpoints, autovacuum) cannot slow
// the latency benches. The chaos run (npm run test:chaos) comes after it, and its table closes the output.
const modules: BenchModule[] = [
  triageBench,
  inboxBench,
  inboxHttpBench,
  webVitalsBench,
  metricsBench,
  crmSyncBench,
  notifyBench,
  webhooksBench,
  emailBench,
  rulesSimBench,
  chatBench,
  knowledgeBench,
  intakeLoadBench,
  chaosBench,
];

const argsSchema = z.object({
  rows: z.coerce.number().int().min(1_000).default(1_000_000),
  runs: z.coerce.number().int().min(1).default(500),
  /** Shortens the timed benches (triage, intake) for a quick try; the record says it was used. */
  seconds: z.coerce.number().int().min(1).optional(),
  only: z.enum(modules.map((m) => m.name) as [string, ...string[]]).optional(),
  /** The bench database's name on the server (default baton_bench). */
  database: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, "a lower-case database name")
    .optional(),
});
const args = argsSchema.parse(
  parseArgs({
    options: { rows: { type: "string" }, runs: { type: "string" }, seconds: { type: "string" }, only: { type: "string" }, database: { type: "string" } },
  }).values,
);
const log = (line: string) => console.error(`[bench] ${line}`);

const startedAt = new Date();
// Other work on the machine skews every figure: what the load was when the run began.
const loadAtStart = loadavg().map((n) => Math.round(n * 100) / 100);
const database = await openBenchDatabase({ serverUrl: env().DATABASE_URL, log, name: args.database });
let failed = true;
try {
  // The app's query modules read DATABASE_URL when first imported: the benches import them after this.
  process.env.DATABASE_URL = database.url;
  resetEnvCache();

  const measurements: Measurement[] = [];
  const details: Record<string, unknown> = {};
  for (const bench of modules.filter((m) => !args.only || m.name === args.only)) {
    const started = performance.now();
    const outcome = await bench.run({ database, rows: args.rows, runs: args.runs, seconds: args.seconds, log });
    measurements.push(...outcome.measurements);
    details[bench.name] = { ...outcome.details, seconds: Math.round((performance.now() - started) / 100) / 10 };
  }

  console.log(formatTable(measurements));
  const chaos = details.chaos as { table?: string } | undefined;
  if (chaos?.table) console.log(`\n${chaos.table}`);
  failed = measurements.some((m) => verdict(m) === "FAIL");
  const file = writeResults(
    {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      passed: !failed,
      machine: {
        cpus: cpus().length,
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        loadAverage: { atStart: loadAtStart, atEnd: loadavg().map((n) => Math.round(n * 100) / 100) },
      },
      database: { embedded: database.embedded, server: await serverVersion(database.url) },
      options: args,
      benches: details,
      measurements: measurements.map((m) => ({ ...m, result: verdict(m) })),
    },
    startedAt,
  );
  log(`results written to ${file}`);
  console.log(failed ? "\nFAIL: at least one budget was missed" : "\nPASS: every budget met");
} finally {
  const { sql } = await import("@/db");
  await sql.end({ timeout: 5 });
  await database.stop();
}
process.exit(failed ? 1 : 0);

async function serverVersion(url: string): Promise<string> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ version: string }[]>`select current_setting('server_version') as version`;
    return row!.version;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
