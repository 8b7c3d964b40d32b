import type { z } from "zod";
import { findApiKeyAndCountRequest } from "@/db/queries/intake";
import { findUserById } from "@/db/queries/users";
import type { Actor } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import { UserError } from "@/lib/errors";
import { readLimited } from "@/lib/http/read-limited";
import { UNSTORABLE_MESSAGE, unstorableAt } from "@/lib/http/unstorable-text";
import { bearerToken, hashApiKey } from "@/lib/intake/credentials";
import { logger, type Logger } from "@/lib/logger";
import { PreconditionFailed } from "./precondition";
import { problemResponse, validationProblem } from "./problem";
import type { ApiScope } from "./scopes";

const BODY_LIMIT_BYTES = 64 * 1024;

export type ApiContext = {
  actor: Actor;
  keyId: string;
  request: Request;
  params: Record<string, string>;
  log: Logger;
};

/**
 * A REST API v1 route: the API key (Authorization: Bearer), its scope, the per-key rate limit
 * (429 with Retry-After), then the handler, as the person the key acts for, so their role and team
 * decide what it may touch exactly as in the console. Every error is an RFC 9457 problem; a
 * UserError keeps its status and message, anything else is logged and answered as a generic 500.
 */
export function apiRoute(name: string, scope: ApiScope, handler: (ctx: ApiContext) => Promise<Response>) {
  const log = logger.child({ route: name });
  return async (request: Request, context?: { params?: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    try {
      const token = bearerToken(request.headers.get("authorization"));
      if (!token) return problemResponse(401, "Send an API key: Authorization: Bearer baton_…");
      const limit = env().API_RATE_LIMIT_PER_MINUTE;
      const key = await findApiKeyAndCountRequest({ keyHash: hashApiKey(token), windowSeconds: 60, counter: "api" });
      if (!key) return problemResponse(401, "That API key is not valid (or was revoked).");
      if (!key.scopes.includes(scope))
        return problemResponse(403, `This API key lacks the ${scope} scope; an admin can make a key with it on /admin/api-keys.`);
      if (key.count > limit) {
        const retryAfter = Math.max(1, Math.ceil((key.windowStart.getTime() + 60_000 - Date.now()) / 1000));
        return problemResponse(429, `More than ${limit} requests a minute with this key; retry after ${retryAfter} s.`, { retryAfter });
      }
      const user = key.actingUserId ? await findUserById({ id: key.actingUserId }) : null;
      if (!user || !user.active) return problemResponse(403, "This API key acts for nobody (or for a deactivated user); make a new key on /admin/api-keys.");
      const actor: Actor = { id: user.id, name: user.name, email: user.email, role: user.role, teamId: user.teamId };
      const raw = (await context?.params) ?? {};
      const params = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : v]));
      return await handler({ actor, keyId: key.id, request, params, log });
    } catch (error) {
      if (error instanceof PreconditionFailed) return problemResponse(412, error.message);
      if (error instanceof UserError) {
        const errors = Object.entries(error.fieldErrors ?? {}).flatMap(([field, messages]) => messages.map((message) => ({ field, message })));
        return problemResponse(error.status, error.message, { errors, code: error.code });
      }
      log.error("route failed", { error });
      return problemResponse(500, "Something went wrong on our side. Try again; if it keeps happening, tell an admin.");
    }
  };
}

/** The query string through its schema, or the 400 that names each refused parameter. */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): { ok: true; value: z.output<S> } | { ok: false; response: Response } {
  const url = new URL(request.url);
  const raw = Object.fromEntries(url.searchParams);
  const unstorable = unstorableAt(raw);
  if (unstorable) return { ok: false, response: unstorableProblem("query", unstorable) };
  const parsed = schema.safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, response: validationProblem(parsed.error, "query") };
}

/** A JSON body (at most 64 KB) through its schema, or the 400/413/415 that says why not. */
export async function parseBody<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<{ ok: true; value: z.output<S> } | { ok: false; response: Response }> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) return { ok: false, response: problemResponse(415, "Send the body as JSON (Content-Type: application/json).") };
  const text = await readLimited(request, BODY_LIMIT_BYTES);
  if (text === null) return { ok: false, response: problemResponse(413, `The body is over ${BODY_LIMIT_BYTES / 1024} KB.`) };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, response: problemResponse(400, "The body is not valid JSON.") };
  }
  // Checked before the schema: no text Postgres would refuse later, mid-write, as a 500.
  const unstorable = unstorableAt(json);
  if (unstorable) return { ok: false, response: unstorableProblem("body", unstorable) };
  const parsed = schema.safeParse(json);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, response: validationProblem(parsed.error, "body") };
}

function unstorableProblem(where: "body" | "query", path: (string | number)[]): Response {
  const field = [where, ...path.map(String)].join(".");
  return problemResponse(400, `${field} ${UNSTORABLE_MESSAGE}.`, { errors: [{ field, message: UNSTORABLE_MESSAGE }] });
}

/** `If-Match: "3"` (or W/"3", or 3) as the version the caller last read; null when absent or unreadable. */
export function ifMatchVersion(request: Request): number | null | "absent" {
  const header = request.headers.get("if-match");
  if (!header) return "absent";
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  return match ? Number(match[1]) : null;
}

export const etag = (version: number) => `"${version}"`;

export function json(body: unknown, init: { status?: number; etag?: number } = {}): Response {
  return Response.json(body, { status: init.status ?? 200, headers: init.etag !== undefined ? { etag: etag(init.etag) } : undefined });
}

/** The version a change is based on, required: 428 without If-Match, 400 when it is not a version. */
export function requireIfMatch(request: Request): { ok: true; value: number } | { ok: false; response: Response } {
  const version = ifMatchVersion(request);
  if (version === "absent") return { ok: false, response: problemResponse(428, 'Send If-Match with the version you read (its ETag, e.g. If-Match: "3").') };
  if (version === null)
    return {
      ok: false,
      response: problemResponse(400, 'If-Match must be the package\'s ETag, e.g. "3".', { errors: [{ field: "header.If-Match", message: "Not a version." }] }),
    };
  return { ok: true, value: version };
}
