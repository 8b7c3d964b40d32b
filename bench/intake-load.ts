import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { env } from "@/lib/env";
import { generateApiKey } from "@/lib/intake/credentials";
import { getBoss, stopBoss } from "@/lib/jobs/boss";
import { compileRuleSet } from "@/lib/rules/compile";
import { defaultRuleSet } from "@/lib/rules/default-rules";
import { startAppServer } from "./app-server";
import { freshDatabase } from "./bench-database";
import type { BenchDatabase } from "./bench-database";
import type { BenchModule, Measurement } from "./bench-module";
import { checkIntakes } from "./intake-check";
import { buildCorpus } from "./intake-corpus";
import { jobTables, runSqlBaseline } from "./intake-baseline";
import { runHttpFloor, runHttpLoad, type HttpLoadResult, type Ledger } from "./intake-http";
import { pgbenchScripts, runPgbench, type PgbenchOutcome } from "./intake-pgbench";
import { bodyTemplate, markFor, planIntakeRows, TOKEN } from "./intake-rows";
import { describeQuietWait, startLoadProfile, waitForQuietMachine, type QuietWait } from "./load-profile";

const INTAKE_DATABASE = "baton_bench_intake";
const HOLD_DATABASE = "baton_chaos_load";
const CONCURRENCY = 32;
const LOAD_SECONDS = 30;
const WARMUP_SECONDS = 3;
// Far above what the load can reach, so the limiter counts every request but never refuses one.
const RATE_LIMIT_PER_MINUTE = 1_000_000;
// A steady arrival rate well under capacity: the latency a single lead sees, which carries the p95 budget.
const PACED_RATE = 100;
const PACED_CONNECTIONS = 4;
// Issue 29's budgets: the latency a lead sees at the paced rate; under 32 closed-loop connections
// (saturation, where latency is queueing and says nothing about a lead) only the throughput ratio.
const P95_BUDGET = { kind: "p95_below_ms", ms: 50 } as const;
const RATIO_BUDGET = { kind: "at_least", unit: "× baseline", value: 0.5 } as const;
const NONE = (unit: string) => ({ kind: "at_most", unit, value: 0 }) as const;
// The endpoint's requests never share an id or a mark with the baseline's.
const HTTP_SEQUENCE_START = 50_000_000;

type Body = ReturnType<typeof bodyTemplate>;

/**
 * The intake path under load, in one run on a database of its own: (a) recordIntake's rows as raw
 * SQL, 32 workers for 30 s, the floor, and the same statements replayed by pgbench beside it; (b)
 * the real endpoint under `next start`, 32 connections for 30 s, and its ratio to the floor, with
 * where its time goes (the route's Server-Timing phases, and GET /api/health as the HTTP floor), then
 * paced at 100/s for the latency a lead sees; (c) a count check that no accepted intake was lost or doubled.
 */
