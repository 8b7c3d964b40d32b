import { listMappings, loadCrmSyncSources, reserveMappings, saveMappings, setPackageCrmRecords, withCrmLocks } from "@/db/queries/crm";
import { handoffPackageSchema } from "@/lib/contract/package";
import type { CrmAdapter, CrmAssociation, UpsertInput } from "@/lib/crm/adapter";
import { crmKinds, planSync, type PlannedRecord, type SyncPlan } from "@/lib/crm/plan-sync";

/** `unparsable`: handoffs whose stored package no longer matches the format, which no retry can sync. */
export type SyncResult = { synced: string[]; unparsable: string[] };

/** The plan for each handoff, from its current state (what the preview shows and the sync writes). */
export async function planHandoffs(handoffIds: string[], appUrl: string): Promise<{ plans: Map<string, SyncPlan>; unparsable: string[] }> {
  const sources = await loadCrmSyncSources({ handoffIds });
  const plans = new Map<string, SyncPlan>();
  const unparsable: string[] = [];
  for (const { handoff, companyDomain, ownerEmail } of sources) {
    const pkg = handoffPackageSchema.safeParse(handoff.package);
    if (!pkg.success) unparsable.push(handoff.id);
    else plans.set(handoff.id, planSync({ handoff, pkg: pkg.data, companyDomain, ownerEmail, packageUrl: `${appUrl}/handoffs/${handoff.id}` }));
  }
  return { plans, unparsable };
}

/**
 * Brings the CRM in line with these handoffs' current state, a batch at a time: one call per kind
 * (companies, contacts, deals, tickets, notes, tasks), then the associations. Every record goes
 * through the mapping table, so running it again (a retry, a status change) updates instead of
 * duplicating, and a key reserved before a crash is looked up in the CRM before anything is created.
 */
export async function syncHandoffs(handoffIds: string[], deps: { adapter: CrmAdapter; appUrl: string }): Promise<SyncResult> {
  const { adapter } = deps;
  const { plans, unparsable } = await planHandoffs(handoffIds, deps.appUrl);
  const portal = await adapter.portal();
  const records = [...plans.values()].flatMap((p) => p.records);
  const lockKeys = records.map((r) => `${adapter.name}:${portal}:${r.kind}:${r.key}`);

  await withCrmLocks(lockKeys, async () => {
    const mapped = await listMappings({ adapter: adapter.name, portal, refs: records });
    const ids = new Map<string, string>();
    const reserved = new Set<string>();
    const urls = new Map<string, string | null>();
    for (const m of mapped) {
      if (m.crmId) {
        ids.set(ref(m), m.crmId);
        urls.set(ref(m), m.url);
      } else reserved.add(ref(m));
    }

    for (const kind of crmKinds) {
      // The same person or account in several handoffs of the batch is one record; the last plan wins.
      const byKey = new Map<string, PlannedRecord>();
      for (const r of records) if (r.kind === kind) byKey.set(r.key, r);
      const inputs: UpsertInput[] = [];
      for (const record of byKey.values()) {
        const crmId = ids.get(ref(record)) ?? null;
        if (!crmId && record.mode === "update_only") continue;
        inputs.push({ record, crmId, maybeCreated: !crmId && reserved.has(ref(record)) });
      }
      if (inputs.length === 0) continue;
      await reserveMappings({ adapter: adapter.name, portal, kind, keys: inputs.filter((i) => !i.crmId).map((i) => i.record.key) });
      const upserted = await adapter.upsert(kind, inputs);
      await saveMappings({ adapter: adapter.name, portal, kind, rows: upserted });
      for (const u of upserted) {
        ids.set(ref({ kind, key: u.key }), u.crmId);
        urls.set(ref({ kind, key: u.key }), u.url);
      }
    }

    const pairs = new Map<string, CrmAssociation>();
    for (const plan of plans.values()) {
      for (const a of plan.associations) {
        const fromId = ids.get(ref(a.from));
        const toId = ids.get(ref(a.to));
        // A record the plan only updates (a lost deal never opened) is not there to link.
        if (fromId && toId) pairs.set(`${a.from.kind}:${fromId}>${a.to.kind}:${toId}`, { fromKind: a.from.kind, fromId, toKind: a.to.kind, toId });
      }
    }
    await adapter.associate([...pairs.values()]);

    const links: { handoffId: string; url: string }[] = [];
    for (const [handoffId, plan] of plans) {
      const contact = plan.records.find((r) => r.kind === "contact");
      const url = contact ? urls.get(ref(contact)) : null;
      if (url) links.push({ handoffId, url });
    }
    await setPackageCrmRecords({ links });
  });

  // A handoff deleted since the job was queued has nothing left to sync: it is in neither list.
  return { synced: [...plans.keys()], unparsable };
}

function ref(r: { kind: string; key: string }): string {
  return `${r.kind}:${r.key}`;
}
