import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { insertApiKey } from "@/db/queries/intake";
import { resetEnvCache } from "@/lib/env";
import { generateApiKey } from "@/lib/intake/credentials";
import { apiScopes } from "@/lib/api/scopes";
import { createTeam, createUser } from "../../support/factories";
import { discoverRouteHandlers } from "./discover";
import { routeExpectations } from "./expectations";

// Route handlers called with real Request objects. Those that read a session cookie need a Next
// request around them and are exercised over HTTP instead (e2e/access-matrix.spec.ts).
// connection() only marks a render as dynamic; outside Next there is no render to mark.
vi.mock("next/server", async (original) => ({ ...(await original<typeof import("next/server")>()), connection: async () => {} }));

// Signed routes configured as in production, so an unsigned request meets the signature check, not "not configured".
beforeAll(() => {
  process.env.SLACK_SIGNING_SECRET = "matrix-signing-secret-0123456789";
  resetEnvCache();
});
afterAll(() => {
  delete process.env.SLACK_SIGNING_SECRET;
  resetEnvCache();
});

const routes = await discoverRouteHandlers();
type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  new Request(`http://127.0.0.1${path}`, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });

describe.each(routes.map((r) => [r.key, r] as const))("%s", (key, route) => {
  const expected = routeExpectations[key];
  const segments = route.file
    .split("/")
    .slice(1, -1)
    .filter((s) => !s.startsWith("("));
  // Dynamic segments ([token], [...nextauth]) get a value no record has, as a stranger's request would.
  const params = Object.fromEntries(
    segments.filter((s) => s.startsWith("[")).map((s) => (s.startsWith("[...") ? [s.slice(4, -1), ["unknown"]] : [s.slice(1, -1), "unknown"])),
  );
  const handler = (request: Request) => (route.value as Handler)(request, { params: Promise.resolve(params) });
  const path = "/" + segments.map((s) => (s.startsWith("[") ? "unknown" : s)).join("/");

  if (expected?.kind === "api-key") {
    it("refuses a request without a key, and one with a wrong key, as 401", async () => {
      const none = await handler(post(path, "{}"));
      expect(none.status).toBe(401);
      const wrong = await handler(post(path, "{}", { authorization: `Bearer ${generateApiKey().key}` }));
      expect(wrong.status).toBe(401);
    });

    it("lets a valid key past authentication (an empty body is then a 400, not a 401)", async () => {
      const generated = generateApiKey();
      await insertApiKey({ name: `Matrix ${generated.prefix}`, prefix: generated.prefix, keyHash: generated.hash, teamId: (await createTeam())!.id });
      const response = await handler(post(path, "{}", { authorization: `Bearer ${generated.key}` }));
      expect(response.status).toBe(400);
    });
  }

  if (expected?.kind === "api-scope") {
    const request = (key: string | null) =>
      new Request(`http://127.0.0.1${path}`, {
        method: route.exportName,
        ...(route.exportName === "GET" ? {} : { body: "{}" }),
        headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
      });

    it("refuses a request without a key, and one with a wrong key, as a 401 problem", async () => {
      for (const key of [null, generateApiKey().key]) {
        const response = await handler(request(key));
        expect(response.status).toBe(401);
        expect(response.headers.get("content-type")).toBe("application/problem+json");
      }
    });

    it.each(apiScopes.map((scope) => [scope] as const))(`with a key of scope %s: past the scope check only for ${expected.scope}`, async (scope) => {
      const generated = generateApiKey();
      await insertApiKey({
        name: `Matrix ${scope} ${generated.prefix}`,
        prefix: generated.prefix,
        keyHash: generated.hash,
        teamId: (await createTeam())!.id,
        scopes: [scope],
        actsAsUserId: (await createUser({ role: "admin", teamId: null })).id,
      });
      const response = await handler(request(generated.key));
      if (scope === expected.scope) {
        // Past the guard: an unknown id or an empty body is refused by what follows, never by the scope check.
        expect([401, 403]).not.toContain(response.status);
        expect(response.status).toBeLessThan(500);
      } else {
        expect(response.status).toBe(403);
        expect(response.headers.get("content-type")).toBe("application/problem+json");
      }
    });
  }

  if (expected?.kind === "public") {
    it(`answers an anonymous caller without 401/403 or a server error (${expected.why})`, async () => {
      const request = route.exportName === "GET" ? new Request(`http://127.0.0.1${path}`) : post(path, "{}");
      const response = await handler(request);
      expect(response.status).not.toBe(401);
      expect(response.status).not.toBe(403);
      // The health check's 503 is its answer, not a failure: a stuck queue of this shared test database, which it must name.
      if (path === "/api/health" && response.status === 503)
        expect(Object.values(((await response.json()) as { queues: Record<string, { stuck: boolean }> }).queues).some((q) => q.stuck)).toBe(true);
      else expect(response.status).toBeLessThan(500);
    });
  }

  if (expected?.kind === "signed") {
    it(`refuses an anonymous, unsigned request with 401 or 403 (${expected.why})`, async () => {
      const request = route.exportName === "GET" ? new Request(`http://127.0.0.1${path}`) : post(path, "{}");
      expect([401, 403]).toContain((await handler(request)).status);
    });
  }

  if (expected?.kind === "session" || expected?.kind === "authjs") {
    it("is checked over HTTP with real sessions (e2e/access-matrix.spec.ts, e2e/security.spec.ts)", () => {
      // A dynamic segment's sample (`:handoff`) is filled in by the e2e spec from the demo data.
      expect(expected.kind === "authjs" || expected.path.replace(":handoff", "unknown").startsWith(path)).toBe(true);
    });
  }
});
