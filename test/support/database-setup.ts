import type { TestProject } from "vitest/node";
import postgres from "postgres";
import { startEmbeddedPostgres, type EmbeddedServer } from "../../db/embedded";
import { runMigrations } from "../../db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/**
 * A fresh database for every run: on the server DATABASE_URL points at (CI: the machine's Postgres
 * on 5432), or on an embedded server when it is unset. Dropped again at the end.
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedServer | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    // Every fixed port here and in the chaos, bench and e2e servers sits below Linux's ephemeral range
    // (32768-60999): a port in it can be taken at any moment by the client side of some other connection.
    embedded = await startEmbeddedPostgres({ dataDir: ".data/test", port: 25349, database: "postgres" });
    serverUrl = embedded.url;
  }
  const name = `baton_test_${Date.now()}_${process.pid}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = withDatabase(serverUrl, name);
  await runMigrations(url);
  project.provide("databaseUrl", url);

  return async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
    await embedded?.stop();
  };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
