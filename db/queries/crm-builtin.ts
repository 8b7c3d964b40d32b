import { and, asc, desc, eq, inArray, or, sql as dsql, type SQL } from "drizzle-orm";
import { alias, type PgColumn, type PgInsertBase, type PgTable } from "drizzle-orm/pg-core";
import { db } from "@/db";
import { crmAssociations, crmCompanies, crmContacts, crmDeals, crmMeetings, crmNotes, crmTasks, crmTickets, users } from "@/db/schema";
import type { PlannedRecord } from "@/lib/crm/plan-sync";

// The built-in CRM's writes: one statement per kind, upserting on the sync key, so a replayed or
// concurrent sync updates the record it made before. Owners are our own users, found by email.

type Rec<K extends PlannedRecord["kind"]> = Extract<PlannedRecord, { kind: K }>;

export async function upsertBuiltinRecords(kind: PlannedRecord["kind"], records: PlannedRecord[]): Promise<{ id: string; key: string }[]> {
  if (records.length === 0) return [];
  const owners = await ownerIds(records.map((r) => ("ownerEmail" in r.fields ? r.fields.ownerEmail : null)));
  const owner = (email: string | null) => (email ? (owners.get(email.toLowerCase()) ?? null) : null);
  const now = new Date();
  switch (kind) {
    case "contact": {
      const rows = (records as Rec<"contact">[]).map(({ key, fields: f }) => ({
        key,
        email: f.email,
        name: [f.firstName, f.lastName].filter(Boolean).join(" ") || null,
        phone: f.phone,
        jobTitle: f.jobTitle,
        companyName: f.companyName,
        website: f.website,
        lifecycleStage: f.lifecycleStage ?? "lead",
        leadStatus: f.leadStatus,
        intent: f.intent,
        source: f.source,
        ownerId: owner(f.ownerEmail),
        updatedAt: now,
      }));
      // A null lifecycle stage in the plan means "leave it": the stage only moves forward.
      const keepStage = new Set((records as Rec<"contact">[]).filter((r) => r.fields.lifecycleStage === null).map((r) => r.key));
      return upsert(crmContacts, rows, {
        ...excluded(["email", "name", "phone", "job_title", "company_name", "website", "lead_status", "intent", "source", "owner_id", "updated_at"]),
        lifecycleStage: dsql`case when ${inArray(dsql.raw("excluded.key"), [...keepStage])} then crm_contacts.lifecycle_stage else excluded.lifecycle_stage end`,
      });
    }
    case "company":
      return upsert(
        crmCompanies,
        (records as Rec<"company">[]).map(({ key, fields: f }) => ({
          key,
          name: f.name,
          domain: f.domain,
          employees: f.employees === null ? null : String(f.employees),
          updatedAt: now,
        })),
        excluded(["name", "domain", "employees", "updated_at"]),
      );
    case "deal":
      return upsert(
        crmDeals,
        (records as Rec<"deal">[]).map(({ key, fields: f }) => ({
          key,
          name: f.name,
          stage: f.stage,
          amount: f.amount,
          currency: f.currency,
          ownerId: owner(f.ownerEmail),
          updatedAt: now,
        })),
        excluded(["name", "stage", "amount", "currency", "owner_id", "updated_at"]),
      );
    case "ticket":
      return upsert(
        crmTickets,
        (records as Rec<"ticket">[]).map(({ key, fields: f }) => ({
          key,
          subject: f.subject,
          content: f.content,
          stage: f.stage,
          priority: f.priority,
          ownerId: owner(f.ownerEmail),
          updatedAt: now,
        })),
        excluded(["subject", "content", "stage", "priority", "owner_id", "updated_at"]),
      );
    case "note":
      return upsert(
        crmNotes,
        (records as Rec<"note">[]).map(({ key, fields: f }) => ({
          key,
          handoffId: handoffOf(key),
          title: f.title,
          body: f.sections,
          timestamp: f.timestamp,
          ownerId: owner(f.ownerEmail),
          updatedAt: now,
        })),
        excluded(["title", "body", "timestamp", "owner_id", "updated_at"]),
      );
    case "task":
      return upsert(
        crmTasks,
        (records as Rec<"task">[]).map(({ key, fields: f }) => ({
          key,
          handoffId: handoffOf(key),
          subject: f.subject,
          body: f.body,
          status: f.status,
          priority: f.priority,
          type: f.type,
          dueAt: f.dueAt,
          ownerId: owner(f.ownerEmail),
          updatedAt: now,
        })),
        excluded(["subject", "body", "status", "priority", "type", "due_at", "owner_id", "updated_at"]),
      );
    case "meeting":
      return upsert(
        crmMeetings,
        (records as Rec<"meeting">[]).map(({ key, fields: f }) => ({
          key,
          title: f.title,
          startsAt: f.startsAt,
          endsAt: f.endsAt,
          outcome: f.outcome,
          ownerId: owner(f.ownerEmail),
          updatedAt: now,
        })),
        excluded(["title", "starts_at", "ends_at", "outcome", "owner_id", "updated_at"]),
      );
  }
}

export async function insertBuiltinAssociations(pairs: { fromKind: string; fromId: string; toKind: string; toId: string }[]) {
  if (pairs.length === 0) return;
  await db.insert(crmAssociations).values(pairs).onConflictDoNothing();
}

