import { randomUUID } from "node:crypto";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readBody, sendJson as sendHttpJson } from "./http";

/**
 * A local HubSpot for tests, the bench and the demo: the CRM v3 object, search, batch, properties,
 * owners and account endpoints and the v4 associations Baton uses, with HubSpot's validation (unknown
 * properties, enumerations, emails, the 100-input batch limit), error bodies (status, message,
 * correlationId, category), X-HubSpot-RateLimit-* headers and a rolling ten-second limit answered
 * with 429s. Records live in memory so a test can assert exactly what HubSpot would hold. Email
 * engagements (`POST /crm/v3/objects/emails`) take their associations inline; `records("emails")`
 * lists them.
 */

type Obj = { id: string; properties: Record<string, string | null>; createdAt: string; updatedAt: string; archived: boolean };
export type Association = { fromType: string; fromId: string; toType: string; toId: string; typeId: number };
export type Owner = { id: string; email: string; firstName: string; lastName: string };
export type RecordedRequest = { method: string; path: string; status: number; body: unknown; at: number };

const standard: Record<string, string[]> = {
  contacts: ["email", "firstname", "lastname", "phone", "company", "jobtitle", "website", "lifecyclestage", "hs_lead_status", "hubspot_owner_id"],
  companies: ["name", "domain", "numberofemployees", "industry", "hubspot_owner_id"],
  deals: ["dealname", "amount", "dealstage", "pipeline", "closedate", "hubspot_owner_id"],
  tickets: ["subject", "content", "hs_pipeline", "hs_pipeline_stage", "hs_ticket_priority", "hubspot_owner_id"],
  notes: ["hs_timestamp", "hs_note_body", "hubspot_owner_id"],
  tasks: ["hs_timestamp", "hs_task_subject", "hs_task_body", "hs_task_status", "hs_task_priority", "hs_task_type", "hubspot_owner_id"],
  meetings: [
    "hs_timestamp",
    "hs_meeting_title",
    "hs_meeting_body",
    "hs_meeting_start_time",
    "hs_meeting_end_time",
    "hs_meeting_outcome",
    "hs_meeting_location",
    "hubspot_owner_id",
  ],
  emails: [
    "hs_timestamp",
    "hs_email_direction",
    "hs_email_status",
    "hs_email_subject",
    "hs_email_text",
    "hs_email_html",
    "hs_email_headers",
    "hubspot_owner_id",
  ],
};
const enums: Record<string, string[]> = {
  lifecyclestage: ["subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer", "evangelist", "other"],
  hs_lead_status: ["NEW", "OPEN", "IN_PROGRESS", "OPEN_DEAL", "UNQUALIFIED", "ATTEMPTED_TO_CONTACT", "CONNECTED", "BAD_TIMING"],
  pipeline: ["default"],
  dealstage: ["appointmentscheduled", "qualifiedtobuy", "presentationscheduled", "decisionmakerboughtin", "contractsent", "closedwon", "closedlost"],
  hs_pipeline: ["0"],
  hs_pipeline_stage: ["1", "2", "3", "4"],
  hs_ticket_priority: ["LOW", "MEDIUM", "HIGH"],
  hs_task_status: ["NOT_STARTED", "IN_PROGRESS", "WAITING", "COMPLETED", "DEFERRED"],
  hs_task_priority: ["NONE", "LOW", "MEDIUM", "HIGH"],
  hs_task_type: ["TODO", "CALL", "EMAIL"],
  hs_meeting_outcome: ["SCHEDULED", "COMPLETED", "RESCHEDULED", "NO_SHOW", "CANCELED"],
  hs_email_direction: ["EMAIL", "INCOMING_EMAIL", "FORWARDED_EMAIL"],
  hs_email_status: ["BOUNCED", "FAILED", "SCHEDULED", "SENDING", "SENT"],
};
const numeric = new Set(["amount", "numberofemployees"]);
const required: Record<string, string[]> = {
  notes: ["hs_timestamp"],
  tasks: ["hs_timestamp"],
  meetings: ["hs_timestamp"],
  emails: ["hs_timestamp", "hs_email_direction"],
  tickets: ["subject", "hs_pipeline_stage"],
  deals: ["dealname"],
};
const assocTypes: Record<string, number> = {
  "contacts>companies": 279,
  "companies>contacts": 280,
  "deals>contacts": 3,
  "deals>companies": 341,
  "tickets>contacts": 16,
  "tickets>companies": 339,
  "notes>contacts": 202,
  "notes>companies": 190,
  "notes>deals": 214,
  "notes>tickets": 228,
  "tasks>contacts": 204,
  "tasks>companies": 192,
  "tasks>deals": 216,
  "meetings>contacts": 200,
  "meetings>companies": 188,
  "meetings>deals": 212,
  "emails>contacts": 198,
  "emails>companies": 186,
  "emails>deals": 210,
};

