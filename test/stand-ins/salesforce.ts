import { randomBytes } from "node:crypto";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { readBody, sendJson } from "./http";

/**
 * A local Salesforce org for tests, the bench and the demo, speaking the REST API's wire format:
 * the OAuth 2.0 client-credentials token endpoint (`/services/oauth2/token`, no refresh token),
 * `GET /services/data/` (the versions), `/limits`, `/sobjects/{T}/describe`, sObject Collections
 * (`POST`/`PATCH /composite/sobjects`, and upsert by external id `PATCH
 * /composite/sobjects/{T}/{Field}`, at most 200 records, `allOrNone`, in-order per-record results
 * with `errors: [{ statusCode, message, fields }]`), `GET /query?q=` for the SOQL Baton sends, request
 * errors as `[{ message, errorCode, fields }]`, and `Sforce-Limit-Info: api-usage=N/M` on every API
 * response. Commands make it fail (5xx, REQUEST_LIMIT_EXCEEDED, a record's error), throttle, and
 * expire every issued token (INVALID_SESSION_ID). Records live in memory so a test can assert exactly
 * what the org would hold.
 */

export type SalesforceUser = { id: string; email: string; name: string };
export type SfRecord = Record<string, unknown> & { Id: string };
export type SfRequest = { method: string; path: string; status: number; body: unknown; at: number };
export type RecordError = { statusCode: string; message: string; fields: string[] };

const prefixes: Record<string, string> = {
  Account: "001",
  Contact: "003",
  Opportunity: "006",
  Lead: "00Q",
  Task: "00T",
  Event: "00U",
  Case: "500",
  User: "005",
  ContentNote: "069",
  ContentDocumentLink: "06A",
  OpportunityContactRole: "00K",
};

const standardFields: Record<string, string[]> = {
  Lead: ["Email", "FirstName", "LastName", "Phone", "Title", "Company", "Website", "Status", "Description", "OwnerId", "IsConverted", "LeadSource"],
  Contact: ["Email", "FirstName", "LastName", "Phone", "Title", "Description", "OwnerId", "AccountId"],
  Account: ["Name", "Website", "NumberOfEmployees", "OwnerId", "Description"],
  Opportunity: ["Name", "StageName", "CloseDate", "Amount", "Description", "OwnerId", "AccountId", "IsWon", "IsClosed"],
  Task: ["Subject", "Description", "ActivityDate", "ReminderDateTime", "IsReminderSet", "Status", "Priority", "OwnerId", "WhoId", "WhatId"],
  Event: ["Subject", "StartDateTime", "EndDateTime", "OwnerId", "WhoId", "WhatId", "Description"],
  Case: ["Subject", "Description", "Status", "Priority", "Origin", "OwnerId", "ContactId", "AccountId"],
  ContentNote: ["Title", "Content", "OwnerId"],
  ContentDocumentLink: ["ContentDocumentId", "LinkedEntityId", "ShareType", "Visibility"],
  OpportunityContactRole: ["OpportunityId", "ContactId", "Role", "IsPrimary"],
  User: ["Email", "Name", "IsActive"],
};
const requiredOnCreate: Record<string, string[]> = {
  Lead: ["LastName", "Company"],
  Contact: ["LastName"],
  Account: ["Name"],
  Opportunity: ["Name", "StageName", "CloseDate"],
  Event: ["StartDateTime", "EndDateTime"],
  ContentNote: ["Title"],
  ContentDocumentLink: ["ContentDocumentId", "LinkedEntityId"],
  OpportunityContactRole: ["OpportunityId", "ContactId"],
};
const picklists: Record<string, string[]> = {
  "Lead.Status": ["Open - Not Contacted", "Working - Contacted", "Closed - Converted", "Closed - Not Converted"],
  "Opportunity.StageName": [
    "Prospecting",
    "Qualification",
    "Needs Analysis",
    "Value Proposition",
    "Proposal/Price Quote",
    "Negotiation/Review",
    "Closed Won",
    "Closed Lost",
  ],
  "Task.Status": ["Not Started", "In Progress", "Completed", "Waiting on someone else", "Deferred"],
  "Task.Priority": ["High", "Normal", "Low"],
  "Case.Status": ["New", "Working", "Escalated", "Closed"],
  "Case.Priority": ["High", "Medium", "Low"],
};
/** Lookups: the field, and the objects its id may point at. */
const lookups: Record<string, string[]> = {
  OwnerId: ["User"],
  AccountId: ["Account"],
  ContactId: ["Contact"],
  OpportunityId: ["Opportunity"],
  WhoId: ["Lead", "Contact"],
  WhatId: ["Account", "Opportunity", "Case"],
  ContentDocumentId: ["ContentNote"],
  LinkedEntityId: ["Lead", "Contact", "Account", "Opportunity", "Case", "User"],
};

