import type { CrmAdapter, CrmAssociation, UpsertInput, UpsertedRecord } from "@/lib/crm/adapter";
import { CrmUnavailableError, CrmValidationError } from "@/lib/crm/errors";
import { normaliseDomain, type CrmKind, type PlannedRecord } from "@/lib/crm/plan-sync";
import { createSalesforceClient, type SalesforceClient, type SalesforceClientOptions, type SalesforceError } from "@/lib/crm/salesforce/client";
import {
  fieldHelp,
  KEY_FIELD,
  noteTitle,
  requiredFields,
  salesforceFields,
  sObjectOf,
  sObjectOfId,
  type SalesforceSettings,
  type SObject,
} from "@/lib/crm/salesforce/fields";
import { defaultLimitOptions, governorFor, type LimitGovernorOptions } from "@/lib/crm/salesforce/limit-governor";

// Salesforce through sObject Collections, batched at 200 records a call (its limit): every object but
// the note is upserted by Baton's external id (Baton_Key__c), so a retry, a crash or a second worker
// updates the record it made instead of making another; people and accounts created outside Baton are
// found by email and by domain first and given the key. A note is a ContentNote (no custom fields):
// created once, its title carrying our key so a create lost in a crash is found again. Links are
// lookups (AccountId, WhoId, WhatId), OpportunityContactRoles and ContentDocumentLinks.
// `allOrNone: false`: each record's error is read on its own; a refused one fails the call with
// Salesforce's message (the sync then dead-letters that handoff alone), a transient one retries.

const BATCH = 200;
const transientCodes = new Set(["UNABLE_TO_LOCK_ROW", "REQUEST_LIMIT_EXCEEDED", "SERVER_UNAVAILABLE", "QUERY_TIMEOUT"]);

export type SalesforceAdapterOptions = Omit<SalesforceClientOptions, "governor"> & { settings: SalesforceSettings; limits?: LimitGovernorOptions };

type SaveResult = { id?: string | null; success: boolean; errors: SalesforceError[]; created?: boolean };
type QueryResult<T> = { totalSize: number; done: boolean; records: T[]; nextRecordsUrl?: string };

export type SalesforceAdapter = CrmAdapter & { client: SalesforceClient; missingFields(): Promise<typeof requiredFields> };

