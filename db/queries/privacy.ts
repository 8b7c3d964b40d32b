import { enqueue } from "@/db/queries/outbox";
import { and, eq, inArray, or, sql as dsql } from "drizzle-orm";
import { db, type Transaction } from "@/db";
import { recordAdminChange } from "@/db/queries/audit";
import {
  approvalLinkTokens,
  approvalRequests,
  conversations,
  crmAssociations,
  crmContacts,
  crmDeals,
  crmMappings,
  crmNotes,
  crmTasks,
  crmTickets,
  deliveries,
  handoffEvents,
  handoffSlaClocks,
  handoffViewers,
  handoffs,
  intakes,
  leads,
  messages,
  notifications,
  packageCorrections,
  privacySettings,
} from "@/db/schema";
import { handoffPackageSchema } from "@/lib/contract/package";
import { anonymisePackage, ERASED_SUMMARY } from "@/lib/privacy/anonymise-package";

type Executor = Transaction | typeof db;

/** Every row Baton holds about one email address, by id: what an export reads and an erasure changes. */
async function footprint(x: Executor, email: string) {
  const e = email.trim().toLowerCase();
  const like = `%${e.replace(/[%_\\]/g, "\\$&")}%`;
  const leadRows = await x
    .select({ id: leads.id })
    .from(leads)
    .where(eq(dsql`lower(${leads.email})`, e));
  const leadIds = leadRows.map((r) => r.id);
  const handoffRows = await x
    .select({ id: handoffs.id, intakeId: handoffs.intakeId, conversationId: handoffs.conversationId })
    .from(handoffs)
    .where(or(eq(dsql`lower(${handoffs.leadEmail})`, e), leadIds.length ? inArray(handoffs.leadId, leadIds) : dsql`false`));
  const handoffIds = handoffRows.map((h) => h.id);
  // The chat asks before it has a lead: a conversation is the lead's when any line of it names the address.
  const conversationRows = await x
    .select({ id: conversations.id })
    .from(conversations)
    .where(
      or(
        leadIds.length ? inArray(conversations.leadId, leadIds) : dsql`false`,
        inArray(
          conversations.id,
          handoffRows.flatMap((h) => (h.conversationId ? [h.conversationId] : [])),
        ),
        dsql`exists (select 1 from ${messages} m where m.conversation_id = ${conversations.id} and lower(m.text) like ${like})`,
      ),
    );
  const intakeRows = await x
    .select({ id: intakes.id })
    .from(intakes)
    .where(
      or(
        leadIds.length ? inArray(intakes.leadId, leadIds) : dsql`false`,
        inArray(
          intakes.id,
          handoffRows.flatMap((h) => (h.intakeId ? [h.intakeId] : [])),
        ),
        dsql`lower(${intakes.raw}::text) like ${like}`,
      ),
    );
  const approvalRows = handoffIds.length
    ? await x.select({ id: approvalRequests.id }).from(approvalRequests).where(inArray(approvalRequests.handoffId, handoffIds))
    : [];
  // The CRM keys the sync gave this person's records (lib/crm/plan-sync.ts): by email, by lead, by handoff.
  const crmKeys = [`email:${e}`, ...leadIds.map((id) => `lead:${id}`), ...handoffIds.map((id) => `handoff:${id}`)];
  const contactRows = await x
    .select({ id: crmContacts.id })
    .from(crmContacts)
    .where(or(eq(dsql`lower(${crmContacts.email})`, e), inArray(crmContacts.key, crmKeys)));
  return {
    email: e,
    leadIds,
    handoffIds,
    conversationIds: conversationRows.map((r) => r.id),
    intakeIds: intakeRows.map((r) => r.id),
    approvalIds: approvalRows.map((r) => r.id),
    crmKeys,
    crmContactIds: contactRows.map((r) => r.id),
  };
}

export type LeadFootprint = Awaited<ReturnType<typeof footprint>>;

