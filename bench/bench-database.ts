import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import postgres from "postgres";
import { embeddedUrl, startEmbeddedPostgres } from "@/db/embedded";
import { runMigrations } from "@/db/migrate";

export const BENCH_DATABASE = "baton_bench";
// Apart from the app's (.data, 25329) and the tests' (.data/test, 25349), so a bench never touches their data.
const EMBEDDED_DATA_DIR = ".data/bench";
const EMBEDDED_PORT = 25359;

export type BenchDatabase = {
  /** The dedicated bench database and its name. */
  url: string;
  name: string;
  /** Another database on the same server, from which the bench database is dropped and created. */
  adminUrl: string;
  embedded: boolean;
  stop: () => Promise<void>;
};

/** What a dataset was generated from; a database whose mark differs is rebuilt rather than reused. */
export type DatasetMark = Record<string, string | number>;

/**
 * The server the benches run on: the one DATABASE_URL names, or the app's embedded Postgres
 * under .data/bench. The dedicated database is created if missing; its contents are left to
 * the datasets, which decide whether they can reuse them.
 */
export async function openBenchDatabase(options: {
  serverUrl: string | undefined;
  log: (line: string) => void;
  /** Another name than baton_bench: checkouts sharing one server keep their datasets apart. */
  name?: string;
}): Promise<BenchDatabase> {
  const name = options.name ?? BENCH_DATABASE;
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a database name for a bench: ${name}`);
  if (options.serverUrl) {
    const adminUrl = maintenanceUrl(options.serverUrl, name);
    await createDatabaseIfMissing(adminUrl, name);
    return { url: withDatabase(options.serverUrl, name), name, adminUrl, embedded: false, stop: async () => {} };
  }
  const server = await startEmbeddedPostgres({
    dataDir: EMBEDDED_DATA_DIR,
    port: EMBEDDED_PORT,
    database: name,
    log: options.log,
  });
  return { url: server.url, name, adminUrl: embeddedUrl(EMBEDDED_PORT, "postgres"), embedded: true, stop: server.stop };
}

/**
 * True when the database holds the dataset `mark` describes and the migrations it was built on
 * are still the current ones. The migrations are then applied anyway, which is a no-op.
 */
export async function isReusable(database: BenchDatabase, mark: DatasetMark): Promise<boolean> {
  const expected = JSON.stringify({ ...mark, migrations: migrationsDigest() });
  const sql = postgres(database.url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ mark: string | null }[]>`
      select shobj_description(oid, 'pg_database') as mark from pg_database where datname = current_database()`;
    if (row?.mark !== expected) return false;
  } finally {
    await sql.end({ timeout: 5 });
  }
  await runMigrations(database.url);
  return true;
}

/** An empty database at the current migrations: dropped and created, so no bloat or stray rows survive. */
export async function recreateBenchDatabase(database: BenchDatabase): Promise<void> {
  const admin = postgres(database.adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${database.name} with (force)`);
    await admin.unsafe(`create database ${database.name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  await runMigrations(database.url);
}

/**
 * Another dedicated database on the bench server (a bench that writes, such as the intake load,
 * keeps away from the inbox's million rows): dropped and created empty at the current migrations
 * on every call. Returns its URL.
 */
export async function freshDatabase(database: BenchDatabase, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name) || name === database.name) throw new Error(`not a database name for a bench: ${name}`);
  const admin = postgres(database.adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = withDatabase(database.url, name);
  await runMigrations(url);
  return url;
}

/** Written last, after the data is complete: an interrupted generation leaves no mark and is redone. */
export async function writeDatasetMark(database: BenchDatabase, mark: DatasetMark): Promise<void> {
  const sql = postgres(database.url, { max: 1, onnotice: () => {} });
  try {
    const text = JSON.stringify({ ...mark, migrations: migrationsDigest() });
    await sql.unsafe(`comment on database ${database.name} is ${quoteLiteral(text)}`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

function migrationsDigest(): string {
  const folder = resolve(process.cwd(), "db/migrations");
  const hash = createHash("sha256");
  hash.update(readFileSync(join(folder, "meta/_journal.json")));
  for (const file of readdirSync(folder)
    .filter((f) => f.endsWith(".sql"))
    .sort()) {
    hash.update(file).update(readFileSync(join(folder, file)));
  }
  return hash.digest("hex").slice(0, 16);
}

async function createDatabaseIfMissing(adminUrl: string, name: string): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await admin`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

// The server's own database to connect to while creating or dropping the bench one: the URL's,
// unless that is the bench database itself.
function maintenanceUrl(serverUrl: string, bench: string): string {
  const name = new URL(serverUrl).pathname.replace(/^\//, "");
  return name && name !== bench ? serverUrl : withDatabase(serverUrl, "postgres");
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

// COMMENT takes no bind parameters, so the mark is quoted as a literal.
function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