/** The custom fields an org set up for Baton has (the adapter's instructions create exactly these). */
export const batonFields: Record<string, string[]> = {
  Lead: ["Baton_Key__c", "Baton_Priority__c", "Baton_Reasons__c", "Baton_Package_URL__c", "Baton_Status__c"],
  Contact: ["Baton_Key__c", "Baton_Priority__c", "Baton_Reasons__c", "Baton_Package_URL__c", "Baton_Status__c"],
  Account: ["Baton_Key__c"],
  Opportunity: ["Baton_Key__c", "Baton_Status__c"],
  Task: ["Baton_Key__c"],
  Event: ["Baton_Key__c"],
  Case: ["Baton_Key__c"],
};

const versions = [
  { label: "Winter '26", url: "/services/data/v65.0", version: "65.0" },
  { label: "Spring '26", url: "/services/data/v66.0", version: "66.0" },
  { label: "Summer '26", url: "/services/data/v67.0", version: "67.0" },
];

class SfError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields: string[] = [],
  ) {
    super(message);
  }
}

export type SalesforceStandInOptions = {
  clientId?: string;
  clientSecret?: string;
  users?: SalesforceUser[];
  /** The org's daily API request allocation (the `M` of api-usage=N/M). */
  dailyLimit?: number;
  /** Custom fields left out of the org: the adapter must notice and explain. */
  withoutFields?: { object: string; field: string }[];
  /** Runs after a request changed the records, before the response leaves: where a test crashes the client. */
  beforeRespond?: (request: { method: string; path: string; status: number }) => Promise<void>;
};

export type SalesforceStandIn = Awaited<ReturnType<typeof startSalesforceStandIn>>;