export const intakeLoadBench: BenchModule = {
  name: "intake",
  async run({ database, seconds, log }) {
    const loadSeconds = seconds ?? LOAD_SECONDS;
    log(`intake: fresh database ${INTAKE_DATABASE}`);
    const url = await freshDatabase(database, INTAKE_DATABASE);
    const { teamId, apiKey } = await insertTeamAndKey(url);
    // pg-boss's schema and queues, created as the app creates them on its first intake.
    await getBoss(url);
    await stopBoss();

    const rules = compileRuleSet(defaultRuleSet, 1);
    const corpus = buildCorpus({ mark: TOKEN.mark });
    const plans = corpus.map((entry) => planIntakeRows(entry.event, rules));
    const bodies = corpus.map((entry) => bodyTemplate(entry.input));

    // Each phase starts on a quiet machine: the benches before this one (and the phase before) leave
    // autovacuum and checkpoints behind, and a latency taken during them measures that work.
    const quiet: Record<string, QuietWait> = {};
    const settle = async (phase: string) => {
      quiet[phase] = await waitForQuietMachine(url);
      log(`intake: before ${phase}: ${describeQuietWait(quiet[phase]!)}`);
    };
    await settle("the baseline");
    log(`intake: (a) raw SQL baseline, ${CONCURRENCY} workers, ${WARMUP_SECONDS} s warm-up + ${loadSeconds} s`);
    const baseline = await runSqlBaseline({ url, plans, teamId, workers: CONCURRENCY, warmupSeconds: WARMUP_SECONDS, seconds: loadSeconds, prefix: "sql" });
    log(`intake: baseline ${Math.round(baseline.perSecond)} intakes/s`);
    await resetIntakeTables(url);

    await settle("pgbench");
    log(`intake: (a') the baseline's statements replayed by pgbench, ${CONCURRENCY} clients, ${loadSeconds} s`);
    const replay = await replayWithPgbench({ url, plans, teamId, seconds: loadSeconds, log });
    if (replay.ran) log(`intake: pgbench ${Math.round(replay.result.tps)} intakes/s, average ${replay.result.latencyAverageMs} ms`);
    else log(`intake: pgbench replay skipped: ${replay.reason}`);
    await resetIntakeTables(url);

    await settle("the endpoint");
    log("intake: (b) the endpoint under next start, against the bench database");
    const ledger: Ledger = new Map();
    const { endpoint, paced, warmup, httpFloor, firstRequestMs, profile, build } = await measureEndpoint({
      url,
      apiKey,
      bodies,
      loadSeconds,
      ledger,
      log,
      beforePaced: () => settle("the paced run"),
    });
    if (!paced || !httpFloor) throw new Error("the paced run and the HTTP floor are part of the intake bench");
    log(`intake: endpoint ${Math.round(endpoint.perSecond)} intakes/s, p95 ${endpoint.latency.p95Ms} ms`);
    log(`intake: HTTP floor, GET /api/health: ${Math.round(httpFloor.perSecond)} requests/s, p50 ${httpFloor.latency.p50Ms} ms`);
    const breakdown = describeBreakdown(endpoint);
    log(`intake: where the endpoint's time goes at ${CONCURRENCY} connections: ${breakdown}`);
    log(
      `intake: endpoint / floor / pgbench = ${Math.round(endpoint.perSecond)} / ${Math.round(baseline.perSecond)} / ` +
        `${replay.ran ? Math.round(replay.result.tps) : "not run"} intakes/s`,
    );

    log("intake: (c) counting what was written against what was answered");
    const check = await checkIntakes({ url, prefix: "http", ledger });
    const ratio = endpoint.perSecond / baseline.perSecond;
    const failed =
      endpoint.refused +
      endpoint.errors +
      endpoint.mismatched +
      warmup.refused +
      warmup.errors +
      warmup.mismatched +
      paced.refused +
      paced.errors +
      paced.mismatched;

    const measurements: Measurement[] = [
      {
        bench: "intake",
        scenario: `raw SQL baseline, ${CONCURRENCY} workers`,
        ...baseline.latency,
        runs: baseline.intakes,
        value: { amount: Math.round(baseline.perSecond), unit: "intakes/s" },
      },
      replay.ran
        ? {
            bench: "intake",
            scenario: `pgbench replay of the baseline's statements, ${CONCURRENCY} clients`,
            ...replay.result.latency,
            runs: replay.result.transactions,
            value: { amount: Math.round(replay.result.tps), unit: "intakes/s" },
          }
        : { bench: "intake", scenario: `pgbench replay not run: ${replay.reason}`, runs: 0 },
      {
        bench: "intake",
        scenario: `POST /api/v1/intake, ${CONCURRENCY} connections`,
        ...endpoint.latency,
        runs: endpoint.ok,
        value: { amount: Math.round(endpoint.perSecond), unit: "intakes/s" },
      },
      {
        bench: "intake",
        scenario: `POST /api/v1/intake, paced at ${PACED_RATE}/s over ${PACED_CONNECTIONS} connections`,
        ...paced.latency,
        runs: paced.ok,
        value: { amount: Math.round(paced.perSecond), unit: "intakes/s" },
        budget: P95_BUDGET,
      },
      ...phaseRows(endpoint),
      {
        bench: "intake",
        scenario: `GET /api/health, ${CONCURRENCY} connections (the HTTP floor)`,
        ...httpFloor.latency,
        runs: httpFloor.ok,
        value: { amount: Math.round(httpFloor.perSecond), unit: "requests/s" },
      },
      {
        bench: "intake",
        scenario: "endpoint / baseline throughput",
        runs: endpoint.ok,
        value: { amount: Math.round(ratio * 1000) / 1000, unit: "× baseline" },
        budget: RATIO_BUDGET,
      },
      {
        bench: "intake",
        scenario: "requests refused or failed under load",
        runs: ledger.size,
        value: { amount: failed, unit: "requests" },
        budget: NONE("requests"),
      },
      {
        bench: "intake",
        scenario: "lost intakes (2xx without its rows)",
        runs: check.responses2xx,
        value: { amount: check.lost, unit: "intakes" },
        budget: NONE("intakes"),
      },
      {
        bench: "intake",
        scenario: "duplicated intakes (rows beyond the 2xx)",
        runs: check.responses2xx,
        value: { amount: check.duplicated, unit: "intakes" },
        budget: NONE("intakes"),
      },
    ];

    return {
      measurements,
      details: {
        database: INTAKE_DATABASE,
        concurrency: CONCURRENCY,
        loadSeconds,
        warmupSeconds: WARMUP_SECONDS,
        corpus: corpus.length,
        handoffsPerIntake: Math.round((plans.filter((p) => p.handoff).length / plans.length) * 100) / 100,
        appBuild: build,
        appPoolMax: env().DATABASE_POOL_MAX,
        quietBefore: quiet,
        baseline: { ...baseline, perSecond: Math.round(baseline.perSecond) },
        pgbench: replay,
        endpoint: {
          ...endpoint,
          perSecond: Math.round(endpoint.perSecond),
          firstRequestMs,
          warmup: { ok: warmup.ok, perSecond: Math.round(warmup.perSecond) },
          profile,
        },
        ratio: Math.round(ratio * 1000) / 1000,
        httpFloor: { ...httpFloor, perSecond: Math.round(httpFloor.perSecond) },
        breakdown,
        check,
      },
    };
  },
};

