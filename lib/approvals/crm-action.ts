import { listMappings, reserveMappings, saveMappings, withCrmLocks } from "@/db/queries/crm";
import type { CrmAdapter, CrmAssociation } from "@/lib/crm/adapter";
import type { PlannedRecord } from "@/lib/crm/plan-sync";
import { planHandoffs } from "@/lib/crm/sync-handoffs";

export type CrmActionResult = { kind: "contact" | "deal"; crmId: string; url: string | null; changed: Record<string, unknown> };

type CrmAction =
  | { action: "update_crm_status"; params: { status: "NEW" | "IN_PROGRESS" | "OPEN_DEAL" | "UNQUALIFIED" } }
  | { action: "create_deal"; params: { name?: string; amount?: number; currency?: string; stage: "qualified" | "in_progress" | "won" | "lost" } }
  | {
      action: "update_crm_record";
      params: { phone?: string; jobTitle?: string; website?: string; companyName?: string; firstName?: string; lastName?: string };
    };

/**
 * Runs an approved CRM change through the configured adapter, on the same records the CRM sync keeps
 * (the package's contact, its company and its one deal, found through the sync's mappings), so the
 * change lands on the lead's existing record and a retry updates instead of creating a second one.
 */
export async function applyCrmAction(input: CrmAction & { handoffId: string; adapter: CrmAdapter; appUrl: string }): Promise<CrmActionResult> {
  const { adapter } = input;
  const { plans } = await planHandoffs([input.handoffId], input.appUrl);
  const plan = plans.get(input.handoffId);
  if (!plan) throw new Error("The package is gone, or its stored content no longer parses.");
  const contact = plan.records.find((r): r is Extract<PlannedRecord, { kind: "contact" }> => r.kind === "contact")!;
  const company = plan.records.find((r) => r.kind === "company") ?? null;

  let target: PlannedRecord;
  let changed: Record<string, unknown>;
  if (input.action === "update_crm_status") {
    changed = { leadStatus: input.params.status };
    target = { ...contact, fields: { ...contact.fields, leadStatus: input.params.status } };
  } else if (input.action === "update_crm_record") {
    changed = Object.fromEntries(Object.entries(input.params).filter(([, v]) => v !== undefined));
    target = { ...contact, fields: { ...contact.fields, ...changed } };
  } else {
    const planned = plan.records.find((r) => r.kind === "deal");
    const name = input.params.name ?? (planned?.kind === "deal" ? planned.fields.name : `${contact.label}`);
    const fields = {
      name,
      stage: input.params.stage,
      amount: input.params.amount ?? null,
      currency: input.params.currency ?? null,
      closeDate: null,
      ownerEmail: contact.fields.ownerEmail,
    };
    changed = { ...fields };
    // The package's one deal (the key the sync uses): approving it twice, or the sync later, updates it.
    target = { kind: "deal", key: `handoff:${input.handoffId}`, mode: "upsert", label: name, why: "Approved by a person", fields };
  }

  const portal = await adapter.portal();
  const records = target.kind === "deal" ? [target, contact, ...(company ? [company] : [])] : [target];
  return withCrmLocks(
    records.map((r) => `${adapter.name}:${portal}:${r.kind}:${r.key}`),
    async () => {
      const ids = new Map<string, { crmId: string; url: string | null }>();
      for (const record of records) ids.set(ref(record), await upsertOne(adapter, portal, record));
      if (target.kind === "deal") {
        const deal = ids.get(ref(target))!;
        const pairs: CrmAssociation[] = [{ fromKind: "deal", fromId: deal.crmId, toKind: "contact", toId: ids.get(ref(contact))!.crmId }];
        if (company) pairs.push({ fromKind: "deal", fromId: deal.crmId, toKind: "company", toId: ids.get(ref(company))!.crmId });
        await adapter.associate(pairs);
      }
      const done = ids.get(ref(target))!;
      return { kind: target.kind === "deal" ? "deal" : "contact", crmId: done.crmId, url: done.url, changed };
    },
  );
}

/** One record through the mapping table, as the sync does: reserved before the call, saved after it. */
async function upsertOne(adapter: CrmAdapter, portal: string, record: PlannedRecord) {
  const [mapping] = await listMappings({ adapter: adapter.name, portal, refs: [record] });
  const crmId = mapping?.crmId ?? null;
  if (!crmId) await reserveMappings({ adapter: adapter.name, portal, kind: record.kind, keys: [record.key] });
  const [saved] = await adapter.upsert(record.kind, [{ record, crmId, maybeCreated: !crmId && Boolean(mapping) }]);
  if (!saved) throw new Error(`The CRM answered no record for ${record.kind} ${record.key}.`);
  await saveMappings({ adapter: adapter.name, portal, kind: record.kind, rows: [saved] });
  return { crmId: saved.crmId, url: saved.url };
}

function ref(r: { kind: string; key: string }): string {
  return `${r.kind}:${r.key}`;
}
