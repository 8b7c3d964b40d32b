import { inArray, sql as dsql, type SQL } from "drizzle-orm";
import type { PgColumn, PgInsertBase, PgTable } from "drizzle-orm/pg-core";
import { db } from "@/db";
import { crmAssociations, crmCompanies, crmContacts, crmDeals, crmNotes, crmTasks, crmTickets, users } from "@/db/schema";
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
        (records as Rec<"company">[]).map(({ key, fields: f }) => ({ key, name: f.name, domain: f.domain, employees: f.employees === null ? null : String(f.employees), updatedAt: now })),
        excluded(["name", "domain", "employees", "updated_at"]),
      );
    case "deal":
      return upsert(
        crmDeals,
        (records as Rec<"deal">[]).map(({ key, fields: f }) => ({ key, name: f.name, stage: f.stage, amount: f.amount, currency: f.currency, ownerId: owner(f.ownerEmail), updatedAt: now })),
        excluded(["name", "stage", "amount", "currency", "owner_id", "updated_at"]),
      );
    case "ticket":
      return upsert(
        crmTickets,
        (records as Rec<"ticket">[]).map(({ key, fields: f }) => ({ key, subject: f.subject, content: f.content, stage: f.stage, priority: f.priority, ownerId: owner(f.ownerEmail), updatedAt: now })),
        excluded(["subject", "content", "stage", "priority", "owner_id", "updated_at"]),
      );
    case "note":
      return upsert(
        crmNotes,
        (records as Rec<"note">[]).map(({ key, fields: f }) => ({ key, handoffId: handoffOf(key), title: f.title, body: f.sections, timestamp: f.timestamp, ownerId: owner(f.ownerEmail), updatedAt: now })),
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
  const rows = await db.select({ id: users.id, email: users.email }).from(users).where(inArray(dsql`lower(${users.email})`, wanted));
  return new Map(rows.map((r) => [r.email.toLowerCase(), r.id]));
}

function handoffOf(key: string): string | null {
  return key.startsWith("handoff:") ? key.slice("handoff:".length) : null;
}