/**
 * The endpoint alone, as `npm run test:chaos` reports "load held": `next start` on a database of its
 * own, 32 connections for `seconds` after the warm-up, then the count check (lost, duplicated).
 */
export async function holdIntakeLoad(options: { database: BenchDatabase; seconds: number; log: (line: string) => void; processes?: number }) {
  const url = await freshDatabase(options.database, HOLD_DATABASE);
  const { apiKey } = await insertTeamAndKey(url);
  await getBoss(url);
  await stopBoss();
  const bodies = buildCorpus({ mark: TOKEN.mark }).map((entry) => bodyTemplate(entry.input));
  const ledger: Ledger = new Map();
  const { endpoint, warmup } = await measureEndpoint({
    url,
    apiKey,
    bodies,
    loadSeconds: options.seconds,
    ledger,
    log: options.log,
    paced: false,
    processes: options.processes,
  });
  const check = await checkIntakes({ url, prefix: "http", ledger });
  const rateLimit = { sent: ledger.size, answered: [...ledger.values()].filter((e) => e.status !== null).length, counted: await countedByRateLimit(url) };
  const failed = endpoint.refused + endpoint.errors + endpoint.mismatched + warmup.refused + warmup.errors + warmup.mismatched;
  return {
    connections: CONCURRENCY,
    seconds: options.seconds,
    processes: options.processes ?? 1,
    perSecond: endpoint.perSecond,
    latency: endpoint.latency,
    ok: endpoint.ok,
    failed,
    check,
    rateLimit,
  };
}