export async function startSalesforceStandIn(options: SalesforceStandInOptions = {}) {
  const clientId = options.clientId ?? "3MVG9stand.in.client";
  const clientSecret = options.clientSecret ?? "stand-in-client-secret";
  const orgId = `00D${randomBytes(6).toString("hex").slice(0, 12).toUpperCase()}AAA`;
  const integrationUser: SalesforceUser = { id: "005000000000000AAA", email: "integration@baton.example", name: "Baton Integration" };
  const objects = new Map<string, Map<string, SfRecord>>(Object.keys(standardFields).map((t) => [t, new Map()]));
  const fields = new Map<string, Set<string>>(Object.entries(standardFields).map(([t, f]) => [t, new Set([...f, ...(batonFields[t] ?? [])])]));
  for (const missing of options.withoutFields ?? []) fields.get(missing.object)?.delete(missing.field);
  for (const user of [integrationUser, ...(options.users ?? [])])
    objects.get("User")!.set(user.id, { Id: user.id, Email: user.email, Name: user.name, IsActive: true });

  const tokens = new Set<string>();
  const requests: SfRequest[] = [];
  const usage = { used: 0, max: options.dailyLimit ?? 100_000 };
  const stats = { requests: 0, apiRequests: 0, tokenRequests: 0, overLimit: 0, invalidSession: 0, recordsWritten: 0 };
  let counter = 1;
  let outage: number | null = null;
  let throttled = 0;
  const recordFailures: { match: (type: string, record: Record<string, unknown>) => boolean; error: RecordError; times: number }[] = [];
  const sockets = new Set<Socket>();
  let baseUrl = "";

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const url = new URL(req.url ?? "/", "http://stand-in");
    const method = req.method ?? "GET";
    const now = Date.now();
    stats.requests += 1;
    const log = (status: number, body: unknown) => requests.push({ method, path: url.pathname, status, body, at: now });

    if (url.pathname === "/services/oauth2/token") {
      stats.tokenRequests += 1;
      const form = new URLSearchParams(raw);
      if (method !== "POST") return send(res, 405, { error: "invalid_request", error_description: "must use HTTP POST" });
      if (form.get("grant_type") !== "client_credentials")
        return send(res, 400, { error: "unsupported_grant_type", error_description: "grant type not supported" });
      if (form.get("client_id") !== clientId || form.get("client_secret") !== clientSecret)
        return send(res, 400, { error: "invalid_client", error_description: "invalid client credentials" });
      const token = `${orgId}!${randomBytes(24).toString("base64url")}`;
      tokens.add(token);
      log(200, null);
      return send(res, 200, {
        access_token: token,
        signature: randomBytes(32).toString("base64"),
        scope: "api",
        instance_url: baseUrl,
        id: `${baseUrl}/id/${orgId}/${integrationUser.id}`,
        token_type: "Bearer",
        issued_at: String(now),
      });
    }
    if (method === "GET" && (url.pathname === "/services/data" || url.pathname === "/services/data/")) {
      log(200, null);
      return send(res, 200, versions);
    }
    const m = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/.exec(url.pathname);
    if (!m) return send(res, 404, [{ errorCode: "NOT_FOUND", message: "The requested resource does not exist" }]);
    if (!versions.some((v) => v.version === m[1])) return send(res, 404, [{ errorCode: "NOT_FOUND", message: `Version ${m[1]} is not supported` }]);

    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    if (!token || !tokens.has(token)) {
      stats.invalidSession += 1;
      log(401, null);
      return send(res, 401, [{ message: "Session expired or invalid", errorCode: "INVALID_SESSION_ID" }]);
    }
    stats.apiRequests += 1;
    let body: unknown = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      body = undefined;
    }
    if (usage.used >= usage.max) {
      stats.overLimit += 1;
      log(403, body);
      return sendApi(res, 403, [{ message: `TotalRequests Limit exceeded.`, errorCode: "REQUEST_LIMIT_EXCEEDED" }]);
    }
    usage.used += 1;
    if (outage !== null) {
      log(outage, body);
      return sendApi(res, outage, [{ message: "Service temporarily unavailable", errorCode: "SERVER_UNAVAILABLE" }]);
    }
    if (throttled > 0) {
      throttled -= 1;
      log(403, body);
      return sendApi(res, 403, [{ message: "ConcurrentPerOrgLongTxn Limit exceeded.", errorCode: "REQUEST_LIMIT_EXCEEDED" }]);
    }
    try {
      if (body === undefined) throw new SfError(400, "JSON_PARSER_ERROR", "Unexpected character: was expecting a JSON value");
      const [status, payload] = route(method, m[2] ?? "/", url.searchParams, body);
      log(status, body);
      await options.beforeRespond?.({ method, path: url.pathname, status });
      if (res.destroyed) return;
      if (status === 204) {
        res.setHeader("Sforce-Limit-Info", limitInfo());
        res.writeHead(204).end();
      } else sendApi(res, status, payload);
    } catch (error) {
      if (!(error instanceof SfError)) throw error;
      log(error.status, body);
      sendApi(res, error.status, [{ message: error.message, errorCode: error.errorCode, fields: error.fields }]);
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  const limitInfo = () => `api-usage=${usage.used}/${usage.max}`;
  function sendApi(res: ServerResponse, status: number, payload: unknown) {
    res.setHeader("Sforce-Limit-Info", limitInfo());
    send(res, status, payload);
  }

  function route(method: string, path: string, params: URLSearchParams, body: unknown): [number, unknown] {
    let m: RegExpExecArray | null;
    if (method === "GET" && (path === "/" || path === "")) return [200, { sobjects: `/services/data/v67.0/sobjects`, query: `/services/data/v67.0/query` }];
    if (method === "GET" && path === "/limits")
      return [200, { DailyApiRequests: { Max: usage.max, Remaining: usage.max - usage.used }, DailyBulkApiBatches: { Max: 15_000, Remaining: 15_000 } }];
    if (method === "GET" && (m = /^\/sobjects\/(\w+)\/describe\/?$/.exec(path))) {
      const type = sobject(m[1]!);
      return [
        200,
        {
          name: type,
          keyPrefix: prefixes[type],
          fields: ["Id", ...fields.get(type)!].map((name) => ({
            name,
            type: name === "Id" ? "id" : name.endsWith("Id") ? "reference" : "string",
            externalId: name === "Baton_Key__c",
            unique: name === "Baton_Key__c",
            custom: name.endsWith("__c"),
          })),
        },
      ];
    }
    if (method === "GET" && path === "/query") return [200, query(params.get("q") ?? "")];
    if ((m = /^\/composite\/sobjects\/(\w+)\/(\w+)$/.exec(path)) && method === "PATCH") return [200, upsertCollection(sobject(m[1]!), m[2]!, body)];
    if (path === "/composite/sobjects" && method === "POST") return [200, writeCollection(body, "create")];
    if (path === "/composite/sobjects" && method === "PATCH") return [200, writeCollection(body, "update")];
    throw new SfError(404, "NOT_FOUND", `The requested resource does not exist: ${method} ${path}`);
  }

  function sobject(name: string): string {
    if (!objects.has(name)) throw new SfError(404, "NOT_FOUND", `The requested resource does not exist (sObject type '${name}' is not supported)`);
    return name;
  }

  function collection(body: unknown): { allOrNone: boolean; records: Record<string, unknown>[] } {
    const b = rec(body);
    if (!Array.isArray(b.records)) throw new SfError(400, "JSON_PARSER_ERROR", "records is required");
    if (b.records.length > 200) throw new SfError(400, "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 200 records into this call");
    return { allOrNone: b.allOrNone === true, records: b.records.map(rec) };
  }

  function upsertCollection(type: string, externalField: string, body: unknown) {
    if (!fields.get(type)!.has(externalField) || externalField !== "Baton_Key__c")
      throw new SfError(400, "INVALID_FIELD", `Field ${externalField} is not an external id field of ${type}`, [externalField]);
    const { allOrNone, records } = collection(body);
    return records.map((r) => {
      try {
        const declared = rec(r.attributes).type;
        if (declared !== type) throw recordError("INVALID_TYPE", `Record type ${String(declared)} does not match ${type}`, []);
        if ("Id" in r) throw recordError("INVALID_FIELD", "Id is not allowed in an upsert by external id", ["Id"]);
        const value = r[externalField];
        if (typeof value !== "string" || !value)
          throw recordError("REQUIRED_FIELD_MISSING", `Required fields are missing: [${externalField}]`, [externalField]);
        const values = withoutAttributes(r);
        const matches = [...objects.get(type)!.values()].filter((o) => o[externalField] === value);
        if (matches.length > 1)
          throw recordError("DUPLICATE_EXTERNAL_ID", `${externalField}: more than one record found for external id field`, [externalField]);
        if (matches[0]) return { id: write(type, values, matches[0]).Id, success: true, errors: [], created: false };
        return { id: write(type, values, null).Id, success: true, errors: [], created: true };
      } catch (error) {
        if (!(error instanceof RecordFailure)) throw error;
        if (allOrNone) throw new SfError(400, error.error.statusCode, error.error.message, error.error.fields);
        return { success: false, errors: [error.error] };
      }
    });
  }

  function writeCollection(body: unknown, mode: "create" | "update") {
    const { allOrNone, records } = collection(body);
    return records.map((r) => {
      try {
        const type = rec(r.attributes).type;
        if (typeof type !== "string" || !objects.has(type)) throw recordError("INVALID_TYPE", `sObject type '${String(type)}' is not supported`, []);
        const { Id: id, ...values } = withoutAttributes(r);
        if (mode === "create") {
          if (id !== undefined) throw recordError("INVALID_FIELD", "Id is not allowed in a create", ["Id"]);
          return { id: write(type, values, null).Id, success: true, errors: [] };
        }
        const existing = typeof id === "string" ? objects.get(type)!.get(id) : undefined;
        if (!existing) throw recordError("ENTITY_IS_DELETED", `entity is deleted or does not exist: ${String(id)}`, ["Id"]);
        return { id: write(type, values, existing).Id, success: true, errors: [] };
      } catch (error) {
        if (!(error instanceof RecordFailure)) throw error;
        if (allOrNone) throw new SfError(400, error.error.statusCode, error.error.message, error.error.fields);
        return { id: typeof r.Id === "string" ? r.Id : null, success: false, errors: [error.error] };
      }
    });
  }

  function write(type: string, values: Record<string, unknown>, existing: SfRecord | null): SfRecord {
    const failure = recordFailures.find((f) => f.times > 0 && f.match(type, values));
    if (failure) {
      failure.times -= 1;
      throw new RecordFailure(failure.error);
    }
    const known = fields.get(type)!;
    for (const field of Object.keys(values))
      if (!known.has(field)) throw recordError("INVALID_FIELD", `No such column '${field}' on sobject of type ${type}`, [field]);
    const merged = { ...(existing ?? {}), ...values };
    if (!existing) {
      const missing = (requiredOnCreate[type] ?? []).filter((f) => merged[f] === undefined || merged[f] === null || merged[f] === "");
      if (missing.length) throw recordError("REQUIRED_FIELD_MISSING", `Required fields are missing: [${missing.join(", ")}]`, missing);
    }
    for (const [field, value] of Object.entries(values)) {
      const allowed = picklists[`${type}.${field}`];
      if (allowed && value !== null && !allowed.includes(String(value)))
        throw recordError("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", `${field}: bad value for restricted picklist field: ${String(value)}`, [field]);
      const targets = lookups[field];
      if (targets && value !== null && !targets.some((t) => objects.get(t)?.has(String(value))))
        throw recordError("INVALID_CROSS_REFERENCE_KEY", `invalid cross reference id: ${String(value)} (${field})`, [field]);
      if (field === "Email" && value !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(String(value)))
        throw recordError("INVALID_EMAIL_ADDRESS", `Email: invalid email address: ${String(value)}`, [field]);
      if ((field === "CloseDate" || field === "ActivityDate") && value !== null && !/^\d{4}-\d{2}-\d{2}$/.test(String(value)))
        throw recordError("INVALID_TYPE_ON_FIELD_IN_RECORD", `${field}: value not of required type: ${String(value)}`, [field]);
    }
    if (type === "Opportunity" && merged.AccountId === undefined && !existing) merged.AccountId = null;
    if (type === "ContentDocumentLink") {
      const duplicate = [...objects.get(type)!.values()].some(
        (l) => l.ContentDocumentId === merged.ContentDocumentId && l.LinkedEntityId === merged.LinkedEntityId && l.Id !== existing?.Id,
      );
      if (duplicate)
        throw recordError(
          "DUPLICATE_VALUE",
          `Document with ID: ${String(merged.ContentDocumentId)} is already linked with the entity with ID: ${String(merged.LinkedEntityId)}`,
          ["LinkedEntityId"],
        );
    }
    if (type === "Opportunity") {
      merged.IsClosed = merged.StageName === "Closed Won" || merged.StageName === "Closed Lost";
      merged.IsWon = merged.StageName === "Closed Won";
    }
    if (type === "Lead" && merged.IsConverted === undefined) merged.IsConverted = false;
    const at = new Date().toISOString();
    const id = existing?.Id ?? `${prefixes[type]}${String(counter++).padStart(12, "0")}AAA`;
    const saved: SfRecord = { ...merged, Id: id, CreatedDate: existing?.CreatedDate ?? at, LastModifiedDate: at };
    objects.get(type)!.set(id, saved);
    stats.recordsWritten += 1;
    return saved;
  }

  // The SOQL Baton sends: SELECT a, b FROM T [WHERE cond (AND cond)*] [LIMIT n], where a condition is
  // `f = v`, `f IN (v, …)`, `f LIKE v` or a parenthesised OR of those; values are quoted strings,
  // true, false or null.
  function query(soql: string) {
    const m = /^\s*SELECT\s+(.+?)\s+FROM\s+(\w+)(?:\s+WHERE\s+(.+?))?(?:\s+LIMIT\s+(\d+))?\s*$/is.exec(soql);
    if (!m) throw new SfError(400, "MALFORMED_QUERY", `unexpected token in: ${soql.slice(0, 80)}`);
    const type = sobject(m[2]!);
    const selected = m[1]!.split(",").map((f) => f.trim());
    for (const f of selected)
      if (f !== "Id" && !fields.get(type)!.has(f)) throw new SfError(400, "INVALID_FIELD", `No such column '${f}' on entity '${type}'`, [f]);
    const where = m[3] ? parseWhere(m[3], type) : () => true;
    if (type === "ContentDocumentLink" && !/ContentDocumentId|LinkedEntityId/.test(m[3] ?? ""))
      throw new SfError(
        400,
        "MALFORMED_QUERY",
        "Implementation restriction: ContentDocumentLink requires a filter by a single Id on ContentDocumentId or LinkedEntityId",
      );
    const found = [...objects.get(type)!.values()].filter(where).slice(0, m[4] ? Number(m[4]) : 2000);
    return {
      totalSize: found.length,
      done: true,
      records: found.map((r) => ({
        attributes: { type, url: `/services/data/v67.0/sobjects/${type}/${r.Id}` },
        ...Object.fromEntries(selected.map((f) => [f, r[f] ?? null])),
      })),
    };
  }

  function parseWhere(text: string, type: string): (r: SfRecord) => boolean {
    const tokens = text.match(/'(?:\\'|[^'])*'|\(|\)|,|[A-Za-z_][\w.]*|=|\S+/g) ?? [];
    let i = 0;
    const value = (): unknown => {
      const t = tokens[i++]!;
      if (t.startsWith("'")) return t.slice(1, -1).replace(/\\'/g, "'");
      if (t === "true" || t === "false") return t === "true";
      if (t === "null") return null;
      throw new SfError(400, "MALFORMED_QUERY", `unexpected token: ${t}`);
    };
    const condition = (): ((r: SfRecord) => boolean) => {
      if (tokens[i] === "(") {
        i++;
        const parts = [condition()];
        while (tokens[i]?.toUpperCase() === "OR") {
          i++;
          parts.push(condition());
        }
        if (tokens[i++] !== ")") throw new SfError(400, "MALFORMED_QUERY", "expected )");
        return (r) => parts.some((p) => p(r));
      }
      const field = tokens[i++]!;
      if (field !== "Id" && !fields.get(type)!.has(field)) throw new SfError(400, "INVALID_FIELD", `No such column '${field}' on entity '${type}'`, [field]);
      const op = tokens[i++]!.toUpperCase();
      if (op === "=") {
        const v = value();
        return (r) => (r[field] ?? null) === v;
      }
      if (op === "LIKE") {
        const pattern = String(value());
        const re = new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/%/g, ".*")}$`, "i");
        return (r) => typeof r[field] === "string" && re.test(r[field] as string);
      }
      if (op === "IN") {
        if (tokens[i++] !== "(") throw new SfError(400, "MALFORMED_QUERY", "expected ( after IN");
        const values: unknown[] = [];
        while (tokens[i] !== ")") {
          values.push(value());
          if (tokens[i] === ",") i++;
        }
        i++;
        return (r) =>
          values.some((v) => (typeof v === "string" && typeof r[field] === "string" ? (r[field] as string).toLowerCase() === v.toLowerCase() : r[field] === v));
      }
      throw new SfError(400, "MALFORMED_QUERY", `unexpected operator: ${op}`);
    };
    const parts = [condition()];
    while (i < tokens.length) {
      if (tokens[i++]!.toUpperCase() !== "AND") throw new SfError(400, "MALFORMED_QUERY", `unexpected token: ${tokens[i - 1]}`);
      parts.push(condition());
    }
    return (r) => parts.every((p) => p(r));
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    clientId,
    clientSecret,
    orgId,
    integrationUser,
    requests,
    stats,
    usage,
    /** Every record of an sObject type (`Lead`, `Contact`, `ContentNote`, …). */
    records: (type: string) => [...objects.get(type)!.values()],
    /** A ContentNote's content as text (it is stored base64, as sent). */
    noteText: (id: string) => Buffer.from(String(objects.get("ContentNote")!.get(id)?.Content ?? ""), "base64").toString("utf8"),
    /** Answer every API request with this status (e.g. 503) until `null`. */
    setOutage: (status: number | null) => void (outage = status),
    /** The next `n` API requests get 403 REQUEST_LIMIT_EXCEEDED. */
    throttle: (n: number) => void (throttled = n),
    /** Every token issued so far stops working (INVALID_SESSION_ID): a session timeout or a revoked app. */
    expireTokens: () => tokens.clear(),
    /** The org's API usage in the last 24 hours, as the limit header will report it. */
    setUsage: (used: number, max = usage.max) => void Object.assign(usage, { used, max }),
    /** The next `times` writes matching `match` fail with this per-record error. */
    failRecords: (match: (type: string, record: Record<string, unknown>) => boolean, error: RecordError, times = 1) =>
      void recordFailures.push({ match, error, times }),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

class RecordFailure extends Error {
  constructor(readonly error: RecordError) {
    super(error.message);
  }
}

function recordError(statusCode: string, message: string, fields: string[]): RecordFailure {
  return new RecordFailure({ statusCode, message, fields });
}

function withoutAttributes(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([field]) => field !== "attributes"));
}

function rec(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function send(res: ServerResponse, status: number, body: unknown): void {
  sendJson(res, status, body, "application/json;charset=UTF-8");
}