/** Everything held for an email address (GDPR article 15), as rows grouped by what they are. */
export async function exportLeadData({ email }: { email: string }) {
  const f = await footprint(db, email);
  const by = <T>(ids: string[], read: (ids: string[]) => Promise<T[]>) => (ids.length ? read(ids) : Promise.resolve([] as T[]));
  const [
    leadRows,
    intakeRows,
    conversationRows,
    messageRows,
    handoffRows,
    eventRows,
    notificationRows,
    deliveryRows,
    approvalRows,
    correctionRows,
    contactRows,
    noteRows,
    taskRows,
    dealRows,
    ticketRows,
  ] = await Promise.all([
    by(f.leadIds, (ids) => db.select().from(leads).where(inArray(leads.id, ids))),
    by(f.intakeIds, (ids) => db.select().from(intakes).where(inArray(intakes.id, ids))),
    by(f.conversationIds, (ids) => db.select().from(conversations).where(inArray(conversations.id, ids))),
    by(f.conversationIds, (ids) => db.select().from(messages).where(inArray(messages.conversationId, ids)).orderBy(messages.sentAt)),
    by(f.handoffIds, (ids) => db.select().from(handoffs).where(inArray(handoffs.id, ids))),
    by(f.handoffIds, (ids) => db.select().from(handoffEvents).where(inArray(handoffEvents.handoffId, ids)).orderBy(handoffEvents.createdAt)),
    by(f.handoffIds, (ids) => db.select().from(notifications).where(inArray(notifications.handoffId, ids))),
    by(f.handoffIds, (ids) => db.select().from(deliveries).where(inArray(deliveries.handoffId, ids))),
    by(f.handoffIds, (ids) => db.select().from(approvalRequests).where(inArray(approvalRequests.handoffId, ids))),
    by(f.handoffIds, (ids) => db.select().from(packageCorrections).where(inArray(packageCorrections.handoffId, ids))),
    by(f.crmContactIds, (ids) => db.select().from(crmContacts).where(inArray(crmContacts.id, ids))),
    by(f.handoffIds, (ids) => db.select().from(crmNotes).where(inArray(crmNotes.handoffId, ids))),
    by(f.handoffIds, (ids) => db.select().from(crmTasks).where(inArray(crmTasks.handoffId, ids))),
    db.select().from(crmDeals).where(inArray(crmDeals.key, f.crmKeys)),
    db.select().from(crmTickets).where(inArray(crmTickets.key, f.crmKeys)),
  ]);
  return {
    leads: leadRows,
    intakes: intakeRows,
    conversations: conversationRows.map((c) => ({ ...c, messages: messageRows.filter((m) => m.conversationId === c.id) })),
    handoffs: handoffRows.map((h) => ({ ...h, timeline: eventRows.filter((e) => e.handoffId === h.id) })),
    notifications: notificationRows,
    deliveries: deliveryRows,
    approvalRequests: approvalRows,
    corrections: correctionRows,
    crm: { contacts: contactRows, notes: noteRows, tasks: taskRows, deals: dealRows, tickets: ticketRows },
  };
}

export type ErasureCounts = Record<
  "leads" | "intakes" | "conversations" | "handoffs" | "approvalRequests" | "notifications" | "crmRecords" | "queuedJobs" | "hubspotContacts",
  number
>;

/**
 * Erases an email address's personal data (GDPR article 17) in one transaction. Rows the metrics
 * count (handoffs, their timeline, corrections, intakes) are kept and anonymised; the rest is
 * deleted: lead, conversations and messages, notifications and deliveries, approval requests, the
 * built-in CRM's records and mappings, and every queued job about these packages, so no retry or
 * dead letter brings them back. HubSpot contacts get a queued GDPR delete (by their HubSpot id).
 * The audit entry says that an erasure happened and how much, never whose.
 */
