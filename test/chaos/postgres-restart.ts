import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import postgres from "postgres";
import { readPostmasterPid, startEmbeddedPostgres, type EmbeddedServer } from "@/db/embedded";
import { runMigrations } from "@/db/migrate";
import { generateApiKey } from "@/lib/intake/credentials";
import { checkIntakes } from "../../bench/intake-check";
import { buildCorpus } from "../../bench/intake-corpus";
import type { Ledger } from "../../bench/intake-http";
import { bodyTemplate, markFor, TOKEN } from "../../bench/intake-rows";
import { startRoundRobinProxy, type RoundRobinProxy } from "../../bench/round-robin-proxy";
import { type FaultOutcome, type Log } from "./fault-outcome";

const PREFIX = "pgr";
// postgres.js 3.4.9 can leave a query whose connection died mid-write unsettled (porsager/postgres#1208):
// its request hangs until the client gives up, as an integration's HTTP client would, and retries.
const REQUEST_TIMEOUT_MS = 5_000;
/** How long a client keeps retrying one intake after the load ended before it gives up on it. */
const GIVE_UP_AFTER_MS = 45_000;
const handoffIdPattern = /"handoffId":(null|"([0-9a-f-]{36})")/;

export type PostgresRestartOptions = {
  /** The embedded server's port (25410-25419 are this suite's). */
  port: number;
  dataDir: string;
  connections: number;
  seconds: number;
  /** How long the server stays down between stop and start. */
  downMs?: number;
  /** Intake processes behind one round-robin port (default 1: straight to the one). */
  processes?: number;
  log: Log;
};

/**
 * The intake path (the real route handler, in a process of its own with its own pool) under
 * `connections` concurrent clients for `seconds`, its own embedded Postgres stopped (fast shutdown:
 * open transactions are cut) and started again a third of the way in. Clients do what an
 * integration should: a refused or failed request is retried with the same externalId, with
 * backoff. Afterwards every intake acknowledged with a 2xx must be stored exactly once (intake,
 * handoff, CRM-sync job), and requests after the restart must succeed on the same app process (with
 * `processes`, on every one of them, each asked directly).
 */
export async function postgresRestartDuringIntake(options: PostgresRestartOptions): Promise<FaultOutcome> {
  const started = performance.now();
  const log = (line: string) => options.log(`postgres restart: ${line}`);
  let server = await startOwnServer(options, log);
  const apps: ChildProcess[] = [];
  let proxy: RoundRobinProxy | null = null;
  const problems: string[] = [];
  try {
    const url = server.url;
    await recreateDatabase(url);
    await runMigrations(url);
    const apiKey = await insertTeamAndKey(url);

    const spawned = await Promise.all(Array.from({ length: options.processes ?? 1 }, () => startIntakeProcess(url)));
    apps.push(...spawned.map((s) => s.child));
    const direct = spawned.map((s) => `http://127.0.0.1:${s.port}`);
    if (direct.length > 1) proxy = await startRoundRobinProxy({ upstreams: direct });
    const endpoint = `${proxy?.url ?? direct[0]}/api/v1/intake`;
    const corpus = buildCorpus({ mark: TOKEN.mark, size: 64 });
    const bodies = corpus.map((entry) => bodyTemplate(entry.input));

    const ledger: Ledger = new Map();
    const acks: number[] = [];
    const stats = { attempts: 0, retried: 0, timedOut: 0, replays: 0, gaveUp: 0 };
    let sequence = 0;
    let loadEnds = Date.now() + 60_000;

    const post = async (externalId: string, body: string, to = endpoint) => {
      for (let attempt = 1; ; attempt++) {
        stats.attempts++;
        try {
          const response = await fetch(to, {
            method: "POST",
            headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
            body,
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          });
          const text = await response.text();
          if (response.ok) {
            ledger.set(externalId, { status: response.status, handoffId: handoffIdPattern.exec(text)?.[2] ?? null });
            if (response.headers.get("idempotent-replay")) stats.replays++;
            acks.push(Date.now());
            return;
          }
          ledger.set(externalId, { status: response.status });
        } catch (error) {
          if (error instanceof Error && error.name === "TimeoutError") stats.timedOut++;
          // No answer: written or not, the retry with the same externalId settles which.
          ledger.set(externalId, { status: null });
        }
        if (Date.now() > loadEnds + GIVE_UP_AFTER_MS) {
          stats.gaveUp++;
          return;
        }
        stats.retried++;
        await sleep(Math.min(2_000, 50 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random() / 2));
      }
    };
    const client = async () => {
      while (Date.now() < loadEnds) {
        const n = sequence++;
        const externalId = `${PREFIX}-${n}`;
        ledger.set(externalId, { status: null });
        await post(externalId, bodies[n % bodies.length]!({ mark: markFor(n), externalId }));
      }
    };

    // The first request pays for the process's start-up (modules, pg-boss, the rule set).
    await post(`${PREFIX}-warmup`, bodies[0]!({ mark: "warmup", externalId: `${PREFIX}-warmup` }));
    loadEnds = Date.now() + options.seconds * 1000;
    log(`${options.connections} clients for ${options.seconds} s`);
    const load = Promise.all(Array.from({ length: options.connections }, client));
    await sleep((options.seconds * 1000) / 3);
    const acksBefore = acks.length;
    log(`stopping Postgres after ${acksBefore} intakes`);
    await server.stop();
    const stoppedAt = Date.now();
    await sleep(options.downMs ?? 1_500);
    server = await startOwnServer(options, log);
    const restartedAt = Date.now();
    log(`Postgres back after ${restartedAt - stoppedAt} ms`);
    await load;

    const acksAfter = acks.filter((at) => at > restartedAt).length;
    if (acksAfter === 0) problems.push("no intake succeeded after the restart: the app did not reconnect");
    if (direct.length > 1)
      for (const [i, base] of direct.entries()) {
        const externalId = `${PREFIX}-after-${i}`;
        ledger.set(externalId, { status: null });
        await post(externalId, bodies[0]!({ mark: `after-${i}`, externalId }), `${base}/api/v1/intake`);
        const status = ledger.get(externalId)?.status ?? 0;
        if (status < 200 || status >= 300) problems.push(`intake process ${i + 1} refused intakes after the restart`);
      }
    if (stats.retried === 0) problems.push("no request failed while Postgres was down: the restart did not hit the load");
    if (stats.gaveUp > 0) problems.push(`${stats.gaveUp} intakes were still refused ${GIVE_UP_AFTER_MS / 1000} s after the load ended`);
    if (spawned.some((s) => s.exited())) problems.push("an app process died");

    const check = await checkIntakes({ url, prefix: PREFIX, ledger });
    log(
      `${check.responses2xx} acknowledged, ${check.lost} lost, ${check.duplicated} duplicated; ${stats.retried} retries, ${stats.replays} idempotent replays`,
    );
    return {
      fault: "Postgres restarted during intake load",
      records: check.responses2xx,
      lost: check.lost,
      duplicated: check.duplicated,
      problems,
      seconds: round((performance.now() - started) / 1000),
      details: {
        timeline: bucket(acks, restartedAt),
        ...stats,
        acksBeforeStop: acksBefore,
        acksAfterRestart: acksAfter,
        downMs: restartedAt - stoppedAt,
        check,
        processes: spawned.length,
        forwarded: proxy?.forwarded,
        appErrors: spawned.map((s) => s.errorLines()),
      },
    };
  } finally {
    await proxy?.close();
    await Promise.all(
      apps
        .filter((app) => app.exitCode === null)
        .map((app) => {
          const exited = new Promise((r) => app.once("exit", r));
          app.kill("SIGTERM");
          return Promise.race([exited, sleep(5_000)]);
        }),
    );
    await server.stop();
  }
}