export function createSalesforceAdapter(options: SalesforceAdapterOptions): SalesforceAdapter {
  const base = options.instanceUrl.replace(/\/$/, "");
  const governor = governorFor(`salesforce:${base}:${options.clientId}`, options.limits ?? defaultLimitOptions);
  const client = createSalesforceClient({ ...options, governor });
  let schema: Promise<void> | null = null;
  const owners = new Map<string, string | null>();

  const missingFields = async () => {
    const missing: typeof requiredFields = [];
    for (const object of [...new Set(requiredFields.map((f) => f.object))]) {
      const described = await client.request<{ fields: { name: string; externalId?: boolean }[] }>("GET", `/sobjects/${object}/describe`);
      const names = new Map(described.fields.map((f) => [f.name, f]));
      for (const f of requiredFields.filter((r) => r.object === object)) {
        const found = names.get(f.field);
        if (!found || (f.field === KEY_FIELD && !found.externalId)) missing.push(f);
      }
    }
    return missing;
  };
  const ensureSchema = () =>
    (schema ??= missingFields()
      .then((missing) => {
        // An admin's to fix, then the queue's retry goes through: not the payload's fault.
        if (missing.length) throw new CrmUnavailableError({ message: fieldHelp(missing), category: "MISSING_FIELDS" });
      })
      .catch((e) => ((schema = null), Promise.reject(e))));

  async function ownerIds(records: PlannedRecord[]): Promise<void> {
    const emails = [...new Set(records.map((r) => ("ownerEmail" in r.fields ? r.fields.ownerEmail?.toLowerCase() : null)).filter((e): e is string => !!e))];
    const unknown = emails.filter((e) => !owners.has(e));
    for (const chunk of chunks(unknown, BATCH)) {
      const found = await query<{ Id: string; Email: string }>(client, `SELECT Id, Email FROM User WHERE IsActive = true AND Email IN (${quoteAll(chunk)})`);
      for (const email of chunk) owners.set(email, found.find((u) => u.Email.toLowerCase() === email)?.Id ?? null);
    }
  }
  const ownerOf = (record: PlannedRecord) =>
    "ownerEmail" in record.fields && record.fields.ownerEmail ? (owners.get(record.fields.ownerEmail.toLowerCase()) ?? null) : null;

  const recordUrl = (_kind: CrmKind, crmId: string) => {
    const type = sObjectOfId(crmId);
    return type ? `${base}/lightning/r/${type}/${crmId}/view` : null;
  };

  return {
    name: "salesforce",
    client,
    missingFields,
    portal: async () => (await client.session()).orgId,
    recordUrl,
    async upsert(kind, inputs) {
      await ensureSchema();
      const session = await client.session();
      await ownerIds(inputs.map((i) => i.record));
      const now = new Date();
      const fieldsOf = (record: PlannedRecord) =>
        salesforceFields(record, { settings: options.settings, ownerId: ownerOf(record), integrationUserId: session.userId, now });
      const failures: string[] = [];
      const done: UpsertedRecord[] = [];
      const collect = (type: string, input: UpsertInput, result: SaveResult | undefined) => {
        if (result?.success && result.id) done.push({ key: input.record.key, crmId: result.id, url: recordUrl(kind, result.id) });
        else failures.push(describeErrors(type, input.record, result?.errors ?? []));
      };

      if (kind === "note") {
        await upsertNotes(client, inputs, fieldsOf, collect);
      } else {
        const byObject = new Map<SObject, UpsertInput[]>();
        for (const input of inputs) {
          const type = sObjectOf(input.record);
          // Without sales intent the company stays on the Lead; an Account Baton made earlier is kept up to date.
          if (input.record.kind === "company" && !input.record.fields.salesIntent && !(input.crmId && sObjectOfId(input.crmId) === "Account")) continue;
          byObject.set(type, [...(byObject.get(type) ?? []), input]);
        }
        for (const [type, group] of byObject) {
          await adoptExisting(
            client,
            type,
            group.filter((i) => !i.crmId || sObjectOfId(i.crmId) !== type),
          );
          for (const chunk of chunks(group, BATCH)) {
            const results = await client.request<SaveResult[]>("PATCH", `/composite/sobjects/${type}/${KEY_FIELD}`, {
              allOrNone: false,
              records: chunk.map((i) => ({ attributes: { type }, ...fieldsOf(i.record) })),
            });
            chunk.forEach((input, n) => collect(type, input, results[n]));
          }
        }
      }
      throwFailures(failures);
      return done;
    },
    async associate(pairs) {
      await associate(client, pairs);
    },
  };
}

/**
 * People and accounts that exist in Salesforce without Baton's key (entered by hand, another
 * integration) are found by email or website domain and given the key, so the upsert updates them.
 */
async function adoptExisting(client: SalesforceClient, type: SObject, inputs: UpsertInput[]): Promise<void> {
  const adopt: { Id: string; key: string }[] = [];
  if (type === "Lead" || type === "Contact") {
    const byEmail = new Map(
      inputs.flatMap((i) => (i.record.kind === "contact" && i.record.fields.email ? [[i.record.fields.email.toLowerCase(), i.record.key] as const] : [])),
    );
    for (const chunk of chunks([...byEmail.keys()], BATCH)) {
      const found = await query<{ Id: string; Email: string; Baton_Key__c: string | null }>(
        client,
        `SELECT Id, Email, ${KEY_FIELD} FROM ${type} WHERE Email IN (${quoteAll(chunk)})${type === "Lead" ? " AND IsConverted = false" : ""}`,
      );
      for (const r of found) {
        const key = byEmail.get(r.Email.toLowerCase());
        if (key && !r.Baton_Key__c && !adopt.some((a) => a.key === key)) adopt.push({ Id: r.Id, key });
      }
    }
  }
  if (type === "Account") {
    const byDomain = new Map(
      inputs.flatMap((i) => (i.record.kind === "company" && i.record.fields.domain ? [[i.record.fields.domain, i.record.key] as const] : [])),
    );
    for (const chunk of chunks([...byDomain.keys()], 50)) {
      const found = await query<{ Id: string; Website: string | null; Baton_Key__c: string | null }>(
        client,
        `SELECT Id, Website, ${KEY_FIELD} FROM Account WHERE ${KEY_FIELD} = null AND (${chunk.map((d) => `Website LIKE ${quote(`%${d}%`)}`).join(" OR ")})`,
      );
      for (const r of found) {
        const domain = normaliseDomain(r.Website);
        const key = domain ? byDomain.get(domain) : undefined;
        if (key && !adopt.some((a) => a.key === key)) adopt.push({ Id: r.Id, key });
      }
    }
  }
  for (const chunk of chunks(adopt, BATCH)) {
    const results = await client.request<SaveResult[]>("PATCH", "/composite/sobjects", {
      allOrNone: false,
      records: chunk.map((a) => ({ attributes: { type }, Id: a.Id, [KEY_FIELD]: a.key })),
    });
    const refused = results.filter((r) => !r.success);
    if (refused.length) throwFailures(refused.map((r) => `${type} ${r.id}: ${formatErrors(r.errors)}`));
  }
}