class HubSpotError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly category: string,
    readonly errors: unknown[] = [],
  ) {
    super(message);
  }
}

export type HubSpotStandIn = Awaited<ReturnType<typeof startHubSpotStandIn>>;

export type StandInOptions = {
  token?: string;
  /** Tokens it accepts besides `token`, as a portal with several private apps: a test tells its clients apart by them. */
  moreTokens?: string[];
  portalId?: number;
  rateLimit?: { max: number; windowMs: number };
  owners?: Owner[];
  /** Send Retry-After with 429s (HubSpot does not always). */
  retryAfter?: boolean;
  /** Runs after a request changed the records, before the response leaves: where a test crashes the client. */
  beforeRespond?: (request: { method: string; path: string; status: number; token: string }) => Promise<void>;
};

export async function startHubSpotStandIn(options: StandInOptions = {}) {
  const token = options.token ?? "pat-stand-in-token";
  const portalId = options.portalId ?? 24_681_357;
  let limit = options.rateLimit ?? { max: 100, windowMs: 10_000 };
  const owners = options.owners ?? [];
  const objects = new Map<string, Map<string, Obj>>(Object.keys(standard).map((t) => [t, new Map()]));
  const properties = new Map<string, Set<string>>(Object.entries(standard).map(([t, p]) => [t, new Set(p)]));
  const associations: Association[] = [];
  const associationKeys = new Set<string>();
  const requests: RecordedRequest[] = [];
  const gdprDeleted: string[] = [];
  const gdprBlocklist: string[] = [];
  const window: number[] = [];
  const stats = { requests: 0, accepted: 0, overLimit: 0, rateLimited: 0 };
  let nextId = 1001;
  let outage: number | null = null;
  let forced429 = 0;
  const sockets = new Set<import("node:net").Socket>();

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const url = new URL(req.url ?? "/", "http://stand-in");
    let body: unknown = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      body = undefined;
    }
    const now = Date.now();
    stats.requests += 1;
    const record = (status: number) => requests.push({ method: req.method ?? "", path: url.pathname, status, body, at: now });

    const presented = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "";
    if (presented !== token && !options.moreTokens?.includes(presented)) {
      record(401);
      return sendJson(res, 401, errorBody("Authentication credentials not found. This API supports OAuth 2.0 authentication.", "INVALID_AUTHENTICATION"));
    }
    if (outage !== null) {
      record(outage);
      return sendJson(res, outage, errorBody("Service Unavailable", "SERVICE_UNAVAILABLE"));
    }
    while (window.length && window[0]! <= now - limit.windowMs) window.shift();
    if (window.length >= limit.max || forced429 > 0) {
      if (window.length >= limit.max) stats.overLimit += 1;
      else forced429 -= 1;
      stats.rateLimited += 1;
      record(429);
      const retryMs = window.length ? window[0]! + limit.windowMs - now : 1_000;
      res.setHeader("X-HubSpot-RateLimit-Max", String(limit.max));
      res.setHeader("X-HubSpot-RateLimit-Remaining", "0");
      res.setHeader("X-HubSpot-RateLimit-Interval-Milliseconds", String(limit.windowMs));
      if (options.retryAfter !== false) res.setHeader("Retry-After", String(Math.max(1, Math.ceil(retryMs / 1000))));
      return sendJson(res, 429, {
        status: "error",
        message: "You have reached your ten_secondly_rolling limit.",
        errorType: "RATE_LIMIT",
        correlationId: randomUUID(),
        policyName: "TEN_SECONDLY_ROLLING",
        groupName: `publicapi:private-app:${portalId}`,
      });
    }
    window.push(now);
    stats.accepted += 1;
    res.setHeader("X-HubSpot-RateLimit-Max", String(limit.max));
    res.setHeader("X-HubSpot-RateLimit-Remaining", String(limit.max - window.length));
    res.setHeader("X-HubSpot-RateLimit-Interval-Milliseconds", String(limit.windowMs));
    res.setHeader("X-HubSpot-RateLimit-Daily", "250000");
    res.setHeader("X-HubSpot-RateLimit-Daily-Remaining", String(250_000 - stats.accepted));

    try {
      if (body === undefined) throw new HubSpotError(400, "Invalid input JSON on line 1", "VALIDATION_ERROR");
      const [status, payload] = route(req.method ?? "GET", url, body);
      record(status);
      await options.beforeRespond?.({ method: req.method ?? "GET", path: url.pathname, status, token: presented });
      if (res.destroyed) return;
      if (status === 204) res.writeHead(204).end();
      else sendJson(res, status, payload);
    } catch (error) {
      if (!(error instanceof HubSpotError)) throw error;
      record(error.status);
      sendJson(res, error.status, errorBody(error.message, error.category, error.errors));
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  function route(method: string, url: URL, body: unknown): [number, unknown] {
    const p = url.pathname;
    let m: RegExpMatchArray | null;
    if (method === "GET" && p === "/account-info/v3/details")
      return [200, { portalId, timeZone: "Europe/Madrid", companyCurrency: "EUR", uiDomain: "app.hubspot.com", dataHostingLocation: "eu1" }];
    if (method === "GET" && p === "/crm/v3/owners") {
      const email = url.searchParams.get("email")?.toLowerCase();
      const results = owners.filter((o) => !email || o.email.toLowerCase() === email).map((o) => ({ ...o, userId: Number(o.id), archived: false }));
      return [200, { results }];
    }
    if ((m = p.match(/^\/crm\/v3\/properties\/(\w+)\/(\w+)$/)) && method === "GET") {
      const type = objectType(m[1]!);
      if (!properties.get(type)!.has(m[2]!)) throw new HubSpotError(404, `Unable to find property ${m[2]} for object type ${type}`, "OBJECT_NOT_FOUND");
      return [200, { name: m[2], label: m[2], type: "string", fieldType: "text", groupName: "information" }];
    }
    if ((m = p.match(/^\/crm\/v3\/properties\/(\w+)$/)) && method === "POST") {
      const type = objectType(m[1]!);
      const def = record(body);
      for (const field of ["name", "label", "type", "fieldType", "groupName"])
        if (typeof def[field] !== "string") throw new HubSpotError(400, `Property definition is missing ${field}`, "VALIDATION_ERROR");
      if (properties.get(type)!.has(def.name as string)) throw new HubSpotError(409, `A property named '${def.name}' already exists.`, "OBJECT_ALREADY_EXISTS");
      properties.get(type)!.add(def.name as string);
      return [201, { ...def, createdAt: new Date().toISOString() }];
    }
    if ((m = p.match(/^\/crm\/v3\/objects\/(\w+)\/batch\/(create|update|upsert|read)$/)) && method === "POST") {
      const type = objectType(m[1]!);
      const inputs = batchInputs(body);
      const startedAt = new Date().toISOString();
      const done = (status: number, results: unknown[]) =>
        [status, { status: "COMPLETE", results, startedAt, completedAt: new Date().toISOString() }] as [number, unknown];
      if (m[2] === "create") {
        inputs.forEach((i) => validate(type, record(i).properties, true));
        return done(
          201,
          inputs.map((i) => create(type, record(i).properties as Record<string, string>)),
        );
      }
      if (m[2] === "update") {
        for (const i of inputs) {
          validate(type, record(i).properties, false);
          existing(type, String(record(i).id));
        }
        return done(
          200,
          inputs.map((i) => update(type, String(record(i).id), record(i).properties as Record<string, string>)),
        );
      }
      if (m[2] === "read")
        return done(
          200,
          inputs.map((i) => existing(type, String(record(i).id))),
        );
      if (type !== "contacts") throw new HubSpotError(400, `Upsert needs a unique property; ${type} has none here`, "VALIDATION_ERROR");
      for (const i of inputs) {
        if (record(i).idProperty !== "email") throw new HubSpotError(400, "idProperty must be a unique property (email)", "VALIDATION_ERROR");
        validate(type, { ...(record(i).properties as object), email: String(record(i).id) }, false);
      }
      return done(
        200,
        inputs.map((i) => {
          const email = String(record(i).id).toLowerCase();
          const found = [...objects.get(type)!.values()].find((o) => o.properties.email === email);
          const props = { ...(record(i).properties as Record<string, string>), email };
          return found ? { ...update(type, found.id, props), new: false } : { ...create(type, props), new: true };
        }),
      );
    }
    if ((m = p.match(/^\/crm\/v3\/objects\/(\w+)\/search$/)) && method === "POST") return [200, search(objectType(m[1]!), record(body))];
    if ((m = p.match(/^\/crm\/v3\/objects\/(\w+)$/)) && method === "POST") {
      const type = objectType(m[1]!);
      validate(type, record(body).properties, true);
      const links = inlineAssociations(type, record(body).associations);
      const created = create(type, record(body).properties as Record<string, string>);
      for (const l of links) associate(type, created.id, l.toType, l.toId, l.typeId);
      return [201, created];
    }
    if ((m = p.match(/^\/crm\/v3\/objects\/(\w+)\/(\d+)$/)) && method === "PATCH") {
      const type = objectType(m[1]!);
      validate(type, record(body).properties, false);
      existing(type, m[2]!);
      return [200, update(type, m[2]!, record(body).properties as Record<string, string>)];
    }
    if ((m = p.match(/^\/crm\/v4\/objects\/(\w+)\/(\d+)\/associations\/default\/(\w+)\/(\d+)$/)) && method === "PUT") {
      return [200, { status: "COMPLETE", results: [associate(objectType(m[1]!), m[2]!, objectType(m[3]!), m[4]!)] }];
    }
    if ((m = p.match(/^\/crm\/v4\/associations\/(\w+)\/(\w+)\/batch\/associate\/default$/)) && method === "POST") {
      const inputs = batchInputs(body).map((i) => record(i));
      const from = objectType(m[1]!);
      const to = objectType(m[2]!);
      for (const i of inputs) {
        existing(from, String(record(i.from).id));
        existing(to, String(record(i.to).id));
      }
      return [
        200,
        {
          status: "COMPLETE",
          results: inputs.map((i) => associate(from, String(record(i.from).id), to, String(record(i.to).id))),
          startedAt: new Date().toISOString(),
          completedAt: new Date().toISOString(),
        },
      ];
    }
    if (method === "POST" && p === "/crm/v3/objects/contacts/gdpr-delete") return gdprDelete(record(body));
    throw new HubSpotError(404, `No route for ${method} ${p}`, "OBJECT_NOT_FOUND");
  }

  // POST /crm/v3/objects/contacts/gdpr-delete { objectId, idProperty? } → 204, no body: the contact and
  // its associations are gone for good. By email, an address with no contact is blocklisted instead.
  function gdprDelete(input: Record<string, unknown>): [number, unknown] {
    if (typeof input.objectId !== "string" || !input.objectId) throw new HubSpotError(400, "Invalid input JSON: objectId is required", "VALIDATION_ERROR");
    if (input.idProperty !== undefined && input.idProperty !== "email" && input.idProperty !== "hs_object_id") {
      throw new HubSpotError(400, `${String(input.idProperty)} is not a unique property of contacts`, "VALIDATION_ERROR");
    }
    const contacts = objects.get("contacts")!;
    const found =
      input.idProperty === "email"
        ? [...contacts.values()].find((o) => o.properties.email === String(input.objectId).toLowerCase())
        : contacts.get(String(input.objectId));
    if (!found) {
      if (input.idProperty === "email") {
        gdprBlocklist.push(String(input.objectId).toLowerCase());
        return [204, null];
      }
      throw new HubSpotError(404, "Object not found.  objectId are usually numeric.", "OBJECT_NOT_FOUND");
    }
    contacts.delete(found.id);
    for (let i = associations.length - 1; i >= 0; i--) {
      const a = associations[i];
      if ((a!.fromType === "contacts" && a!.fromId === found.id) || (a!.toType === "contacts" && a!.toId === found.id)) {
        associationKeys.delete(`${a!.fromType}/${a!.fromId}>${a!.toType}/${a!.toId}`);
        associations.splice(i, 1);
      }
    }
    gdprDeleted.push(found.id);
    return [204, null];
  }

  function objectType(name: string): string {
    if (!objects.has(name)) throw new HubSpotError(400, `Unable to infer object type from: ${name}`, "VALIDATION_ERROR");
    return name;
  }

  function batchInputs(body: unknown): unknown[] {
    const inputs = record(body).inputs;
    if (!Array.isArray(inputs)) throw new HubSpotError(400, "Invalid input JSON: inputs is required", "VALIDATION_ERROR");
    if (inputs.length > 100) throw new HubSpotError(400, `Batch input limit exceeded: ${inputs.length} inputs, at most 100 allowed`, "VALIDATION_ERROR");
    return inputs;
  }

  function validate(type: string, props: unknown, creating: boolean): void {
    const given = record(props);
    const errors: { isValid: false; message: string; error: string; name: string }[] = [];
    for (const [name, value] of Object.entries(given)) {
      if (!properties.get(type)!.has(name)) {
        errors.push({ isValid: false, message: `Property "${name}" does not exist`, error: "PROPERTY_DOESNT_EXIST", name });
        continue;
      }
      if (value === null || value === "") continue;
      const text = String(value);
      if (name === "email" && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text))
        errors.push({ isValid: false, message: `Email address ${text} is invalid`, error: "INVALID_EMAIL", name });
      if (enums[name] && !enums[name].includes(text))
        errors.push({ isValid: false, message: `${text} was not one of the allowed options: ${enums[name].join(", ")}`, error: "INVALID_OPTION", name });
      if (numeric.has(name) && !Number.isFinite(Number(text)))
        errors.push({ isValid: false, message: `${text} is not a valid number`, error: "INVALID_INTEGER", name });
      if (name === "hubspot_owner_id" && !owners.some((o) => o.id === text))
        errors.push({ isValid: false, message: `${text} is not a valid owner id`, error: "INVALID_OWNER_ID", name });
      if (name === "hs_email_headers" && !emailHeadersValid(text))
        errors.push({ isValid: false, message: `${name} must be a JSON object with from.email and to[].email`, error: "INVALID_EMAIL_HEADERS", name });
      if (name === "hs_timestamp" && Number.isNaN(Date.parse(text)) && !/^\d+$/.test(text))
        errors.push({ isValid: false, message: `${text} is not a valid timestamp`, error: "INVALID_DATE", name });
    }
    if (creating)
      for (const name of required[type] ?? [])
        if (!given[name]) errors.push({ isValid: false, message: `Property ${name} is required`, error: "REQUIRED_PROPERTY", name });
    if (errors.length)
      throw new HubSpotError(
        400,
        `Property values were not valid: ${JSON.stringify(errors)}`,
        "VALIDATION_ERROR",
        errors.map((e) => ({ message: e.message, code: e.error, context: { propertyName: [e.name] } })),
      );
  }

  function create(type: string, props: Record<string, string>): Obj {
    const id = String(nextId++);
    const at = new Date().toISOString();
    const obj: Obj = {
      id,
      properties: { ...clean(props), hs_object_id: id, createdate: at, lastmodifieddate: at },
      createdAt: at,
      updatedAt: at,
      archived: false,
    };
    if (type === "contacts" && obj.properties.email) obj.properties.email = obj.properties.email.toLowerCase();
    objects.get(type)!.set(id, obj);
    return obj;
  }

  function update(type: string, id: string, props: Record<string, string>): Obj {
    const obj = existing(type, id);
    const at = new Date().toISOString();
    Object.assign(obj.properties, clean(props), { lastmodifieddate: at });
    obj.updatedAt = at;
    return obj;
  }

  function existing(type: string, id: string): Obj {
    const obj = objects.get(type)!.get(id);
    if (!obj) throw new HubSpotError(404, `Object not found.  objectId are usually numeric.`, "OBJECT_NOT_FOUND");
    return obj;
  }

  function associate(fromType: string, fromId: string, toType: string, toId: string, givenTypeId?: number) {
    const typeId = givenTypeId ?? assocTypes[`${fromType}>${toType}`];
    if (typeId === undefined) throw new HubSpotError(400, `No default association type from ${fromType} to ${toType}`, "VALIDATION_ERROR");
    const pair = `${fromType}/${fromId}>${toType}/${toId}`;
    if (!associationKeys.has(pair)) {
      associationKeys.add(pair);
      associations.push({ fromType, fromId, toType, toId, typeId });
    }
    return { from: { id: fromId }, to: { id: toId }, associationSpec: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: typeId }] };
  }

  // `associations: [{ to: { id }, types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId }] }]` on a
  // create: the type id says which object `to.id` is (198: an email's contact); an unknown id or a missing
  // record refuses the whole create, as HubSpot does.
  function inlineAssociations(fromType: string, value: unknown): { toType: string; toId: string; typeId: number }[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) throw new HubSpotError(400, "Invalid input JSON: associations must be an array", "VALIDATION_ERROR");
    return value.flatMap((a) => {
      const toId = record(record(a).to).id;
      const types = record(a).types;
      if (typeof toId !== "string" || !toId) throw new HubSpotError(400, "Invalid input JSON: associations[].to.id is required", "VALIDATION_ERROR");
      if (!Array.isArray(types) || types.length === 0) throw new HubSpotError(400, "Invalid input JSON: associations[].types is required", "VALIDATION_ERROR");
      return types.map((t) => {
        const { associationCategory, associationTypeId } = record(t);
        const pair = Object.entries(assocTypes).find(([path, id]) => id === associationTypeId && path.startsWith(`${fromType}>`));
        if (associationCategory !== "HUBSPOT_DEFINED" || !pair)
          throw new HubSpotError(
            400,
            `${String(associationCategory)} association type ${String(associationTypeId)} is not valid from ${fromType}`,
            "VALIDATION_ERROR",
          );
        const toType = pair[0].split(">")[1]!;
        existing(toType, toId);
        return { toType, toId, typeId: associationTypeId as number };
      });
    });
  }

  function search(type: string, request: Record<string, unknown>) {
    const groups = Array.isArray(request.filterGroups) ? request.filterGroups.map(record) : [];
    const matches = [...objects.get(type)!.values()].filter(
      (o) =>
        groups.length === 0 ||
        groups.some((g) =>
          (Array.isArray(g.filters) ? g.filters.map(record) : []).every((f) => {
            const value = o.properties[String(f.propertyName)] ?? null;
            if (f.operator === "EQ") return value === String(f.value);
            if (f.operator === "IN") {
              if (!Array.isArray(f.values) || f.values.length > 100) throw new HubSpotError(400, "IN filters take at most 100 values", "VALIDATION_ERROR");
              return f.values.map(String).includes(value ?? "");
            }
            throw new HubSpotError(400, `Unsupported operator ${String(f.operator)}`, "VALIDATION_ERROR");
          }),
        ),
    );
    const limit = Math.min(Number(request.limit ?? 10), 200);
    const after = Number(request.after ?? 0);
    const page = matches.slice(after, after + limit);
    return { total: matches.length, results: page, ...(after + limit < matches.length ? { paging: { next: { after: String(after + limit) } } } : {}) };
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    token,
    portalId,
    requests,
    stats,
    /** Every live record of a type (`contacts`, `notes`, …). */
    records: (type: string) => [...objects.get(type)!.values()],
    associations,
    /** Contact ids removed by a GDPR delete, and emails blocklisted by one. */
    gdprDeleted,
    gdprBlocklist,
    associationsOf: (type: string, id: string) => associations.filter((a) => (a.fromType === type && a.fromId === id) || (a.toType === type && a.toId === id)),
    /** Answer every request with this status (e.g. 503) until `null`. */
    setOutage: (status: number | null) => void (outage = status),
    /** The next `n` requests get a 429, whatever the window says. */
    force429: (n: number) => void (forced429 = n),
    setRateLimit: (next: { max: number; windowMs: number }) => void (limit = next),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function emailHeadersValid(text: string): boolean {
  try {
    const headers = record(JSON.parse(text));
    const to = headers.to;
    return typeof record(headers.from).email === "string" && Array.isArray(to) && to.every((t) => typeof record(t).email === "string");
  } catch {
    return false;
  }
}

function clean(props: Record<string, unknown>): Record<string, string | null> {
  return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, v === null || v === undefined ? null : String(v)]));
}

function errorBody(message: string, category: string, errors: unknown[] = []) {
  return { status: "error", message, correlationId: randomUUID(), category, ...(errors.length ? { errors } : {}) };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendHttpJson(res, status, body, "application/json;charset=utf-8");
}