export async function eraseLeadData({ email, actor }: { email: string; actor: { id: string; email: string } }): Promise<ErasureCounts> {
  return db.transaction(async (tx) => {
    const f = await footprint(tx, email);
    const stored = f.handoffIds.length
      ? await tx.select({ id: handoffs.id, package: handoffs.package }).from(handoffs).where(inArray(handoffs.id, f.handoffIds))
      : [];
    const hubspotContacts = await tx
      .select({ crmId: crmMappings.crmId })
      .from(crmMappings)
      .where(
        and(eq(crmMappings.adapter, "hubspot"), eq(crmMappings.kind, "contact"), inArray(crmMappings.key, f.crmKeys), dsql`${crmMappings.crmId} is not null`),
      );

    // Jobs first: a worker that picks one up after this commit finds nothing to send.
    const jobIds = [...f.handoffIds, ...f.approvalIds];
    const idList = dsql.join(
      jobIds.map((id) => dsql`${id}`),
      dsql`, `,
    );
    const queued = jobIds.length
      ? await tx.execute<{ n: number }>(
          dsql`with gone as (delete from pgboss.job where state in ('created', 'retry') and (data->>'handoffId' in (${idList}) or data->>'approvalId' in (${idList})) returning 1) select count(*)::int as n from gone`,
        )
      : [{ n: 0 }];

    for (const h of stored) {
      await tx
        .update(handoffs)
        .set({
          leadId: null,
          companyId: null,
          conversationId: null,
          leadName: null,
          leadEmail: null,
          companyName: null,
          summary: ERASED_SUMMARY,
          package: anonymisePackage(handoffPackageSchema.parse(h.package)),
          infoRequest: null,
          updatedAt: new Date(),
        })
        .where(eq(handoffs.id, h.id));
    }
    if (f.handoffIds.length) {
      // The timeline keeps its steps (when, what, from which status to which) for the response-time metrics, not their words.
      await tx
        .update(handoffEvents)
        .set({
          note: null,
          data: dsql`jsonb_strip_nulls(jsonb_build_object('rule', ${handoffEvents.data}->'rule', 'reason', ${handoffEvents.data}->'reason', 'erased', true))`,
        })
        .where(inArray(handoffEvents.handoffId, f.handoffIds));
      await tx.update(packageCorrections).set({ before: null, after: "" }).where(inArray(packageCorrections.handoffId, f.handoffIds));
      await tx.update(handoffSlaClocks).set({ stage: "stopped", updatedAt: new Date() }).where(inArray(handoffSlaClocks.handoffId, f.handoffIds));
      await tx.delete(handoffViewers).where(inArray(handoffViewers.handoffId, f.handoffIds));
    }
    const notificationCount = f.handoffIds.length
      ? (await tx.delete(notifications).where(inArray(notifications.handoffId, f.handoffIds)).returning({ id: notifications.id })).length
      : 0;
    if (f.handoffIds.length) await tx.delete(deliveries).where(inArray(deliveries.handoffId, f.handoffIds));
    if (f.approvalIds.length) {
      await tx.delete(approvalLinkTokens).where(inArray(approvalLinkTokens.approvalId, f.approvalIds));
      await tx.delete(approvalRequests).where(inArray(approvalRequests.id, f.approvalIds));
    }
    for (const id of f.intakeIds) {
      // Kept as a count (channel, time); a new external id, so a resent form is a new intake, not a replay of this one.
      await tx
        .update(intakes)
        .set({ externalId: `erased:${id}`, source: {}, raw: { erased: true }, response: null, leadId: null })
        .where(eq(intakes.id, id));
    }
    if (f.conversationIds.length) await tx.delete(conversations).where(inArray(conversations.id, f.conversationIds));

    // The built-in CRM: the person's contact, the packages' notes, tasks, deals and tickets, their links and mappings.
    const noteIds = f.handoffIds.length
      ? (await tx.delete(crmNotes).where(inArray(crmNotes.handoffId, f.handoffIds)).returning({ id: crmNotes.id })).map((r) => r.id)
      : [];
    const taskIds = f.handoffIds.length
      ? (await tx.delete(crmTasks).where(inArray(crmTasks.handoffId, f.handoffIds)).returning({ id: crmTasks.id })).map((r) => r.id)
      : [];
    const dealIds = (await tx.delete(crmDeals).where(inArray(crmDeals.key, f.crmKeys)).returning({ id: crmDeals.id })).map((r) => r.id);
    const ticketIds = (await tx.delete(crmTickets).where(inArray(crmTickets.key, f.crmKeys)).returning({ id: crmTickets.id })).map((r) => r.id);
    const contactIds = f.crmContactIds.length
      ? (await tx.delete(crmContacts).where(inArray(crmContacts.id, f.crmContactIds)).returning({ id: crmContacts.id })).map((r) => r.id)
      : [];
    const recordIds = [...noteIds, ...taskIds, ...dealIds, ...ticketIds, ...contactIds];
    if (recordIds.length) await tx.delete(crmAssociations).where(or(inArray(crmAssociations.fromId, recordIds), inArray(crmAssociations.toId, recordIds)));
    await tx.delete(crmMappings).where(inArray(crmMappings.key, f.crmKeys));

    if (f.leadIds.length) await tx.delete(leads).where(inArray(leads.id, f.leadIds));

    const hubspotIds = hubspotContacts.flatMap((c) => (c.crmId ? [c.crmId] : []));
    if (hubspotIds.length) await enqueue(tx, "privacyCrmErase", { contactIds: hubspotIds });

    const counts: ErasureCounts = {
      leads: f.leadIds.length,
      intakes: f.intakeIds.length,
      conversations: f.conversationIds.length,
      handoffs: f.handoffIds.length,
      approvalRequests: f.approvalIds.length,
      notifications: notificationCount,
      crmRecords: recordIds.length,
      queuedJobs: queued[0]!.n,
      hubspotContacts: hubspotIds.length,
    };
    await recordAdminChange(tx, { actor, action: "privacy.erase", entityType: "personal data", entityId: null, after: counts });
    return counts;
  });
}