async function upsertNotes(
  client: SalesforceClient,
  inputs: UpsertInput[],
  fieldsOf: (record: PlannedRecord) => Record<string, unknown>,
  collect: (type: string, input: UpsertInput, result: SaveResult | undefined) => void,
): Promise<void> {
  // A note whose create may have happened before a crash is looked up by its title (which holds our key).
  const maybe = inputs.filter((i) => !i.crmId && i.maybeCreated && i.record.kind === "note");
  const recovered = new Map<string, string>();
  for (const chunk of chunks(maybe, 100)) {
    const titles = chunk.map((i) => noteTitle(i.record as Extract<PlannedRecord, { kind: "note" }>));
    const found = await query<{ Id: string; Title: string }>(client, `SELECT Id, Title FROM ContentNote WHERE Title IN (${quoteAll(titles)})`);
    for (const r of found) if (!recovered.has(r.Title)) recovered.set(r.Title, r.Id);
  }
  const toUpdate: { input: UpsertInput; id: string }[] = [];
  const toCreate: UpsertInput[] = [];
  for (const input of inputs) {
    const id = input.crmId ?? (input.record.kind === "note" ? recovered.get(noteTitle(input.record)) : undefined);
    if (id) toUpdate.push({ input, id });
    else toCreate.push(input);
  }
  for (const chunk of chunks(toUpdate, BATCH)) {
    const results = await client.request<SaveResult[]>("PATCH", "/composite/sobjects", {
      allOrNone: false,
      records: chunk.map(({ input, id }) => ({ attributes: { type: "ContentNote" }, Id: id, ...fieldsOf(input.record) })),
    });
    chunk.forEach(({ input, id }, n) => collect("ContentNote", input, results[n]?.success ? { ...results[n], id } : results[n]));
  }
  for (const chunk of chunks(toCreate, BATCH)) {
    const results = await client.request<SaveResult[]>("POST", "/composite/sobjects", {
      allOrNone: false,
      records: chunk.map((input) => ({ attributes: { type: "ContentNote" }, ...fieldsOf(input.record) })),
    });
    chunk.forEach((input, n) => collect("ContentNote", input, results[n]));
  }
}

