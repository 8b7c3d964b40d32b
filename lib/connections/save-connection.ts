import { deleteConnectionSettings, listConnectionRows, saveConnectionSettings } from "@/db/queries/connections";
import type { Actor } from "@/lib/auth/guard";
import { encryptSecret, SecretDecryptionError } from "@/lib/connections/encryption";
import { encryptionKey } from "@/lib/connections/encryption-key";
import {
  decryptRows,
  loadConnectionSettings,
  resolveConnections,
  savedRowProblem,
  secretContext,
  type ConnectionSource,
  type DecryptedConnection,
  type ResolvedConnections,
} from "@/lib/connections/load-connection-settings";
import { configSchemas, connectionKinds, secretFields, type ConnectionKind, type SaveConnectionInput } from "@/lib/connections/schema";
import { env } from "@/lib/env";

/** Encrypts the secrets that were typed in, keeps the others, and records the change (redacted). */
export async function saveConnection({ actor, input }: { actor: Actor; input: SaveConnectionInput }): Promise<void> {
  const { kind, clear, ...fields } = input;
  const values = fields as Record<string, unknown>;
  const config = configSchemas[kind].parse(values) as Record<string, unknown>;
  const key = encryptionKey();
  // The first save of a service that ran on the environment: a blank secret keeps the one in force,
  // so saving only the default channel does not silently drop the bot token.
  const firstSave = !(await listConnectionRows()).some((row) => row.kind === kind);
  const inForce = resolveConnections([], env())[kind] as Record<string, unknown>;
  const encryptedSecrets: Record<string, string> = {};
  for (const field of secretFields[kind] as readonly string[]) {
    const typed = values[field];
    const kept = firstSave && !(clear as readonly string[]).includes(field) ? inForce[field] : undefined;
    const value = typeof typed === "string" && typed ? typed : typeof kept === "string" && kept ? kept : null;
    if (value) encryptedSecrets[field] = encryptSecret(value, key, secretContext(kind, field));
  }
  await saveConnectionSettings({ actor, kind, config, encryptedSecrets, clear });
}

/**
 * The settings the form's values would put in force, for "test before saving": the typed settings,
 * and each secret as typed, else the one in force now (saved, or the environment's) unless the form
 * removes it. Nothing is written.
 */
export async function draftConnection(input: SaveConnectionInput): Promise<ResolvedConnections> {
  const { kind, clear, ...fields } = input;
  const values = fields as Record<string, unknown>;
  const inForce = await loadConnectionSettings();
  const current = inForce[kind] as Record<string, unknown>;
  const draft: Record<string, unknown> = { source: current.source, ...configSchemas[kind].parse(values) };
  for (const field of secretFields[kind] as readonly string[]) {
    const typed = values[field];
    const kept = (clear as readonly string[]).includes(field) ? undefined : current[field];
    const value = typeof typed === "string" && typed ? typed : typeof kept === "string" && kept ? kept : undefined;
    if (value) draft[field] = value;
  }
  return { ...inForce, [kind]: draft };
}

/** "From the environment" again: the saved settings of one service are removed (audited); the environment's apply at once. */
export async function resetConnection({ actor, kind }: { actor: Actor; kind: ConnectionKind }): Promise<boolean> {
  return deleteConnectionSettings({ actor, kind });
}

export type ConnectionView = {
  kind: ConnectionKind;
  source: ConnectionSource;
  /** A saved row that today's validation refuses: it is ignored (the environment applies) until saved again. */
  unusableSaved: string | null;
  config: Record<string, string>;
  /** Per secret field: its last four characters when set ("set, ending …abcd"), else null. Never the secret. */
  secrets: Record<string, string | null>;
};

/** What /admin/connections shows: settings in force and which secrets are set, without the secrets. */
export async function describeConnections(): Promise<{ views: ConnectionView[]; unreadable: boolean }> {
  const rows = await listConnectionRows();
  let decrypted: DecryptedConnection[];
  let unreadable = false;
  try {
    decrypted = decryptRows(rows);
  } catch (error) {
    // The key changed (or a row was edited by hand): show the environment's settings and say so,
    // so an admin can save the secrets again with the key now in force.
    if (!(error instanceof SecretDecryptionError)) throw error;
    decrypted = [];
    unreadable = true;
  }
  const resolved = resolveConnections(decrypted, env());
  const views = connectionKinds.map((kind) => {
    const settings = resolved[kind] as Record<string, unknown>;
    const secretNames = secretFields[kind] as readonly string[];
    const config = Object.fromEntries(
      Object.entries(settings)
        .filter(([field, v]) => field !== "source" && !secretNames.includes(field) && (typeof v === "string" || typeof v === "number"))
        .map(([field, v]) => [field, String(v)]),
    ) as Record<string, string>;
    const secrets = Object.fromEntries(secretNames.map((field) => [field, typeof settings[field] === "string" ? lastFour(settings[field] as string) : null]));
    const saved = decrypted.find((row) => row.kind === kind);
    return { kind, source: resolved[kind].source, unusableSaved: saved ? savedRowProblem(saved) : null, config, secrets };
  });
  return { views, unreadable };
}

function lastFour(secret: string): string {
  return secret.length > 8 ? secret.slice(-4) : "";
}