export const DEFAULT_RETENTION_DAYS = 365;

export async function readRetentionDays(): Promise<number> {
  const [row] = await db.select({ days: privacySettings.retentionDays }).from(privacySettings);
  return row?.days ?? DEFAULT_RETENTION_DAYS;
}

/** Saves the retention setting, audited with its before and after, in one transaction. */
export async function saveRetentionDays({ days, actor }: { days: number; actor: { id: string; email: string } }): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ days: privacySettings.retentionDays }).from(privacySettings).for("update");
    await tx
      .insert(privacySettings)
      .values({ singleton: true, retentionDays: days, updatedById: actor.id })
      .onConflictDoUpdate({ target: privacySettings.singleton, set: { retentionDays: days, updatedById: actor.id, updatedAt: new Date() } });
    await recordAdminChange(tx, {
      actor,
      action: "privacy.retention",
      entityType: "privacy settings",
      before: { retentionDays: before?.days ?? DEFAULT_RETENTION_DAYS },
      after: { retentionDays: days },
    });
  });
}

/** Marks a raw intake whose lead's words were removed after the retention period. */
export const RETAINED_RAW = { anonymised: "retention" } as const;
export const RETAINED_MESSAGE = "[removed after the retention period]";

/**
 * The retention sweep: raw intakes (and the decision replayed for them) and chat transcripts older
 * than `days` lose the lead's words. Packages, their timelines and the counts stay. In batches, so a
 * first run on a large database does not hold one long transaction.
 */
export async function anonymiseExpiredRecords({
  days,
  now,
  batch = 1_000,
}: {
  days: number;
  now: Date;
  batch?: number;
}): Promise<{ intakes: number; messages: number }> {
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  let intakeCount = 0;
  let messageCount = 0;
  for (;;) {
    const rows = await db.execute<{ id: string }>(dsql`
      update ${intakes} set raw = ${JSON.stringify(RETAINED_RAW)}::jsonb, response = null
      where id in (select id from ${intakes} where created_at < ${cutoff.toISOString()}::timestamptz and raw <> ${JSON.stringify(RETAINED_RAW)}::jsonb and raw <> '{"erased": true}'::jsonb limit ${batch} for update skip locked)
      returning id`);
    intakeCount += rows.length;
    if (rows.length < batch) break;
  }
  for (;;) {
    const rows = await db.execute<{ id: string }>(dsql`
      update ${messages} set text = ${RETAINED_MESSAGE}
      where id in (select id from ${messages} where sent_at < ${cutoff.toISOString()}::timestamptz and text <> ${RETAINED_MESSAGE} limit ${batch} for update skip locked)
      returning id`);
    messageCount += rows.length;
    if (rows.length < batch) break;
  }
  return { intakes: intakeCount, messages: messageCount };
}