type KeyedTable = PgTable & { id: PgColumn; key: PgColumn };

async function upsert(table: KeyedTable, rows: Record<string, unknown>[], set: Record<string, SQL>): Promise<{ id: string; key: string }[]> {
  // Drizzle's per-table row types do not survive this generic helper; the callers build each table's rows.
  const insert = db.insert(table).values(rows as never) as unknown as PgInsertBase<KeyedTable, never>;
  const result = await insert.onConflictDoUpdate({ target: table.key, set: set as never }).returning({ id: table.id, key: table.key });
  return result as { id: string; key: string }[];
}

/** `{ jobTitle: excluded.job_title }` for each column: the incoming row's value. */
function excluded(columns: string[]): Record<string, SQL> {
  return Object.fromEntries(columns.map((c) => [camel(c), dsql.raw(`excluded.${c}`)]));
}

function camel(snake: string): string {
  return snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

async function ownerIds(emails: (string | null)[]) {
  const wanted = [...new Set(emails.filter((e): e is string => Boolean(e)).map((e) => e.toLowerCase()))];
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(dsql`lower(${users.email})`, wanted));
  return new Map(rows.map((r) => [r.email.toLowerCase(), r.id]));
}

function handoffOf(key: string): string | null {
  return key.startsWith("handoff:") ? key.slice("handoff:".length) : null;
}

// Reads for the console's CRM pages.

const tables = { contact: crmContacts, company: crmCompanies, deal: crmDeals, ticket: crmTickets } as const;
export type BuiltinPageKind = keyof typeof tables;

export async function listBuiltinContacts({ limit }: { limit: number }) {
  return db.select().from(crmContacts).orderBy(desc(crmContacts.updatedAt)).limit(limit);
}
export async function listBuiltinCompanies({ limit }: { limit: number }) {
  return db.select().from(crmCompanies).orderBy(desc(crmCompanies.updatedAt)).limit(limit);
}
export async function listBuiltinDeals({ limit }: { limit: number }) {
  return db.select().from(crmDeals).orderBy(desc(crmDeals.updatedAt)).limit(limit);
}
export async function listBuiltinTickets({ limit }: { limit: number }) {
  return db.select().from(crmTickets).orderBy(desc(crmTickets.updatedAt)).limit(limit);
}

export async function getBuiltinRecord(kind: BuiltinPageKind, id: string) {
  const table = tables[kind];
  const [row] = await db.select().from(table).where(eq(table.id, id)).limit(1);
  return row ?? null;
}

/** Everything linked to a record, either direction: notes and tasks in full, other records by name. */
export async function listLinkedRecords({ kind, id }: { kind: string; id: string }) {
  const links = await db
    .select()
    .from(crmAssociations)
    .where(or(and(eq(crmAssociations.fromKind, kind), eq(crmAssociations.fromId, id)), and(eq(crmAssociations.toKind, kind), eq(crmAssociations.toId, id))));
  const other = links.map((l) => (l.fromKind === kind && l.fromId === id ? { kind: l.toKind, id: l.toId } : { kind: l.fromKind, id: l.fromId }));
  const idsOf = (k: string) => [...new Set(other.filter((o) => o.kind === k).map((o) => o.id))];
  const owner = alias(users, "owner");
  const [notes, tasks, contacts, companies, deals, tickets] = await Promise.all([
    idsOf("note").length
      ? db
          .select()
          .from(crmNotes)
          .where(inArray(crmNotes.id, idsOf("note")))
          .orderBy(desc(crmNotes.timestamp))
      : [],
    idsOf("task").length
      ? db
          .select({ task: crmTasks, ownerName: owner.name, ownerEmail: owner.email })
          .from(crmTasks)
          .leftJoin(owner, eq(owner.id, crmTasks.ownerId))
          .where(inArray(crmTasks.id, idsOf("task")))
          .orderBy(asc(crmTasks.dueAt))
      : [],
    idsOf("contact").length
      ? db
          .select({ id: crmContacts.id, name: crmContacts.name, email: crmContacts.email })
          .from(crmContacts)
          .where(inArray(crmContacts.id, idsOf("contact")))
      : [],
    idsOf("company").length
      ? db
          .select({ id: crmCompanies.id, name: crmCompanies.name, domain: crmCompanies.domain })
          .from(crmCompanies)
          .where(inArray(crmCompanies.id, idsOf("company")))
      : [],
    idsOf("deal").length
      ? db
          .select({ id: crmDeals.id, name: crmDeals.name, stage: crmDeals.stage })
          .from(crmDeals)
          .where(inArray(crmDeals.id, idsOf("deal")))
      : [],
    idsOf("ticket").length
      ? db
          .select({ id: crmTickets.id, name: crmTickets.subject, stage: crmTickets.stage })
          .from(crmTickets)
          .where(inArray(crmTickets.id, idsOf("ticket")))
      : [],
  ]);
  return { notes, tasks, contacts, companies, deals, tickets };
}

export async function findUserName({ id }: { id: string | null }) {
  if (!id) return null;
  const [row] = await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, id)).limit(1);
  return row ? (row.name ?? row.email) : null;
}
