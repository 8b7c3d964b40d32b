import { z } from "zod";
import { deleteConnectionSettings, listConnectionRows, saveConnectionSettings } from "@/db/queries/connections";
import type { Actor } from "@/lib/auth/guard";
import { crmAdapterLabels, crmAdapterNames, type CrmAdapterName } from "@/lib/crm/crm-adapter-names";
import { env } from "@/lib/env";

// Which CRM the sync logs to: saved by an admin on /admin/connections (a `crm` row beside the
// connections, no secrets), else CRM_ADAPTER from the environment. Read on every sync through a
// short cache, so a change reaches the worker within seconds, without a restart.

export { crmAdapterLabels, crmAdapterNames, type CrmAdapterName };

export const crmChoiceSchema = z.object({
  adapter: z.enum(crmAdapterNames, { error: `must be one of: ${crmAdapterNames.join(", ")}` }),
});

const ROW_KIND = "crm";
const CACHE_MS = 5_000;
let cached: { at: number; saved: Promise<CrmAdapterName | null> } | null = null;

export type CrmChoice = { adapter: CrmAdapterName; source: "database" | "environment" };

/** The saved choice (cached a few seconds), else the environment's, read on every call. */
export async function loadCrmChoice(now = Date.now()): Promise<CrmChoice> {
  if (!cached || now - cached.at > CACHE_MS) {
    const saved = listConnectionRows().then((rows) => {
      const parsed = crmChoiceSchema.safeParse(rows.find((r) => r.kind === ROW_KIND)?.config);
      return parsed.success ? parsed.data.adapter : null;
    });
    cached = { at: now, saved };
    saved.catch(() => (cached = null));
  }
  const saved = await cached.saved;
  return saved ? { adapter: saved, source: "database" } : { adapter: env().CRM_ADAPTER, source: "environment" };
}

export function forgetCrmChoice(): void {
  cached = null;
}

/** Saves the choice (audited as a connection change); it applies from the next sync. */
export async function saveCrmChoice({ actor, adapter }: { actor: Actor; adapter: CrmAdapterName }): Promise<void> {
  await saveConnectionSettings({ actor, kind: ROW_KIND, config: { adapter }, encryptedSecrets: {}, clear: [] });
  forgetCrmChoice();
}

/** Back to CRM_ADAPTER from the environment. */
export async function resetCrmChoice({ actor }: { actor: Actor }): Promise<boolean> {
  const removed = await deleteConnectionSettings({ actor, kind: ROW_KIND });
  forgetCrmChoice();
  return removed;
}
