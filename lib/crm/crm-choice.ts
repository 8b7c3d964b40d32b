import { z } from "zod";
import { deleteConnectionSettings, findConnectionRow, saveConnectionSettings } from "@/db/queries/connections";
import type { Actor } from "@/lib/auth/guard";
import { crmAdapterLabels, crmAdapterNames, type CrmAdapterName } from "@/lib/crm/crm-adapter-names";
import { env } from "@/lib/env";

// Which CRM the sync logs to: saved by an admin on /admin/connections (a `crm` row beside the
// connections, no secrets), else CRM_ADAPTER from the environment. Read on every sync, never cached:
// the admin saves in an app process and the syncs run in the workers, so a copy per process kept
// every worker syncing to the CRM the admin had just left.

export { crmAdapterLabels, crmAdapterNames, type CrmAdapterName };

export const crmChoiceSchema = z.object({
  adapter: z.enum(crmAdapterNames, { error: `must be one of: ${crmAdapterNames.join(", ")}` }),
});

const ROW_KIND = "crm";

export type CrmChoice = { adapter: CrmAdapterName; source: "database" | "environment" };

/** The saved choice, else the environment's, read on every call. */
export async function loadCrmChoice(): Promise<CrmChoice> {
  const row = await findConnectionRow(ROW_KIND);
  const saved = crmChoiceSchema.safeParse(row?.config);
  return saved.success ? { adapter: saved.data.adapter, source: "database" } : { adapter: env().CRM_ADAPTER, source: "environment" };
}

/** Saves the choice (audited as a connection change); it applies from the next sync. */
export async function saveCrmChoice({ actor, adapter }: { actor: Actor; adapter: CrmAdapterName }): Promise<void> {
  await saveConnectionSettings({ actor, kind: ROW_KIND, config: { adapter }, encryptedSecrets: {}, clear: [] });
}

/** Back to CRM_ADAPTER from the environment. */
export async function resetCrmChoice({ actor }: { actor: Actor }): Promise<boolean> {
  return deleteConnectionSettings({ actor, kind: ROW_KIND });
}