/** Our associations as Salesforce's lookups, contact roles and note links; an existing link is not made again. */
async function associate(client: SalesforceClient, pairs: CrmAssociation[]): Promise<void> {
  const updates = new Map<string, Record<string, string>>();
  const set = (id: string, field: string, value: string, override = true) => {
    const row = updates.get(id) ?? {};
    if (override || !row[field]) row[field] = value;
    updates.set(id, row);
  };
  const links: { ContentDocumentId: string; LinkedEntityId: string }[] = [];
  const roles: { OpportunityId: string; ContactId: string }[] = [];
  // Deals first, so a task's WhatId is its opportunity rather than the account.
  const ordered = [...pairs].sort((a, b) => Number(b.toKind === "deal") - Number(a.toKind === "deal"));
  for (const p of ordered) {
    const from = sObjectOfId(p.fromId);
    const to = sObjectOfId(p.toId);
    if (!from || !to) continue;
    if (from === "ContentNote") links.push({ ContentDocumentId: p.fromId, LinkedEntityId: p.toId });
    else if (from === "Contact" && to === "Account") set(p.fromId, "AccountId", p.toId);
    else if (from === "Opportunity" && to === "Account") set(p.fromId, "AccountId", p.toId);
    else if (from === "Opportunity" && to === "Contact") roles.push({ OpportunityId: p.fromId, ContactId: p.toId });
    else if (from === "Case" && to === "Contact") set(p.fromId, "ContactId", p.toId);
    else if (from === "Case" && to === "Account") set(p.fromId, "AccountId", p.toId);
    else if ((from === "Task" || from === "Event") && (to === "Contact" || to === "Lead")) set(p.fromId, "WhoId", p.toId);
    else if ((from === "Task" || from === "Event") && (to === "Opportunity" || to === "Account")) set(p.fromId, "WhatId", p.toId, to === "Opportunity");
    // A Lead holds its company itself; nothing else links to a Lead.
  }
  // An activity on a Lead cannot also name an account or opportunity (Salesforce refuses WhatId there).
  for (const row of updates.values()) if (row.WhoId && sObjectOfId(row.WhoId) === "Lead") delete row.WhatId;

  const failures: string[] = [];
  for (const chunk of chunks([...updates], BATCH)) {
    const results = await client.request<SaveResult[]>("PATCH", "/composite/sobjects", {
      allOrNone: false,
      records: chunk.map(([id, fields]) => ({ attributes: { type: sObjectOfId(id) }, Id: id, ...fields })),
    });
    results.forEach((r, n) => !r.success && failures.push(`${sObjectOfId(chunk[n]![0])} ${chunk[n]![0]}: ${formatErrors(r.errors)}`));
  }

  const linked = new Set<string>();
  for (const chunk of chunks([...new Set(links.map((l) => l.ContentDocumentId))], BATCH)) {
    const found = await query<{ ContentDocumentId: string; LinkedEntityId: string }>(
      client,
      `SELECT ContentDocumentId, LinkedEntityId FROM ContentDocumentLink WHERE ContentDocumentId IN (${quoteAll(chunk)})`,
    );
    for (const l of found) linked.add(`${l.ContentDocumentId}>${l.LinkedEntityId}`);
  }
  const roleExists = new Set<string>();
  for (const chunk of chunks([...new Set(roles.map((r) => r.OpportunityId))], BATCH)) {
    const found = await query<{ OpportunityId: string; ContactId: string }>(
      client,
      `SELECT OpportunityId, ContactId FROM OpportunityContactRole WHERE OpportunityId IN (${quoteAll(chunk)})`,
    );
    for (const r of found) roleExists.add(`${r.OpportunityId}>${r.ContactId}`);
  }
  const creates = [
    ...links
      .filter((l) => !linked.has(`${l.ContentDocumentId}>${l.LinkedEntityId}`))
      .map((l) => ({ attributes: { type: "ContentDocumentLink" }, ...l, ShareType: "V", Visibility: "AllUsers" })),
    ...roles
      .filter((r) => !roleExists.has(`${r.OpportunityId}>${r.ContactId}`))
      .map((r) => ({ attributes: { type: "OpportunityContactRole" }, ...r, IsPrimary: true })),
  ];
  for (const chunk of chunks(creates, BATCH)) {
    const results = await client.request<SaveResult[]>("POST", "/composite/sobjects", { allOrNone: false, records: chunk });
    results.forEach((r, n) => {
      // Linked meanwhile by another sync: what we wanted is there.
      if (!r.success && !r.errors.every((e) => (e.statusCode ?? e.errorCode) === "DUPLICATE_VALUE"))
        failures.push(`${chunk[n]!.attributes.type}: ${formatErrors(r.errors)}`);
    });
  }
  throwFailures(failures);
}

async function query<T>(client: SalesforceClient, soql: string): Promise<T[]> {
  const records: T[] = [];
  let page = await client.request<QueryResult<T>>("GET", `/query?q=${encodeURIComponent(soql)}`);
  records.push(...page.records);
  while (!page.done && page.nextRecordsUrl) {
    page = await client.request<QueryResult<T>>("GET", page.nextRecordsUrl.replace(/^\/services\/data\/v[\d.]+/, ""));
    records.push(...page.records);
  }
  return records;
}

function quote(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}
function quoteAll(values: string[]): string {
  return values.map(quote).join(", ");
}

function formatErrors(errors: SalesforceError[]): string {
  return (
    errors.map((e) => `${e.statusCode ?? e.errorCode}: ${e.message}${e.fields?.length ? ` (${e.fields.join(", ")})` : ""}`).join("; ") || "no reason given"
  );
}
function describeErrors(type: string, record: PlannedRecord, errors: SalesforceError[]): string {
  return `${type} ${record.key}: ${formatErrors(errors)}`;
}

/** Per-record errors: a transient one (a locked row) retries the job; any other is Salesforce refusing the data. */
function throwFailures(failures: string[]): void {
  if (failures.length === 0) return;
  const message = `Salesforce refused ${failures.length === 1 ? "a record" : `${failures.length} records`}: ${failures.join(" | ")}`;
  const code = /: ([A-Z_]+):/.exec(failures[0]!)?.[1];
  if (failures.every((f) => [...transientCodes].some((c) => f.includes(`${c}:`)))) throw new CrmUnavailableError({ message, category: code });
  throw new CrmValidationError({ message, category: code });
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