// The app started for this run only, the first request alone (it pays for start-up: pg-boss, the
// rule set, the route's modules), a warm-up under load, then the measured load; stopped whatever happens.
async function measureEndpoint(options: {
  url: string;
  apiKey: string;
  bodies: Body[];
  loadSeconds: number;
  ledger: Ledger;
  log: (line: string) => void;
  paced?: false;
  /** `next start` processes behind one port (default 1). */
  processes?: number;
  /** Runs between the closed-loop load and the paced run (the bench waits for a quiet machine there). */
  beforePaced?: () => Promise<void>;
}) {
  const server = await startAppServer({
    log: options.log,
    processes: options.processes,
    env: {
      DATABASE_URL: options.url,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      LOG_LEVEL: "warn",
      INTAKE_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT_PER_MINUTE),
      // Each answer says where its time went in the route, for the breakdown beside the ratio.
      INTAKE_SERVER_TIMING: "on",
      // The deterministic agent whatever this shell configures: the bench measures the app, not a model.
      // Removed, not emptied: the AI SDK reads OPENAI_BASE_URL itself and refuses an empty one.
      OPENAI_API_KEY: undefined,
      OPENAI_BASE_URL: undefined,
    },
  });
  try {
    const load = {
      url: server.url,
      apiKey: options.apiKey,
      bodies: options.bodies,
      connections: CONCURRENCY,
      prefix: "http",
      sequence: { next: HTTP_SEQUENCE_START },
      ledger: options.ledger,
    };
    const firstRequestMs = await postOne(load);
    const warmup = await runHttpLoad({ ...load, seconds: WARMUP_SECONDS });
    options.log(`intake: endpoint warm-up ${Math.round(warmup.perSecond)} intakes/s; measuring ${CONCURRENCY} connections for ${options.loadSeconds} s`);
    const profile = startLoadProfile(options.url, server.pid);
    const endpoint = await runHttpLoad({ ...load, seconds: options.loadSeconds });
    const profiled = await profile.stop();
    // Latency at a steady arrival rate well under capacity: what a lead's form submission waits
    // when the instance is busy but not saturated (closed-loop 32 connections measure saturation).
    // Few connections: autocannon fires each connection's share on its own timer, so 32 paced
    // connections arrive in bursts of 32 and measure the burst, not the rate.
    if (options.paced !== false) await options.beforePaced?.();
    const paced =
      options.paced === false
        ? null
        : await runHttpLoad({ ...load, connections: PACED_CONNECTIONS, seconds: Math.min(15, options.loadSeconds), overallRate: PACED_RATE });
    // The same connections and seconds against the health check: the server and HTTP with next to no work.
    const httpFloor =
      options.paced === false ? null : await runHttpFloor({ url: server.url, path: "/api/health", connections: CONCURRENCY, seconds: options.loadSeconds });
    return { endpoint, paced, warmup, httpFloor, firstRequestMs, profile: profiled, build: server.build };
  } finally {
    await server.stop();
  }
}

// What the route's phases mean, in the order they run; the rest of a response's time is outside the
// route handler: HTTP, Next's request handling, and the wait for the event loop under load.
const PHASES: Record<string, string> = {
  read: "reading the body",
  auth: "the API key lookup and the rate limiter's write (one statement)",
  parse: "JSON, depth, storable text, the schema",
  triage: "masking, the rule set, the agent",
  record: "recordIntake's transaction (the routing lock inside)",
};

