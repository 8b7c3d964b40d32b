import { sql } from "drizzle-orm";
import { index, jsonb, numeric, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { NoteSection } from "@/lib/crm/plan-sync";
import { users } from "./auth";
import { handoffs } from "./handoffs";

// The built-in CRM (the default adapter): its records live here and the console shows them under /crm.
// Every record carries `key`, the sync's idempotency key (e.g. `email:ana@acme.io`, `handoff:<id>`),
// so a sync run twice, or retried after a crash, updates the record it created instead of adding one.

const timestamps = {
  createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
};

export const crmContacts = pgTable(
  "crm_contacts",
  {
    id: uuid().primaryKey().defaultRandom(),
    key: text().notNull().unique(),
    email: text(),
    name: text(),
    phone: text(),
    jobTitle: text(),
    companyName: text(),
    website: text(),
    lifecycleStage: text().notNull(),
    leadStatus: text().notNull(),
    intent: text(),
    source: text(),
    ownerId: text().references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [index("crm_contacts_updated_idx").on(t.updatedAt)],
);

export const crmCompanies = pgTable("crm_companies", {
  id: uuid().primaryKey().defaultRandom(),
  key: text().notNull().unique(),
  name: text().notNull(),
  domain: text(),
  employees: text(),
  industry: text(),
  ...timestamps,
});

export const crmDeals = pgTable("crm_deals", {
  id: uuid().primaryKey().defaultRandom(),
  key: text().notNull().unique(),
  name: text().notNull(),
  stage: text().notNull(),
  amount: numeric({ precision: 14, scale: 2, mode: "number" }),
  currency: text(),
  ownerId: text().references(() => users.id, { onDelete: "set null" }),
  ...timestamps,
});

export const crmTickets = pgTable("crm_tickets", {
  id: uuid().primaryKey().defaultRandom(),
  key: text().notNull().unique(),
  subject: text().notNull(),
  content: text().notNull(),
  stage: text().notNull(),
  priority: text().notNull(),
  ownerId: text().references(() => users.id, { onDelete: "set null" }),
  ...timestamps,
});

export const crmNotes = pgTable("crm_notes", {
  id: uuid().primaryKey().defaultRandom(),
  key: text().notNull().unique(),
  handoffId: uuid().references(() => handoffs.id, { onDelete: "set null" }),
  title: text().notNull(),
  body: jsonb().$type<NoteSection[]>().notNull(),
  timestamp: timestamp({ withTimezone: true, precision: 3 }).notNull(),
  ownerId: text().references(() => users.id, { onDelete: "set null" }),
  ...timestamps,
});

export const crmTasks = pgTable(
  "crm_tasks",
  {
    id: uuid().primaryKey().defaultRandom(),
    key: text().notNull().unique(),
    handoffId: uuid().references(() => handoffs.id, { onDelete: "set null" }),
    subject: text().notNull(),
    body: text().notNull(),
    status: text().notNull(),
    priority: text().notNull(),
    type: text().notNull(),
    dueAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    ownerId: text().references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [index("crm_tasks_owner_due_idx").on(t.ownerId, t.dueAt)],
);

/** Undirected in meaning, stored once in the direction the sync planned it (e.g. note → contact). */
export const crmAssociations = pgTable(
  "crm_associations",
  {
    fromKind: text().notNull(),
    fromId: uuid().notNull(),
    toKind: text().notNull(),
    toId: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.fromKind, t.fromId, t.toKind, t.toId] }), index("crm_associations_to_idx").on(t.toKind, t.toId)],
);

/**
 * Our key ↔ the CRM's id, per adapter and portal: what makes every sync an update after the first.
 * A row with no crm_id is a create in flight: written before the CRM call, so a crash after the CRM
 * created the record but before its id came back is found again (by the key stored on the record)
 * instead of being created twice.
 */
export const crmMappings = pgTable(
  "crm_mappings",
  {
    adapter: text().notNull(),
    portal: text().notNull(),
    kind: text().notNull(),
    key: text().notNull(),
    crmId: text(),
    url: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.adapter, t.portal, t.kind, t.key] }),
    index("crm_mappings_crm_id_idx")
      .on(t.adapter, t.portal, t.kind, t.crmId)
      .where(sql`${t.crmId} is not null`),
  ],
);

export type CrmContact = typeof crmContacts.$inferSelect;
export type CrmCompany = typeof crmCompanies.$inferSelect;
export type CrmDeal = typeof crmDeals.$inferSelect;
export type CrmTicket = typeof crmTickets.$inferSelect;
export type CrmNote = typeof crmNotes.$inferSelect;
export type CrmTask = typeof crmTasks.$inferSelect;
