import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { insertApprovalRequests } from "@/db/queries/approvals";
import { insertApiKey } from "@/db/queries/intake";
import { approvalRequests, auditLog, handoffEvents, handoffs, webhookEndpoints } from "@/db/schema";
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
import * as webhookOne from "@/app/api/v1/webhooks/[id]/route";
import * as webhookRotate from "@/app/api/v1/webhooks/[id]/rotate/route";
import * as webhooksRoute from "@/app/api/v1/webhooks/route";
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
  const text = await response.text();
  const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
  if (options.docPath && text) expectMatchesDocument(options.docPath, method.toLowerCase(), response.status, body, response.headers.get("content-type"));
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
    { method: "GET", pattern: "/api/v1/webhooks", handler: webhooksRoute.GET },
    { method: "POST", pattern: "/api/v1/webhooks", handler: webhooksRoute.POST },
    { method: "PATCH", pattern: "/api/v1/webhooks/[id]", handler: webhookOne.PATCH },
    { method: "DELETE", pattern: "/api/v1/webhooks/[id]", handler: webhookOne.DELETE },
    { method: "POST", pattern: "/api/v1/webhooks/[id]/rotate", handler: webhookRotate.POST },
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

describe("REST API v1: webhook endpoints (webhooks:manage)", () => {
  // A public address given as an IP literal: accepted by the SSRF guard without a DNS lookup. No worker runs here, so nothing is sent to it.
  const publicUrl = "https://93.184.215.14/baton-hooks";
  let admin: Actor;
  beforeAll(async () => {
    admin = await createUser({ role: "admin", teamId: null });
  });

  it("creates, lists, changes, rotates the secret of and deletes an endpoint; each answer as the document says, each change audited", async () => {
    const key = await keyWith(["webhooks:manage"], admin);
    const created = await call("POST", "/api/v1/webhooks", key, {
      body: { name: "n8n", url: publicUrl, events: ["handoff.created", "approval.requested"] },
      docPath: "/api/v1/webhooks",
    });
    expect(created.status).toBe(201);
    const { endpoint, secret } = created.body as { endpoint: { id: string; enabled: boolean; events: string[] }; secret: string };
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+={0,2}$/);
    expect(endpoint).toMatchObject({ enabled: true, events: ["handoff.created", "approval.requested"], rotating: false });

    const listed = await call("GET", "/api/v1/webhooks", key, { docPath: "/api/v1/webhooks" });
    expect(listed.status).toBe(200);
    const item = (listed.body.items as { id: string }[]).find((i) => i.id === endpoint.id);
    expect(item).toMatchObject({ url: publicUrl, name: "n8n" });
    // The secret is shown once: never in a listing.
    expect(JSON.stringify(listed.body)).not.toContain(secret.slice(6));

    const changed = await call("PATCH", `/api/v1/webhooks/${endpoint.id}`, key, {
      body: { events: ["handoff.status_changed"], enabled: false, url: `${publicUrl}/v2` },
      docPath: "/api/v1/webhooks/{id}",
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: endpoint.id, events: ["handoff.status_changed"], enabled: false, url: `${publicUrl}/v2`, name: "n8n" });

    const rotated = await call("POST", `/api/v1/webhooks/${endpoint.id}/rotate`, key, { docPath: "/api/v1/webhooks/{id}/rotate" });
    expect(rotated.status).toBe(200);
    const newSecret = rotated.body.secret as string;
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(secret);
    expect(rotated.body.endpoint).toMatchObject({ rotating: true, previousSecretSignsUntil: expect.any(String) });

    const deleted = await call("DELETE", `/api/v1/webhooks/${endpoint.id}`, key);
    expect(deleted.status).toBe(204);
    expect(await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id))).toHaveLength(0);
    const gone = await call("PATCH", `/api/v1/webhooks/${endpoint.id}`, key, { body: { enabled: true }, docPath: "/api/v1/webhooks/{id}" });
    expect(gone.status).toBe(404);
    expect((await call("DELETE", `/api/v1/webhooks/${endpoint.id}`, key, { docPath: "/api/v1/webhooks/{id}" })).status).toBe(404);
    expect((await call("POST", `/api/v1/webhooks/${endpoint.id}/rotate`, key, { docPath: "/api/v1/webhooks/{id}/rotate" })).status).toBe(404);

    const audited = await db.select().from(auditLog).where(eq(auditLog.entityId, endpoint.id));
    expect(audited.map((a) => a.action).sort()).toEqual(["webhook.create", "webhook.delete", "webhook.rotate_secret", "webhook.update"]);
    expect(audited.every((a) => a.actorId === admin.id)).toBe(true);
    // Never a secret in the audit log.
    expect(JSON.stringify(audited)).not.toContain(newSecret.slice(6));
  });

  it("refuses a private, loopback or metadata URL as a problem naming body.url, and saves nothing", async () => {
    const key = await keyWith(["webhooks:manage"], admin);
    const before = await db.select().from(webhookEndpoints);
    for (const url of ["http://127.0.0.1:5678/webhook/baton", "http://169.254.169.254/latest/meta-data", "http://10.1.2.3/hook", "http://[::1]/hook"]) {
      const refused = await call("POST", "/api/v1/webhooks", key, { body: { name: "Inside", url, events: ["handoff.created"] }, docPath: "/api/v1/webhooks" });
      expect(refused.status, url).toBe(400);
      expect(refused.headers.get("content-type")).toBe("application/problem+json");
      expect(refused.body.errors).toEqual([{ field: "body.url", message: expect.stringMatching(/^Refused: .*(loopback|private|link-local)/) }]);
    }
    expect(await db.select().from(webhookEndpoints)).toHaveLength(before.length);

    // Nor can an existing endpoint be pointed inside.
    const created = await call("POST", "/api/v1/webhooks", key, { body: { name: "Outside", url: publicUrl, events: ["handoff.created"] } });
    const id = (created.body.endpoint as { id: string }).id;
    const moved = await call("PATCH", `/api/v1/webhooks/${id}`, key, { body: { url: "http://192.168.0.10/hook" }, docPath: "/api/v1/webhooks/{id}" });
    expect(moved.status).toBe(400);
    expect((moved.body.errors as { field: string }[])[0]!.field).toBe("body.url");
    const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    expect(row!.url).toBe(publicUrl);
  });

  it("refuses bad bodies as 4xx problems naming the field, with the admin form's messages", async () => {
    const key = await keyWith(["webhooks:manage"], admin);
    const cases: [unknown, string, RegExp][] = [
      [{ name: "x", url: publicUrl, events: [] }, "body.events", /Pick at least one event/],
      [{ name: "x", url: publicUrl, events: ["handoff.exploded"] }, "body.events.0", /Pick events from the list/],
      [{ name: "", url: publicUrl, events: ["handoff.created"] }, "body.name", /Give the endpoint a name/],
      [{ name: "x", url: "not a url", events: ["handoff.created"] }, "body.url", /Enter a full URL/],
      [{ name: "x", url: publicUrl, events: ["handoff.created"], secret: "whsec_mine" }, "body", /secret/],
    ];
    for (const [body, field, message] of cases) {
      const refused = await call("POST", "/api/v1/webhooks", key, { body, docPath: "/api/v1/webhooks" });
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.errors, JSON.stringify(body)).toEqual(expect.arrayContaining([{ field, message: expect.stringMatching(message) }]));
    }
    const created = await call("POST", "/api/v1/webhooks", key, { body: { name: "Bodies", url: publicUrl, events: ["handoff.created"] } });
    const id = (created.body.endpoint as { id: string }).id;
    for (const body of [{}, { enabled: "yes" }, { events: "handoff.created" }, { id: randomUUID() }]) {
      const refused = await call("PATCH", `/api/v1/webhooks/${id}`, key, { body, docPath: "/api/v1/webhooks/{id}" });
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.headers.get("content-type")).toBe("application/problem+json");
    }
    const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    expect(row).toMatchObject({ enabled: true, events: ["handoff.created"] });
  });

  it("answers 403 to a key without webhooks:manage, and to a webhooks:manage key that acts for someone who is not an admin", async () => {
    const everyOtherScope = await keyWith(["intake:write", "handoffs:read", "handoffs:write", "approvals:write"], admin);
    const managersKey = await keyWith(["webhooks:manage"], manager);
    for (const key of [everyOtherScope, managersKey]) {
      const listed = await call("GET", "/api/v1/webhooks", key, { docPath: "/api/v1/webhooks" });
      expect(listed.status).toBe(403);
      const created = await call("POST", "/api/v1/webhooks", key, {
        body: { name: "Sneaky", url: publicUrl, events: ["handoff.created"] },
        docPath: "/api/v1/webhooks",
      });
      expect(created.status).toBe(403);
      expect(created.headers.get("content-type")).toBe("application/problem+json");
    }
    expect((await db.select().from(webhookEndpoints)).some((e) => e.name === "Sneaky")).toBe(false);
  });
});
