import type { CrmAdapter, UpsertInput, UpsertedRecord } from "@/lib/crm/adapter";
import { CrmValidationError } from "@/lib/crm/errors";
import { createHubSpotClient, type HubSpotClient } from "@/lib/crm/hubspot/client";
import {
  associationTypeIds,
  customProperties,
  EMAIL_TO_CONTACT_ASSOCIATION,
  EMAILS,
  hubspotEmailProperties,
  hubspotProperties,
  KEY_PROPERTY,
  objectTypeIds,
  objectTypes,
} from "@/lib/crm/hubspot/properties";
import { limiterFor } from "@/lib/crm/hubspot/rate-limiter";
import type { CrmKind } from "@/lib/crm/plan-sync";

// HubSpot through CRM v3 objects and v4 associations, batched: contacts upserted by email, companies
// found by domain then created, everything else created or updated by the id in our mapping, at
// most 100 inputs a call (HubSpot's batch limit).

const BASE = "/crm/v3";
const BATCH = 100;

type HubSpotObject = { id: string; properties: Record<string, string | null> };
type BatchResponse = { status: string; results: HubSpotObject[] };

export type HubSpotAdapterOptions = { baseUrl: string; token: string; rateLimit: { max: number; windowMs: number }; timeoutMs: number; backoffBaseMs?: number };

export function createHubSpotAdapter(options: HubSpotAdapterOptions): CrmAdapter {
  // One limiter per portal; the token identifies the portal before its id is known.
  const client = createHubSpotClient({ ...options, limiter: limiterFor(`hubspot:${options.baseUrl}:${options.token}`, options.rateLimit) });
  let portal: Promise<string> | null = null;
  let schema: Promise<void> | null = null;
  const owners = new Map<string, Promise<string | null>>();

  const portalId = () =>
    (portal ??= client
      .request<{ portalId: number }>("GET", "/account-info/v3/details")
      .then((d) => String(d.portalId))
      .catch((e) => ((portal = null), Promise.reject(e))));
  const ensureSchema = () => (schema ??= ensureCustomProperties(client).catch((e) => ((schema = null), Promise.reject(e))));
  const ownerId = (email: string | null) => {
    if (!email) return Promise.resolve(null);
    const key = email.toLowerCase();
    let found = owners.get(key);
    if (!found) {
      found = client
        .request<{ results: { id: string; email: string }[] }>("GET", `${BASE}/owners?email=${encodeURIComponent(key)}&limit=1`)
        .then((r) => r.results.find((o) => o.email.toLowerCase() === key)?.id ?? null)
        .catch((e) => (owners.delete(key), Promise.reject(e)));
      owners.set(key, found);
    }
    return found;
  };

  return {
    name: "hubspot",
    portal: portalId,
    async upsert(kind, inputs) {
      await ensureSchema();
      const type = objectTypes[kind];
      const props = new Map<string, Record<string, string>>();
      for (const input of inputs) {
        const owner = "ownerEmail" in input.record.fields ? await ownerId(input.record.fields.ownerEmail) : null;
        props.set(input.record.key, hubspotProperties(input.record, owner));
      }
      const found = new Map<string, string>();
      const toUpdate: UpsertInput[] = [];
      const toCreate: UpsertInput[] = [];

      if (kind === "contact") {
        // Upsert by email: HubSpot itself makes one contact per email, whoever created it.
        const withEmail = inputs.filter((i) => i.record.kind === "contact" && i.record.fields.email);
        for (const chunk of chunks(withEmail, BATCH)) {
          const byEmail = new Map(chunk.map((i) => [props.get(i.record.key)!.email, i.record.key]));
          const res = await client.request<BatchResponse>("POST", `${BASE}/objects/contacts/batch/upsert`, {
            inputs: chunk.map((i) => ({ idProperty: "email", id: props.get(i.record.key)!.email, properties: props.get(i.record.key) })),
          });
          for (const r of res.results) {
            const key = byEmail.get((r.properties.email ?? "").toLowerCase());
            if (key) found.set(key, r.id);
          }
        }
        inputs = inputs.filter((i) => !withEmail.includes(i));
      }
      if (kind === "company") {
        // Companies have no unique property to upsert on: find the domain first, create only if absent.
        const byDomain = inputs.filter((i) => !i.crmId && props.get(i.record.key)!.domain);
        const hits = await searchIn(
          client,
          type,
          "domain",
          byDomain.map((i) => props.get(i.record.key)!.domain!),
        );
        for (const i of byDomain) {
          const id = hits.get(props.get(i.record.key)!.domain!);
          if (id) toUpdate.push({ ...i, crmId: id });
        }
        inputs = inputs.filter((i) => !toUpdate.some((u) => u.record.key === i.record.key));
      }
      // A create that may have happened before a crash is looked up by our key first. HubSpot's search
      // index lags writes by seconds; the queue's retry delay (5 s and up) is longer than that.
      const maybe = inputs.filter((i) => !i.crmId && i.maybeCreated);
      const recovered = await searchIn(
        client,
        type,
        KEY_PROPERTY,
        maybe.map((i) => i.record.key),
      );
      for (const i of inputs) {
        const crmId = i.crmId ?? recovered.get(i.record.key) ?? null;
        if (crmId) toUpdate.push({ ...i, crmId });
        else toCreate.push(i);
      }

      for (const chunk of chunks(toUpdate, BATCH)) {
        await client.request<BatchResponse>("POST", `${BASE}/objects/${type}/batch/update`, {
          inputs: chunk.map((i) => ({ id: i.crmId, properties: props.get(i.record.key) })),
        });
        for (const i of chunk) found.set(i.record.key, i.crmId!);
      }
      for (const chunk of chunks(toCreate, BATCH)) {
        const res = await client.request<BatchResponse>("POST", `${BASE}/objects/${type}/batch/create`, {
          inputs: chunk.map((i) => ({ properties: props.get(i.record.key) })),
        });
        for (const r of res.results) if (r.properties[KEY_PROPERTY]) found.set(r.properties[KEY_PROPERTY]!, r.id);
      }

      const id = await portalId();
      return [...found].map(([key, crmId]): UpsertedRecord => ({ key, crmId, url: recordUrl(kind, crmId, id) }));
    },
    async associate(pairs) {
      const groups = new Map<string, { from: { id: string }; to: { id: string } }[]>();
      for (const p of pairs) {
        const path = `${objectTypes[p.fromKind]}/${objectTypes[p.toKind]}`;
        if (associationTypeIds[path.replace("/", ">")] === undefined)
          throw new CrmValidationError({ message: `No default association from ${p.fromKind} to ${p.toKind}` });
        groups.set(path, [...(groups.get(path) ?? []), { from: { id: p.fromId }, to: { id: p.toId } }]);
      }
      for (const [path, inputs] of groups) {
        for (const chunk of chunks(inputs, BATCH)) await client.request("POST", `/crm/v4/associations/${path}/batch/associate/default`, { inputs: chunk });
      }
    },
    async logEmails(inputs) {
      await ensureSchema();
      // An email whose create may have happened before a crash is looked up by our key first.
      const recovered = await searchIn(
        client,
        EMAILS,
        KEY_PROPERTY,
        inputs.filter((i) => i.maybeCreated).map((i) => i.email.key),
      );
      const logged: UpsertedRecord[] = [];
      for (const { email, contactId } of inputs) {
        let crmId = recovered.get(email.key);
        if (!crmId) {
          const created = await client.request<HubSpotObject>("POST", `${BASE}/objects/${EMAILS}`, {
            properties: hubspotEmailProperties(email),
            associations: [{ to: { id: contactId }, types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: EMAIL_TO_CONTACT_ASSOCIATION }] }],
          });
          crmId = created.id;
        }
        logged.push({ key: email.key, crmId, url: null });
      }
      return logged;
    },
    recordUrl,
  };
}