/**
 * Started by this process so it can be stopped and started again. A server left running on this
 * data directory by an earlier, killed run is shut down first (it is this suite's own).
 */
export async function startOwnServer(options: Pick<PostgresRestartOptions, "port" | "dataDir">, log: (line: string) => void): Promise<EmbeddedServer> {
  const stale = existsSync(join(resolve(options.dataDir, "pg"), "postmaster.pid")) ? readPostmasterPid(options.dataDir) : null;
  let server = await startEmbeddedPostgres({ dataDir: options.dataDir, port: options.port, database: "baton_chaos", log });
  if (!server.ownsServer && stale) {
    log(`stopping a server an earlier run left on port ${options.port}`);
    process.kill(stale, "SIGINT");
    for (let i = 0; i < 100 && isAlive(stale); i++) await sleep(100);
    server = await startEmbeddedPostgres({ dataDir: options.dataDir, port: options.port, database: "baton_chaos", log });
  }
  if (!server.ownsServer) throw new Error(`another Postgres answers on port ${options.port}: the restart scenario needs its own`);
  return server;
}

export async function startIntakeProcess(databaseUrl: string) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: "error",
    INTAKE_RATE_LIMIT_PER_MINUTE: "1000000",
    DATABASE_POOL_MAX: "10",
  };
  // The deterministic agent: the fault is the database, not a model.
  delete env.OPENAI_API_KEY;
  delete env.OPENAI_BASE_URL;
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "test/chaos/intake-server-process.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const errors: string[] = [];
  let errorCount = 0;
  child.stderr!.on("data", (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n").filter(Boolean)) {
      errorCount++;
      if (errors.length < 10) errors.push(line.slice(0, 300));
    }
  });
  const port = await new Promise<number>((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error(`the intake process did not start: ${errors.join(" | ")}`)), 60_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(chunk.toString());
      if (match) {
        clearTimeout(timer);
        resolvePort(Number(match[1]));
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the intake process exited (${code}): ${errors.join(" | ")}`));
    });
  });
  return { child, port, exited: () => child.exitCode !== null || child.signalCode !== null, errorLines: () => ({ count: errorCount, first: errors }) };
}

async function insertTeamAndKey(url: string): Promise<string> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const key = generateApiKey();
    const [team] = await sql<{ id: string }[]>`insert into teams (name) values ('Chaos intake') returning id`;
    await sql`insert into api_keys (name, prefix, key_hash, team_id) values ('Chaos intake load', ${key.prefix}, ${key.hash}, ${team!.id})`;
    return key.key;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

// A rerun on the same data directory starts from an empty database.
export async function recreateDatabase(url: string): Promise<void> {
  const admin = new URL(url);
  const name = admin.pathname.slice(1);
  admin.pathname = "/postgres";
  const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`drop database if exists ${name} with (force)`);
    await sql.unsafe(`create database ${name}`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const round = (n: number) => Math.round(n * 10) / 10;

function bucket(acks: number[], origin: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const at of acks) {
    const s = String(Math.floor((at - origin) / 1000));
    out[s] = (out[s] ?? 0) + 1;
  }
  return out;
}
