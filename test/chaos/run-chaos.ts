import type { BenchDatabase } from "../../bench/bench-database";
import { holdIntakeLoad } from "../../bench/intake-load";
import { fuzzChat, fuzzInboundEmail, fuzzIntake, fuzzRestApi, type FuzzReport } from "./bad-input";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname } from "node:path";
import { survived, type FaultOutcome, type Log } from "./fault-outcome";
import { postgresRestartDuringIntake } from "./postgres-restart";
import { crmDownThenSlow, notifyServicesSlowThenDown } from "./services-down";
import { intakeBurst } from "./burst";
import { workerKilledDuringCrmSync, workerKilledDuringNotify } from "./worker-kill";

export type ChaosOptions = {
  /** The server and database the fault scenarios run on; the app's modules are already bound to it. */
  database: BenchDatabase;
  short: boolean;
  /** The load's measured seconds (default 60, 10 with `short`). */
  loadSeconds?: number;
  /**
   * Two of everything, or more (default 1): that many app processes behind one port for the load
   * and for the Postgres restart, and that many workers on the same queues in each worker scenario.
   */
  processes?: number;
  log: Log;
};

export type ChaosResult = {
  short: boolean;
  processes: number;
  load: Awaited<ReturnType<typeof holdIntakeLoad>>;
  faults: FaultOutcome[];
  fuzz: FuzzReport[];
  lost: number;
  duplicated: number;
  passed: boolean;
};

// The embedded Postgres this suite restarts (25410 is the integration test's).
const RESTART_PORT = 25411;
const RESTART_DATA_DIR = ".data/chaos";

/**
 * Everything `npm run test:chaos` measures, in order: the intake load alone (the figure would mean
 * nothing with faults beside it), then the faults (those that share no queue side by side), then
 * the bad inputs. Each fault's counts come from the same scenario code the integration tests run.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const { short, log } = options;
  const processes = options.processes ?? 1;
  const workers = processes;
  const loadSeconds = options.loadSeconds ?? (short ? 10 : 60);
  log(`load: 32 connections for ${loadSeconds} s${processes > 1 ? ` through ${processes} app processes behind one port` : ""}`);
  const load = await holdIntakeLoad({ database: options.database, seconds: loadSeconds, log, processes });

  log(`faults: Postgres restart, worker killed during notify and during CRM sync (${workers} worker${workers > 1 ? "s" : ""} each)`);
  const faults = await Promise.all([
    attempt("Postgres restarted during intake load", () =>
      postgresRestartDuringIntake({ port: RESTART_PORT, dataDir: RESTART_DATA_DIR, connections: short ? 16 : 32, seconds: short ? 8 : 30, processes, log }),
    ),
    attempt("worker SIGKILLed while sending notifications", () => workerKilledDuringNotify({ handoffs: short ? 4 : 8, workers, log })),
    attempt("worker SIGKILLed during CRM sync", () => workerKilledDuringCrmSync({ handoffs: short ? 12 : 30, workers, log })),
  ]);
  log("faults: Slack and SMTP slow then down, HubSpot down then slow");
  faults.push(
    ...(await Promise.all([
      attempt("Slack and SMTP slower than the timeouts, then down", () => notifyServicesSlowThenDown({ handoffs: short ? 3 : 6, workers, log })),
      attempt("HubSpot down, then slower than the timeout", () => crmDownThenSlow({ handoffs: short ? 6 : 20, workers, log })),
    ])),
  );

  // The demo's stall: a burst worked by `npm run worker`'s process with its default pool and concurrency.
  log("faults: a burst of intakes, half naming one company");
  faults.push(
    await attempt("burst of intakes", () =>
      intakeBurst({ sameCompany: short ? 200 : 1000, manyCompanies: short ? 200 : 1000, drainSeconds: short ? 120 : 300, workers, log }),
    ),
  );

  log("bad input: intake, chat, inbound email, the REST API v1, console forms");
  const fuzz = [
    await fuzzIntake({ runs: short ? 12 : 40 }),
    await fuzzChat({ runs: short ? 12 : 40 }),
    await fuzzInboundEmail({ runs: short ? 8 : 24 }),
    ...(await fuzzRestApi({ runs: short ? 8 : 24 })),
    consoleFormsUnderVitest(),
  ];

  const lost = load.check.lost + faults.reduce((n, f) => n + f.lost, 0);
  const duplicated = load.check.duplicated + faults.reduce((n, f) => n + f.duplicated, 0);
  const passed =
    lost === 0 && duplicated === 0 && load.failed === 0 && rateLimitHeld(load) && faults.every(survived) && fuzz.every((f) => f.failures.length === 0);
  return { short, processes, load, faults, fuzz, lost, duplicated, passed };
}

/**
 * The API key's limit is one counter in Postgres, whichever app process answers: it counted every
 * answered request (and perhaps some the load's end cut off unanswered), never fewer, as limits kept
 * in each process's memory would (each would see only its share, and the database none).
 */
function rateLimitHeld(load: ChaosResult["load"]): boolean {
  return load.rateLimit.counted >= load.rateLimit.answered && load.rateLimit.counted <= load.rateLimit.sent;
}

