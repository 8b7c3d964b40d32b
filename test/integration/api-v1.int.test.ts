import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { insertApprovalRequests } from "@/db/queries/approvals";
import { insertApiKey } from "@/db/queries/intake";
import { approvalRequests, handoffEvents, handoffs } from "@/db/schema";
import { openApiDocument } from "@/lib/api/openapi";
import type { ApiScope } from "@/lib/api/scopes";
import type { Actor } from "@/lib/auth/guard";
import { resetEnvCache } from "@/lib/env";
import { generateApiKey } from "@/lib/intake/credentials";
import { stopBoss } from "@/lib/jobs/boss";
import * as approvalDecision from "@/app/api/v1/approvals/[id]/decision/route";
import * as approvalsList from "@/app/api/v1/approvals/route";
import * as handoffNotes from "@/app/api/v1/handoffs/[id]/notes/route";
import * as handoffOwner from "@/app/api/v1/handoffs/[id]/owner/route";
import * as handoffRead from "@/app/api/v1/handoffs/[id]/route";
import * as handoffStatus from "@/app/api/v1/handoffs/[id]/status/route";
import * as handoffList from "@/app/api/v1/handoffs/route";
import * as openapiRoute from "@/app/api/v1/openapi.json/route";
import { createHandoff, createTeam, createUser } from "../support/factories";
import { serveRoutes } from "../support/route-server";

// The REST API v1 over real HTTP on 127.0.0.1, with real keys and scopes in Postgres; every answer
// is checked against the OpenAPI document generated from the routes' own schemas.

let server: Awaited<ReturnType<typeof serveRoutes>>;
let teamId: string;
let manager: Actor;
let rep: Actor;
const doc = openApiDocument();
const ajv = new Ajv2020({ strict: false, validateFormats: false });
ajv.addSchema({ $id: "baton-openapi", components: doc.components }, "baton-openapi");

/** The answer's body validated against the document's schema for that operation and status. */
function expectMatchesDocument(path: string, method: string, status: number, body: unknown, contentType: string | null) {
  const operation = (doc.paths as Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: { $ref: string } }> }> }>>)[
    path
  ]![method]!;
  const response = operation.responses[String(status)];
  expect(response, `${method.toUpperCase()} ${path} documents ${status}`).toBeDefined();
  const [mediaType, media] = Object.entries(response!.content ?? {})[0]!;
  expect(contentType).toContain(mediaType);
  const validate = ajv.getSchema(`baton-openapi${media.schema.$ref}`)!;
  expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
}

async function keyWith(scopes: ApiScope[], actsAs: Actor) {
  const generated = generateApiKey();
  await insertApiKey({ name: `API ${scopes.join("+")}`, prefix: generated.prefix, keyHash: generated.hash, teamId, scopes, actsAsUserId: actsAs.id });
  return generated.key;
}

async function call(method: string, path: string, key: string | null, options: { body?: unknown; ifMatch?: string; docPath?: string } = {}) {
  const response = await fetch(server.url + path, {
    method,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
      ...(options.ifMatch ? { "if-match": options.ifMatch } : {}),
    },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
  });
  const body = (await response.json()) as Record<string, unknown>;
  if (options.docPath) expectMatchesDocument(options.docPath, method.toLowerCase(), response.status, body, response.headers.get("content-type"));
  return { status: response.status, body, headers: response.headers };
}

beforeAll(async () => {
  teamId = (await createTeam())!.id;
  manager = await createUser({ role: "manager", teamId });
  rep = await createUser({ role: "rep", teamId });
  server = await serveRoutes([
    { method: "GET", pattern: "/api/v1/handoffs", handler: handoffList.GET },
    { method: "GET", pattern: "/api/v1/handoffs/[id]", handler: handoffRead.GET },
    { method: "POST", pattern: "/api/v1/handoffs/[id]/status", handler: handoffStatus.POST },
    { method: "POST", pattern: "/api/v1/handoffs/[id]/notes", handler: handoffNotes.POST },
    { method: "PUT", pattern: "/api/v1/handoffs/[id]/owner", handler: handoffOwner.PUT },
    { method: "GET", pattern: "/api/v1/approvals", handler: approvalsList.GET },
    { method: "POST", pattern: "/api/v1/approvals/[id]/decision", handler: approvalDecision.POST },
    { method: "GET", pattern: "/api/v1/openapi.json", handler: openapiRoute.GET },
  ]);
});

afterAll(async () => {
  await server.close();
  await stopBoss();
  delete process.env.API_RATE_LIMIT_PER_MINUTE;
  resetEnvCache();
});

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document, and the one served at /api/v1/openapi.json", async () => {
    const result = await new Validator().validate(structuredClone(doc));
    expect(result.errors ?? null).toBeNull();
    expect(result.valid).toBe(true);
    const served = await fetch(`${server.url}/api/v1/openapi.json`).then((r) => r.json());
    expect(served).toMatchObject({ openapi: "3.1.0", paths: doc.paths, components: doc.components });
  });
});

