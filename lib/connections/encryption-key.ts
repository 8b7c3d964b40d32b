import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join, resolve } from "node:path";
import { parseEncryptionKey } from "@/lib/connections/encryption";
import { env } from "@/lib/env";

/**
 * The key connection secrets are encrypted with: BATON_ENCRYPTION_KEY when set. A zero-configuration
 * install (embedded database, no DATABASE_URL) and development keep a generated key beside the
 * embedded data, the way db/start.ts keeps AUTH_SECRET; a production database needs the variable.
 */
export function encryptionKey(): Buffer {
  const settings = env();
  if (settings.BATON_ENCRYPTION_KEY) {
    const key = parseEncryptionKey(settings.BATON_ENCRYPTION_KEY);
    if (!key) throw new Error("BATON_ENCRYPTION_KEY must be 32 bytes, as base64 or 64 hex digits");
    return key;
  }
  if (settings.DATABASE_URL && settings.NODE_ENV === "production") {
    throw new Error("BATON_ENCRYPTION_KEY is required to store connection secrets when DATABASE_URL is set (generate one with: openssl rand -base64 32)");
  }
  return localEncryptionKey(settings.BATON_DATA_DIR);
}

function localEncryptionKey(dataDir: string): Buffer {
  const dir = resolve(dataDir);
  const file = join(dir, "encryption-key");
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString("base64") + "\n", { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another process (the app and the worker start together) wrote it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  const key = parseEncryptionKey(readFileSync(file, "utf8"));
  if (!key) throw new Error(`${file} does not hold a 32-byte key; set BATON_ENCRYPTION_KEY or remove the file (saved connection secrets are then lost)`);
  return key;
}