function recordUrl(kind: CrmKind, crmId: string, portal: string): string | null {
  const typeId = objectTypeIds[kind];
  return typeId ? `https://app.hubspot.com/contacts/${portal}/record/${typeId}/${crmId}` : null;
}

/** Value → id of the oldest record holding it, for up to 100 values a search. */
async function searchIn(client: HubSpotClient, type: string, property: string, values: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const chunk of chunks([...new Set(values)], BATCH)) {
    let after: string | undefined;
    do {
      const res = await client.request<{ results: HubSpotObject[]; paging?: { next?: { after: string } } }>("POST", `${BASE}/objects/${type}/search`, {
        filterGroups: [{ filters: [{ propertyName: property, operator: "IN", values: chunk }] }],
        properties: [property],
        sorts: [{ propertyName: "createdate", direction: "ASCENDING" }],
        limit: 200,
        ...(after ? { after } : {}),
      });
      for (const r of res.results) {
        const value = r.properties[property];
        if (value && !found.has(value)) found.set(value, r.id);
      }
      after = res.paging?.next?.after;
    } while (after);
  }
  return found;
}

async function ensureCustomProperties(client: HubSpotClient): Promise<void> {
  for (const p of customProperties) {
    try {
      await client.request("GET", `${BASE}/properties/${p.objectType}/${p.name}`);
    } catch (error) {
      if (!(error instanceof CrmValidationError) || error.failure.status !== 404) throw error;
      try {
        await client.request("POST", `${BASE}/properties/${p.objectType}`, {
          name: p.name,
          label: p.label,
          type: "string",
          fieldType: "text",
          groupName: p.groupName,
        });
      } catch (created) {
        // Another worker, or our own earlier try whose answer never came, created it meanwhile.
        if (!(created instanceof CrmValidationError) || created.failure.status !== 409) throw created;
      }
    }
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