describe("REST API v1", () => {
  it("lists the team's packages with the inbox's filters, a cursor page at a time, none twice", async () => {
    const key = await keyWith(["handoffs:read"], manager);
    const created = await Promise.all([1, 2, 3, 4, 5].map((i) => createHandoff({ teamId, priority: "normal", leadName: `Paging ${i}` })));
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const query = new URLSearchParams({ view: "team", priority: "normal", limit: "2", ...(cursor ? { cursor } : {}) });
      const { status, body } = await call("GET", `/api/v1/handoffs?${query}`, key, { docPath: "/api/v1/handoffs" });
      expect(status).toBe(200);
      seen.push(...(body.items as { id: string }[]).map((i) => i.id));
      cursor = body.nextCursor as string | null;
      if (!cursor) break;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(created.map((h) => h!.id)));
    const searched = await call("GET", `/api/v1/handoffs?view=team&priority=normal&q=${encodeURIComponent("Paging 3")}`, key, { docPath: "/api/v1/handoffs" });
    expect((searched.body.items as { leadName: string }[]).map((i) => i.leadName)).toContain("Paging 3");
  });

  it("refuses a bad query parameter as a problem naming it, never a 500", async () => {
    const key = await keyWith(["handoffs:read"], manager);
    const { status, body, headers } = await call("GET", "/api/v1/handoffs?limit=5000&colour=red", key, { docPath: "/api/v1/handoffs" });
    expect(status).toBe(400);
    expect(headers.get("content-type")).toBe("application/problem+json");
    expect((body.errors as { field: string }[]).map((e) => e.field)).toEqual(expect.arrayContaining(["query.limit", "query"]));
  });

  it("reads one package with its ETag, and changes its status with If-Match; a stale If-Match is a 412 that changes nothing", async () => {
    const key = await keyWith(["handoffs:read", "handoffs:write"], manager);
    const handoff = await createHandoff({ teamId });
    const read = await call("GET", `/api/v1/handoffs/${handoff!.id}`, key, { docPath: "/api/v1/handoffs/{id}" });
    expect(read.status).toBe(200);
    expect(read.headers.get("etag")).toBe(`"${handoff!.version}"`);

    const accepted = await call("POST", `/api/v1/handoffs/${handoff!.id}/status`, key, {
      body: { command: "accept" },
      ifMatch: read.headers.get("etag")!,
      docPath: "/api/v1/handoffs/{id}/status",
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: "accepted", ownerId: manager.id, version: handoff!.version + 1 });

    const [before] = await db.select().from(handoffs).where(eq(handoffs.id, handoff!.id));
    const eventsBefore = await db.select().from(handoffEvents).where(eq(handoffEvents.handoffId, handoff!.id));
    const stale = await call("POST", `/api/v1/handoffs/${handoff!.id}/status`, key, {
      body: { command: "discard", reason: "spam" },
      ifMatch: `"${handoff!.version}"`,
      docPath: "/api/v1/handoffs/{id}/status",
    });
    expect(stale.status).toBe(412);
    expect(stale.headers.get("content-type")).toBe("application/problem+json");
    const [after] = await db.select().from(handoffs).where(eq(handoffs.id, handoff!.id));
    expect(after).toEqual(before);
    expect(await db.select().from(handoffEvents).where(eq(handoffEvents.handoffId, handoff!.id))).toHaveLength(eventsBefore.length);

    const missing = await call("POST", `/api/v1/handoffs/${handoff!.id}/status`, key, {
      body: { command: "start_follow_up" },
      docPath: "/api/v1/handoffs/{id}/status",
    });
    expect(missing.status).toBe(428);
    const notAllowed = await call("POST", `/api/v1/handoffs/${handoff!.id}/status`, key, {
      body: { command: "accept" },
      ifMatch: `"${after!.version}"`,
      docPath: "/api/v1/handoffs/{id}/status",
    });
    expect(notAllowed.status).toBe(409);
  });

  it("answers 401 without a valid key and 403 for a key without the route's scope", async () => {
    const handoff = await createHandoff({ teamId });
    const readOnly = await keyWith(["handoffs:read"], manager);
    const intakeOnly = generateApiKey();
    await insertApiKey({ name: "Old intake key", prefix: intakeOnly.prefix, keyHash: intakeOnly.hash, teamId });
    expect((await call("GET", "/api/v1/handoffs", null, { docPath: "/api/v1/handoffs" })).status).toBe(401);
    expect((await call("GET", "/api/v1/handoffs", generateApiKey().key, { docPath: "/api/v1/handoffs" })).status).toBe(401);
    // A key from before scopes is an intake key, and no more.
    expect((await call("GET", "/api/v1/handoffs", intakeOnly.key, { docPath: "/api/v1/handoffs" })).status).toBe(403);
    const refused = await call("POST", `/api/v1/handoffs/${handoff!.id}/status`, readOnly, {
      body: { command: "accept" },
      ifMatch: `"${handoff!.version}"`,
      docPath: "/api/v1/handoffs/{id}/status",
    });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toMatch(/handoffs:write/);
    const [unchanged] = await db.select().from(handoffs).where(eq(handoffs.id, handoff!.id));
    expect(unchanged!.status).toBe("pending");
  });

  it("adds a note, and reassigns only with a manager's key", async () => {
    const handoff = await createHandoff({ teamId });
    const repKey = await keyWith(["handoffs:read", "handoffs:write"], rep);
    const managerKey = await keyWith(["handoffs:write"], manager);
    const note = await call("POST", `/api/v1/handoffs/${handoff!.id}/notes`, repKey, {
      body: { note: "Called, no answer" },
      docPath: "/api/v1/handoffs/{id}/notes",
    });
    expect(note.status).toBe(201);
    const events = await db.select().from(handoffEvents).where(eq(handoffEvents.handoffId, handoff!.id));
    expect(events.some((e) => e.type === "note" && e.note === "Called, no answer" && e.actorId === rep.id)).toBe(true);

    const byRep = await call("PUT", `/api/v1/handoffs/${handoff!.id}/owner`, repKey, {
      body: { ownerId: rep.id },
      ifMatch: `"${handoff!.version}"`,
      docPath: "/api/v1/handoffs/{id}/owner",
    });
    expect(byRep.status).toBe(403);
    const byManager = await call("PUT", `/api/v1/handoffs/${handoff!.id}/owner`, managerKey, {
      body: { ownerId: rep.id },
      ifMatch: `"${handoff!.version}"`,
      docPath: "/api/v1/handoffs/{id}/owner",
    });
    expect(byManager.status).toBe(200);
    expect(byManager.body).toMatchObject({ ownerId: rep.id });
    const empty = await call("POST", `/api/v1/handoffs/${handoff!.id}/notes`, repKey, { body: { note: "" }, docPath: "/api/v1/handoffs/{id}/notes" });
    expect(empty.status).toBe(400);
  });

  it("lists pending approvals and decides one, once", async () => {
    const handoff = await createHandoff({ teamId });
    await db.transaction((tx) =>
      insertApprovalRequests(tx, handoff!.id, [
        {
          actionType: "send_email",
          params: { to: "lead@example.com", subject: "Hello" },
          consequence: "Sends an email to the lead.",
          reason: "test",
          expiresAt: new Date(Date.now() + 3_600_000),
        },
      ]),
    );
    const [approval] = await db.select().from(approvalRequests).where(eq(approvalRequests.handoffId, handoff!.id));
    const key = await keyWith(["approvals:write"], manager);
    const listed = await call("GET", "/api/v1/approvals", key, { docPath: "/api/v1/approvals" });
    expect(listed.status).toBe(200);
    expect((listed.body.items as { id: string }[]).map((i) => i.id)).toContain(approval!.id);
    const decided = await call("POST", `/api/v1/approvals/${approval!.id}/decision`, key, {
      body: { decision: "deny" },
      docPath: "/api/v1/approvals/{id}/decision",
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ id: approval!.id, status: "denied" });
    const again = await call("POST", `/api/v1/approvals/${approval!.id}/decision`, key, {
      body: { decision: "approve" },
      docPath: "/api/v1/approvals/{id}/decision",
    });
    expect(again.status).toBe(409);
    const [row] = await db.select().from(approvalRequests).where(eq(approvalRequests.id, approval!.id));
    expect(row).toMatchObject({ status: "denied", decidedVia: "api", decidedById: manager.id });
  });

  it("limits each key per minute with Retry-After", async () => {
    process.env.API_RATE_LIMIT_PER_MINUTE = "3";
    resetEnvCache();
    try {
      const key = await keyWith(["handoffs:read"], manager);
      const other = await keyWith(["handoffs:read"], manager);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await call("GET", "/api/v1/handoffs?limit=1", key, { docPath: "/api/v1/handoffs" })).status);
      // The window can turn between requests; then the count starts over, so the last one may pass.
      const limited = await call("GET", "/api/v1/handoffs?limit=1", key, { docPath: "/api/v1/handoffs" });
      statuses.push(limited.status);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
      const first429 = statuses.indexOf(429);
      expect(first429).toBeGreaterThanOrEqual(3);
      // Another key has its own budget.
      expect((await call("GET", "/api/v1/handoffs?limit=1", other, { docPath: "/api/v1/handoffs" })).status).toBe(200);
    } finally {
      delete process.env.API_RATE_LIMIT_PER_MINUTE;
      resetEnvCache();
    }
  });

  it("answers 429 with a Retry-After header in seconds", async () => {
    process.env.API_RATE_LIMIT_PER_MINUTE = "1";
    resetEnvCache();
    try {
      const key = await keyWith(["handoffs:read"], manager);
      let limited: Awaited<ReturnType<typeof call>> | null = null;
      for (let i = 0; i < 3 && !limited; i++) {
        const reply = await call("GET", "/api/v1/handoffs?limit=1", key);
        if (reply.status === 429) limited = reply;
      }
      expect(limited).not.toBeNull();
      expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(limited!.headers.get("content-type")).toBe("application/problem+json");
    } finally {
      delete process.env.API_RATE_LIMIT_PER_MINUTE;
      resetEnvCache();
    }
  });
});
