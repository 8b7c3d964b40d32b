import { listMappings, loadCrmSyncSources, reserveMappings, saveMappings, setPackageCrmRecords, withCrmLocks } from "@/db/queries/crm";
import { listThreadEmailsForCrm } from "@/db/queries/mailbox";
import { listMeetingsForHandoffs } from "@/db/queries/meetings";
import { handoffPackageSchema } from "@/lib/contract/package";
import type { CrmAdapter, CrmAssociation, EmailEngagementInput, UpsertInput } from "@/lib/crm/adapter";
import { EMAIL_ENGAGEMENT_KIND, emailEngagement, type EmailEngagement } from "@/lib/crm/email-engagement";
import { crmKinds, planSync, type PlannedRecord, type SyncPlan } from "@/lib/crm/plan-sync";

/** An adapter, or where to get the one configured now (resolved once per sync). */
export type CrmAdapterSource = CrmAdapter | (() => Promise<CrmAdapter>);

/** `unparsable`: handoffs whose stored package no longer matches the format, which no retry can sync. */
export type SyncResult = { synced: string[]; unparsable: string[] };

/** The plan for each handoff, from its current state (what the preview shows and the sync writes). */
export async function planHandoffs(handoffIds: string[], appUrl: string): Promise<{ plans: Map<string, SyncPlan>; unparsable: string[] }> {
  const [sources, meetings] = await Promise.all([loadCrmSyncSources({ handoffIds }), listMeetingsForHandoffs({ handoffIds })]);
  const plans = new Map<string, SyncPlan>();
  const unparsable: string[] = [];
  for (const { handoff, companyDomain, ownerEmail } of sources) {
    const pkg = handoffPackageSchema.safeParse(handoff.package);
    if (!pkg.success) unparsable.push(handoff.id);
    else
      plans.set(
        handoff.id,
        planSync({
          handoff,
          pkg: pkg.data,
          companyDomain,
          ownerEmail,
          packageUrl: `${appUrl}/handoffs/${handoff.id}`,
          meetings: meetings.get(handoff.id) ?? [],
        }),
      );
  }
  return { plans, unparsable };
}

/**
 * Brings the CRM in line with these handoffs' current state, a batch at a time: one call per kind
 * (companies, contacts, deals, tickets, notes, tasks), then the associations. Every record goes
 * through the mapping table, so running it again (a retry, a status change) updates instead of
 * duplicating, and a key reserved before a crash is looked up in the CRM before anything is created.
 */
export async function syncHandoffs(handoffIds: string[], deps: { adapter: CrmAdapterSource; appUrl: string }): Promise<SyncResult> {
  const adapter = typeof deps.adapter === "function" ? await deps.adapter() : deps.adapter;
  const { plans, unparsable } = await planHandoffs(handoffIds, deps.appUrl);
  const portal = await adapter.portal();
  const records = [...plans.values()].flatMap((p) => p.records);
  // The thread's emails, for a CRM that logs them as email activity (one engagement per email).
  const emails: EmailEngagement[] = adapter.logEmails ? (await listThreadEmailsForCrm([...plans.keys()])).map(emailEngagement) : [];
  const lockKeys = [...records, ...emails.map((e) => ({ kind: EMAIL_ENGAGEMENT_KIND, key: e.key }))].map((r) => `${adapter.name}:${portal}:${r.kind}:${r.key}`);

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

    if (adapter.logEmails && emails.length) {
      // The mapping is the idempotency key: an email already logged is never sent again, and one
      // reserved by a run that crashed before storing its id is looked up in the CRM first.
      const emailRefs = emails.map((e) => ({ kind: EMAIL_ENGAGEMENT_KIND, key: e.key }));
      const emailMapped = await listMappings({ adapter: adapter.name, portal, refs: emailRefs });
      const logged = new Set(emailMapped.filter((m) => m.crmId).map((m) => m.key));
      const inFlight = new Set(emailMapped.filter((m) => !m.crmId).map((m) => m.key));
      const inputs: EmailEngagementInput[] = [];
      for (const email of emails) {
        const contact = plans.get(email.handoffId)?.records.find((r) => r.kind === "contact");
        const contactId = contact ? ids.get(ref(contact)) : undefined;
        if (!contactId || logged.has(email.key)) continue;
        inputs.push({ email, contactId, maybeCreated: inFlight.has(email.key) });
      }
      if (inputs.length) {
        await reserveMappings({
          adapter: adapter.name,
          portal,
          kind: EMAIL_ENGAGEMENT_KIND,
          keys: inputs.filter((i) => !i.maybeCreated).map((i) => i.email.key),
        });
        const created = await adapter.logEmails(inputs);
        await saveMappings({ adapter: adapter.name, portal, kind: EMAIL_ENGAGEMENT_KIND, rows: created });
      }
    }

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
