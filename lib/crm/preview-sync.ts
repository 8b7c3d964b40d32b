import { listMappings } from "@/db/queries/crm";
import { crmSyncFailureOf } from "@/db/queries/jobs";
import { loadCrmChoice, type CrmAdapterName } from "@/lib/crm/crm-choice";
import type { CrmKind, PlannedRecord } from "@/lib/crm/plan-sync";
import { sObjectOf } from "@/lib/crm/salesforce/fields";
import { planHandoffs } from "@/lib/crm/sync-handoffs";
import { env } from "@/lib/env";

export type PreviewAction = "create" | "update" | "skip";
export type PreviewItem = Pick<PlannedRecord, "kind" | "key" | "label" | "why"> & {
  action: PreviewAction;
  url: string | null;
  /** What the record is called in the chosen CRM (Salesforce: Lead, Contact, Account, Opportunity…); null: the kind says it. */
  crmObject: string | null;
};
export type SyncPreview = {
  crm: CrmAdapterName;
  items: PreviewItem[];
  associations: { from: PreviewItem; to: PreviewItem }[];
  lastSyncedAt: Date | null;
  /** The CRM refused this package's sync (it waits on /admin/jobs): its own message. */
  failure: { message: string; deadSince: Date } | null;
};

/**
 * What the next sync of this handoff will do, from the same plan the sync runs: each record with
 * create or update (update when a mapping exists: the same email or domain synced before, by any
 * handoff), and the associations, in the chosen CRM's words. Null when the package cannot be planned.
 */
export async function previewCrmSync({ handoffId }: { handoffId: string }): Promise<SyncPreview | null> {
  const crm = (await loadCrmChoice()).adapter;
  const plan = (await planHandoffs([handoffId], env().APP_URL)).plans.get(handoffId);
  if (!plan) return null;
  const mappings = await listMappings({ adapter: crm, refs: plan.records });
  const mapped = (r: { kind: CrmKind; key: string }) => mappings.find((m) => m.kind === r.kind && m.key === r.key && m.crmId);
  const items: PreviewItem[] = plan.records.map((r) => {
    const m = mapped(r);
    const item: PreviewItem = {
      kind: r.kind,
      key: r.key,
      label: r.label,
      why: r.why,
      action: m ? "update" : r.mode === "update_only" ? "skip" : "create",
      url: m?.url ?? null,
      crmObject: null,
    };
    if (crm === "salesforce") {
      item.crmObject = sObjectOf(r);
      // The same rule as the Salesforce adapter: without sales intent the company stays on the Lead.
      if (r.kind === "company" && !r.fields.salesIntent && !m)
        Object.assign(item, { action: "skip", why: "No sales intent yet: the company is kept on the Lead" });
      if (r.kind === "contact" && !r.fields.salesIntent) item.why = "No sales intent yet: a Lead, one per email";
    }
    return item;
  });
  const byRef = (ref: { kind: CrmKind; key: string }) => items.find((i) => i.kind === ref.kind && i.key === ref.key)!;
  const associations = plan.associations
    .map((a) => ({ from: byRef(a.from), to: byRef(a.to) }))
    .filter((a) => a.from.action !== "skip" && a.to.action !== "skip");
  const own = mappings.filter((m) => m.key === `handoff:${handoffId}` && m.crmId);
  return { crm, items, associations, lastSyncedAt: own.length ? own[0]!.updatedAt : null, failure: await crmSyncFailureOf({ handoffId }) };
}