function phaseRows(endpoint: HttpLoadResult): Measurement[] {
  const { responses, meanMs } = endpoint.serverTiming;
  return Object.entries(PHASES)
    .filter(([phase]) => meanMs[phase] !== undefined)
    .map(([phase, what]) => ({
      bench: "intake",
      scenario: `  in the route at ${CONCURRENCY} connections: ${phase}, ${what}`,
      runs: responses,
      value: { amount: meanMs[phase]!, unit: "ms mean" },
    }));
}

function describeBreakdown(endpoint: HttpLoadResult): string {
  const { responses, meanMs } = endpoint.serverTiming;
  if (!responses) return "no response carried Server-Timing";
  const inRoute = meanMs.total ?? 0;
  const phases = Object.keys(PHASES)
    .filter((phase) => meanMs[phase] !== undefined)
    .map((phase) => `${phase} ${meanMs[phase]} ms (${Math.round((meanMs[phase]! / endpoint.meanMs) * 100)}%)`);
  const outside = Math.round((endpoint.meanMs - inRoute) * 100) / 100;
  return (
    `of a ${endpoint.meanMs} ms mean response, ${phases.join(", ")}; ${outside} ms (${Math.round((outside / endpoint.meanMs) * 100)}%) ` +
    "outside the route handler (HTTP, Next's request handling, waiting for the event loop)"
  );
}

// pgbench on the same database, with the baseline's plans and the app's pg-boss tables.
async function replayWithPgbench(options: {
  url: string;
  plans: ReturnType<typeof planIntakeRows>[];
  teamId: string;
  seconds: number;
  log: (line: string) => void;
}): Promise<PgbenchOutcome> {
  const sql = postgres(options.url, { max: 1, onnotice: () => {} });
  const tables = await jobTables(sql).finally(() => sql.end({ timeout: 5 }));
  const scripts = pgbenchScripts(options.plans, { teamId: options.teamId, tables });
  return runPgbench({ url: options.url, scripts, clients: CONCURRENCY, seconds: options.seconds, log: options.log });
}

// A team and an API key for it, as `npm run apikey:create` would make: the endpoint's caller.
async function insertTeamAndKey(url: string): Promise<{ teamId: string; apiKey: string }> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const key = generateApiKey();
    const [team] = await sql<{ id: string }[]>`insert into teams (name) values ('Bench intake') returning id`;
    await sql`insert into api_keys (name, prefix, key_hash, team_id) values ('Bench intake load', ${key.prefix}, ${key.hash}, ${team!.id})`;
    return { teamId: team!.id, apiKey: key.key };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

// The endpoint starts from the same empty tables the baseline did; a checkpoint first, so neither
// phase inherits the other's dirty pages (skipped where the role may not checkpoint).
async function resetIntakeTables(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`truncate table intakes, companies, leads, conversations, messages, handoffs, handoff_events, pgboss.job cascade`;
    await sql`checkpoint`.catch(() => undefined);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function postOne(load: { url: string; apiKey: string; bodies: Body[]; prefix: string; sequence: { next: number }; ledger: Ledger }): Promise<number> {
  const n = load.sequence.next++;
  const externalId = `${load.prefix}-${n}`;
  load.ledger.set(externalId, { status: null });
  const started = performance.now();
  const response = await fetch(`${load.url}/api/v1/intake`, {
    method: "POST",
    headers: { authorization: `Bearer ${load.apiKey}`, "content-type": "application/json" },
    body: load.bodies[0]!({ mark: markFor(n), externalId }),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  const ms = Math.round(performance.now() - started);
  load.ledger.set(externalId, { status: response.status, handoffId: /"handoffId":"([0-9a-f-]{36})"/.exec(text)?.[1] ?? null });
  if (!response.ok) throw new Error(`the first intake was refused: ${response.status} ${text.slice(0, 300)}`);
  return ms;
}

// The requests the API key's limiter counted, in Postgres: every app process behind the port counts in the same windows.
async function countedByRateLimit(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ n: number }[]>`select coalesce(sum(count), 0)::int as n from rate_limit_windows where key like '%:key:%'`;
    return row!.n;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