/** A scenario that could not run to its end did not survive its fault: a line in the table, not a crash. */
async function attempt(fault: string, scenario: () => Promise<FaultOutcome>): Promise<FaultOutcome> {
  try {
    return await scenario();
  } catch (error) {
    return {
      fault,
      records: 0,
      lost: 0,
      duplicated: 0,
      problems: [`did not run to its end: ${error instanceof Error ? error.message : String(error)}`],
      seconds: 0,
      details: {},
    };
  }
}

const CONSOLE_REPORT = "test-results/chaos-console-forms.json";

// The console forms' fuzz needs Auth.js's modules, which load only under vitest's bundling: its
// integration test runs here and leaves its report behind (a fresh test database of its own).
function consoleFormsUnderVitest(): FuzzReport {
  mkdirSync(dirname(CONSOLE_REPORT), { recursive: true });
  rmSync(CONSOLE_REPORT, { force: true });
  const run = spawnSync("npx", ["vitest", "run", "--project", "integration", "test/integration/chaos-console-forms.int.test.ts"], {
    env: { ...process.env, CHAOS_REPORT_FILE: CONSOLE_REPORT },
    encoding: "utf8",
    timeout: 180_000,
  });
  try {
    const report = JSON.parse(readFileSync(CONSOLE_REPORT, "utf8")) as FuzzReport;
    return run.status === 0 ? report : { ...report, failures: [...report.failures, `the console forms test failed (exit ${run.status})`] };
  } catch {
    return {
      target: "console forms",
      tried: 0,
      accepted: 0,
      refused: 0,
      failures: [`the console forms test left no report (exit ${run.status}): ${(run.stderr || run.stdout).slice(-500)}`],
    };
  }
}

/** The one table: load held, each fault, the bad inputs, and what was lost or duplicated. */
export function formatChaosTable(result: ChaosResult): string {
  const { load } = result;
  const rows: string[][] = [
    [
      "load held",
      `POST /api/v1/intake, ${load.connections} connections, ${load.seconds} s${load.processes > 1 ? `, ${load.processes} app processes behind one port` : ""}`,
      `${Math.round(load.perSecond)} intakes/s, p95 ${load.latency.p95Ms} ms`,
      String(load.check.lost),
      String(load.check.duplicated),
      load.failed === 0 && load.check.lost === 0 && load.check.duplicated === 0 ? "PASS" : "FAIL",
    ],
    [
      "rate limit",
      `the API key's limit, counted in Postgres across ${load.processes} app process${load.processes > 1 ? "es" : ""}`,
      `${load.rateLimit.counted.toLocaleString("en")} counted of ${load.rateLimit.answered.toLocaleString("en")} answered`,
      "",
      "",
      rateLimitHeld(load) ? "PASS" : "FAIL",
    ],
    ...result.faults.map((f) => [
      "fault",
      f.fault,
      `${f.records} records, ${scaleOf(f)}${f.seconds} s`,
      String(f.lost),
      String(f.duplicated),
      survived(f) ? "PASS" : "FAIL",
    ]),
    ["faults survived", "", `${result.faults.filter(survived).length}/${result.faults.length}`, "", "", result.faults.every(survived) ? "PASS" : "FAIL"],
    ...result.fuzz.map((f) => [
      "bad input",
      f.target,
      `${f.tried.toLocaleString("en")} tried: ${f.refused} refused, ${f.accepted} accepted`,
      "",
      "",
      f.failures.length === 0 ? "PASS" : "FAIL",
    ]),
    [
      "bad inputs tried",
      "",
      result.fuzz.reduce((n, f) => n + f.tried, 0).toLocaleString("en"),
      "",
      "",
      result.fuzz.every((f) => f.failures.length === 0) ? "PASS" : "FAIL",
    ],
    ["records lost", "", String(result.lost), "", "", result.lost === 0 ? "PASS" : "FAIL"],
    ["records duplicated", "", String(result.duplicated), "", "", result.duplicated === 0 ? "PASS" : "FAIL"],
  ];
  const header = ["chaos", "scenario", "figure", "lost", "dup", "result"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 3 || i === 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (i === 3 || i === 4 ? "-".repeat(w + 1) + ":" : "-".repeat(w + 2))).join("|")}|`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

/** Why the run failed, one line each (empty when it passed). */
export function chaosProblems(result: ChaosResult): string[] {
  return [
    ...(result.load.failed ? [`load: ${result.load.failed} requests refused or failed`] : []),
    ...(rateLimitHeld(result.load)
      ? []
      : [`rate limit: ${result.load.rateLimit.counted} requests counted for ${result.load.rateLimit.answered} answered (${result.load.rateLimit.sent} sent)`]),
    ...result.faults.flatMap((f) => f.problems.map((p) => `${f.fault}: ${p}`)),
    ...result.fuzz.flatMap((f) => f.failures),
  ];
}

// How many app processes or workers a fault ran with, when more than one.
function scaleOf(fault: FaultOutcome): string {
  const apps = Number(fault.details.processes ?? 1);
  const workers = Number(fault.details.workerProcesses ?? fault.details.workers ?? 1);
  return apps > 1 ? `${apps} app processes, ` : workers > 1 ? `${workers} workers, ` : "";
}
