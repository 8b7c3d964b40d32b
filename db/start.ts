import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join, resolve } from "node:path";
import { startEmbeddedPostgres } from "@/db/embedded";
import { runMigrations } from "@/db/migrate";
import { seedDefaultKnowledge } from "@/db/seed/default-knowledge";
import { env } from "@/lib/env";

export type StartedDatabase = { url: string; embedded: boolean; stop: () => Promise<void> };

/**
 * Makes the database ready before the app serves: the embedded server when DATABASE_URL is unset,
 * then migrations (serialised by an advisory lock, so several instances may start at once).
 */
export async function startDatabase(log: (line: string) => void = () => {}): Promise<StartedDatabase> {
  const settings = env();
  if (settings.DATABASE_URL) {
    await runMigrations(settings.DATABASE_URL);
    await seedDefaultKnowledge(settings.DATABASE_URL);
    return { url: settings.DATABASE_URL, embedded: false, stop: async () => {} };
  }
  const server = await startEmbeddedPostgres({ dataDir: settings.BATON_DATA_DIR, port: settings.EMBEDDED_PG_PORT, log });
  await runMigrations(server.url);
  await seedDefaultKnowledge(server.url);
  return { url: server.url, embedded: true, stop: server.stop };
}

/**
 * A zero-configuration install keeps a generated session secret beside its embedded data, so
 * sessions survive restarts. With DATABASE_URL set, AUTH_SECRET must be configured explicitly.
 */
export function localAuthSecret(): string {
  const dir = resolve(env().BATON_DATA_DIR);
  const file = join(dir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}
