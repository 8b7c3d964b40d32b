import { CrmUnavailableError, CrmValidationError, type CrmFailure } from "@/lib/crm/errors";
import type { LimitGovernor } from "@/lib/crm/salesforce/limit-governor";
import { requestSignal, throwIfJobAborted } from "@/lib/jobs/job-signal";
import { backoff, parseJson, sleep } from "@/lib/crm/http-helpers";

// Plain fetch against an org's REST API. Auth is OAuth 2.0 client credentials against the org's My
// Domain (an External Client App with a Run As user): there is no refresh token, so the access token
// is kept until Salesforce answers INVALID_SESSION_ID, then fetched again once (by one request, the
// others in flight wait for it) and the request repeated. A 401 means Salesforce did nothing, so the
// repeat cannot write twice. REQUEST_LIMIT_EXCEEDED and 5xx back off; other 4xx are the request's fault.

export type SalesforceClientOptions = {
  /** The org's My Domain, e.g. https://acme.my.salesforce.com (login.salesforce.com refuses this flow). */
  instanceUrl: string;
  clientId: string;
  clientSecret: string;
  /** e.g. "67.0"; null: the newest the org lists at GET /services/data/. */
  apiVersion: string | null;
  timeoutMs: number;
  governor: LimitGovernor;
  maxRetries?: number;
  backoffBaseMs?: number;
};

export type SalesforceSession = { accessToken: string; instanceUrl: string; orgId: string; userId: string };
export type SalesforceError = { message?: string; errorCode?: string; statusCode?: string; fields?: string[] };

export type SalesforceClient = {
  /** `path` is under /services/data/vXX.X (e.g. `/query?q=…`). */
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
  session(): Promise<SalesforceSession>;
  version(): Promise<string>;
};

export function createSalesforceClient(options: SalesforceClientOptions): SalesforceClient {
  const maxRetries = options.maxRetries ?? 4;
  const backoffBaseMs = options.backoffBaseMs ?? 250;
  const base = options.instanceUrl.replace(/\/$/, "");
  let session: Promise<SalesforceSession> | null = null;
  let version: Promise<string> | null = null;

  const login = () =>
    (session ??= fetchToken(base, options).catch((error) => {
      session = null;
      throw error;
    }));
  const apiVersion = () =>
    (version ??= (options.apiVersion ? Promise.resolve(options.apiVersion) : newestVersion(base, options.timeoutMs)).catch((error) => {
      version = null;
      throw error;
    }));

  return {
    session: login,
    version: apiVersion,
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      let failures = 0;
      let refreshed = false;
      for (;;) {
        throwIfJobAborted();
        const current = await login();
        const v = await apiVersion();
        await options.governor.acquire();
        let response: Response;
        try {
          response = await fetch(`${current.instanceUrl.replace(/\/$/, "")}/services/data/v${v}${path}`, {
            method,
            headers: { authorization: `Bearer ${current.accessToken}`, "content-type": "application/json", accept: "application/json" },
            body: body === undefined ? undefined : JSON.stringify(body),
            signal: requestSignal(options.timeoutMs),
          });
        } catch (error) {
          throwIfJobAborted();
          const message =
            error instanceof Error && error.name === "TimeoutError"
              ? `Salesforce did not answer ${method} ${path.split("?")[0]} within ${options.timeoutMs} ms`
              : `Salesforce is unreachable (${method} ${path.split("?")[0]})`;
          // A create Salesforce may have carried out is not sent again here: the job fails, and its retry
          // looks the record up first. Upserts by external id and reads are safe to repeat.
          if (method === "POST" && !refused(error)) throw new CrmUnavailableError({ message });
          if (++failures > maxRetries) throw new CrmUnavailableError({ message });
          await sleep(backoff(backoffBaseMs, failures));
          continue;
        }
        options.governor.observe(response.headers.get("sforce-limit-info"));
        const text = await response.text();
        const parsed = parseJson(text);
        if (response.ok) return parsed as T;
        const failure = failureOf(response.status, parsed, text);
        if (response.status === 401 && failure.category === "INVALID_SESSION_ID" && !refreshed) {
          refreshed = true;
          // Only the first request to notice drops the token; the others then share its new one.
          if (session && (await session.catch(() => null)) === current) session = null;
          continue;
        }
        if (response.status === 401) throw new CrmUnavailableError({ ...failure, message: `Salesforce refused the integration's session: ${failure.message}` });
        if (failure.category === "REQUEST_LIMIT_EXCEEDED" || response.status >= 500) {
          if (++failures > maxRetries) throw new CrmUnavailableError(failure);
          await sleep(backoff(backoffBaseMs, failures));
          continue;
        }
        throw new CrmValidationError(failure);
      }
    },
  };
}

async function fetchToken(base: string, options: SalesforceClientOptions): Promise<SalesforceSession> {
  let response: Response;
  try {
    response = await fetch(`${base}/services/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: options.clientId, client_secret: options.clientSecret }).toString(),
      signal: requestSignal(options.timeoutMs),
    });
  } catch {
    throw new CrmUnavailableError({ message: `Salesforce's token endpoint at ${base} is unreachable` });
  }
  const body = (parseJson(await response.text()) ?? {}) as Record<string, unknown>;
  if (!response.ok || typeof body.access_token !== "string") {
    // A wrong client id or secret is an admin's to fix; the queue retries meanwhile.
    throw new CrmUnavailableError({
      status: response.status,
      category: typeof body.error === "string" ? body.error : undefined,
      message: `Salesforce refused the client credentials (${String(body.error ?? response.status)}: ${String(body.error_description ?? "no reason given")}). Check the External Client App's consumer key and secret, that the client credentials flow is enabled with a Run As user, and that the URL is the org's My Domain.`,
    });
  }
  // id: https://MyDomain/id/{orgId}/{userId}, the Run As user.
  const [, orgId = "", userId = ""] = /\/id\/([^/]+)\/([^/?]+)/.exec(String(body.id ?? "")) ?? [];
  return { accessToken: body.access_token, instanceUrl: typeof body.instance_url === "string" ? body.instance_url : base, orgId, userId };
}

export type SalesforceVersion = { label: string; url: string; version: string };

export async function listVersions(base: string, timeoutMs: number): Promise<SalesforceVersion[]> {
  const response = await fetch(`${base.replace(/\/$/, "")}/services/data/`, { headers: { accept: "application/json" }, signal: requestSignal(timeoutMs) });
  if (!response.ok) throw new CrmUnavailableError({ status: response.status, message: `Salesforce answered HTTP ${response.status} to GET /services/data/` });
  const body = (await response.json()) as SalesforceVersion[];
  if (!Array.isArray(body)) throw new CrmUnavailableError({ message: "GET /services/data/ did not list API versions: is this the org's My Domain URL?" });
  return body;
}

async function newestVersion(base: string, timeoutMs: number): Promise<string> {
  const versions = await listVersions(base, timeoutMs);
  const newest = versions.map((v) => v.version).sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new CrmUnavailableError({ message: "The org lists no API versions at GET /services/data/" });
  return newest;
}

function refused(error: unknown): boolean {
  return (error as { cause?: { code?: string } } | null)?.cause?.code === "ECONNREFUSED";
}

/** Salesforce's request errors: `[{ message, errorCode, fields }]`. */
function failureOf(status: number, parsed: unknown, text: string): CrmFailure {
  const errors = (Array.isArray(parsed) ? parsed : []) as SalesforceError[];
  const first = errors[0];
  if (!first) return { status, message: text.slice(0, 300) || `HTTP ${status}` };
  const message = errors.map((e) => `${e.errorCode ?? e.statusCode}: ${e.message}${e.fields?.length ? ` (${e.fields.join(", ")})` : ""}`).join("; ");
  return { status, message, category: first.errorCode ?? first.statusCode };
}
