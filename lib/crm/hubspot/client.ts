import { requestSignal, throwIfJobAborted } from "@/lib/jobs/job-signal";
import { CrmUnavailableError, CrmValidationError, type CrmFailure } from "@/lib/crm/errors";
import type { RateLimiter } from "@/lib/crm/hubspot/rate-limiter";
import { backoff, parseJson, sleep } from "@/lib/crm/http-helpers";

// Plain fetch against HubSpot's REST API, through our own per-portal limiter (tested against the
// stand-in) rather than @hubspot/api-client's Bottleneck defaults, which know nothing of the portal's
// real limit. 429s wait as long as HubSpot says and do not use up the retries; 5xx, timeouts and
// network errors back off exponentially; 400 (and other 4xx) are the request's fault and are not retried.

export type HubSpotClientOptions = {
  baseUrl: string;
  token: string;
  limiter: RateLimiter;
  timeoutMs: number;
  /** Attempts after a 5xx, a timeout or a network error. */
  maxRetries?: number;
  /** 429s ridden out before the job gives up and is retried later by the queue. */
  maxRateLimitWaits?: number;
  backoffBaseMs?: number;
};

export type HubSpotClient = { request<T>(method: string, path: string, body?: unknown): Promise<T> };

export function createHubSpotClient(options: HubSpotClientOptions): HubSpotClient {
  const maxRetries = options.maxRetries ?? 4;
  const maxRateLimitWaits = options.maxRateLimitWaits ?? 30;
  const backoffBaseMs = options.backoffBaseMs ?? 250;
  const base = options.baseUrl.replace(/\/$/, "");

  return {
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      let failures = 0;
      let rateLimited = 0;
      for (;;) {
        // A job pg-boss gave up stops here, between tries, instead of retrying beside its own retry.
        throwIfJobAborted();
        const done = await options.limiter.acquire();
        let response: Response;
        try {
          response = await fetch(`${base}${path}`, {
            method,
            headers: { authorization: `Bearer ${options.token}`, "content-type": "application/json", accept: "application/json" },
            body: body === undefined ? undefined : JSON.stringify(body),
            signal: requestSignal(options.timeoutMs),
          });
        } catch (error) {
          done();
          throwIfJobAborted();
          const message =
            error instanceof Error && error.name === "TimeoutError"
              ? `HubSpot did not answer ${method} ${path} within ${options.timeoutMs} ms`
              : `HubSpot is unreachable (${method} ${path})`;
          // A create HubSpot may have carried out (it timed out, or the connection dropped after it was
          // sent) is not sent again here: that would make a second record. The job fails, and its
          // retry looks the record up by our key before creating anything.
          if (isCreate(method, path) && !refused(error)) throw new CrmUnavailableError({ message });
          if (++failures > maxRetries) throw new CrmUnavailableError({ message });
          await sleep(backoff(backoffBaseMs, failures));
          continue;
        }
        done();
        readLimitHeaders(response, options.limiter);
        const text = await response.text();
        const parsed = parseJson(text);

        if (response.ok) return parsed as T;
        const failure = failureOf(response.status, parsed, text);
        if (response.status === 429) {
          if (++rateLimited > maxRateLimitWaits) throw new CrmUnavailableError(failure);
          options.limiter.pauseUntil(Date.now() + retryAfterMs(response));
          continue;
        }
        if (response.status >= 500) {
          if (++failures > maxRetries) throw new CrmUnavailableError(failure);
          await sleep(backoff(backoffBaseMs, failures));
          continue;
        }
        // A bad token or missing scope is an admin's to fix; the queue retries it later meanwhile.
        if (response.status === 401 || response.status === 403) throw new CrmUnavailableError(failure);
        throw new CrmValidationError(failure);
      }
    },
  };
}

function isCreate(method: string, path: string): boolean {
  return method === "POST" && /\/objects\/\w+(\/batch\/create)?$/.test(path);
}

/** The connection was refused: nothing reached HubSpot. */
function refused(error: unknown): boolean {
  return (error as { cause?: { code?: string } } | null)?.cause?.code === "ECONNREFUSED";
}

function readLimitHeaders(response: Response, limiter: RateLimiter): void {
  const max = Number(response.headers.get("x-hubspot-ratelimit-max"));
  const interval = Number(response.headers.get("x-hubspot-ratelimit-interval-milliseconds"));
  if (max && interval) limiter.adopt(max, interval);
}

function retryAfterMs(response: Response): number {
  const header = response.headers.get("retry-after");
  const seconds = header === null ? NaN : Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = header ? Date.parse(header) : NaN;
  if (Number.isFinite(date)) return Math.max(0, date - Date.now());
  const interval = Number(response.headers.get("x-hubspot-ratelimit-interval-milliseconds"));
  return interval > 0 ? Math.min(interval, 10_000) : 1_000;
}

function failureOf(status: number, parsed: unknown, text: string): CrmFailure {
  const body = (parsed && typeof parsed === "object" ? parsed : {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  const errors = Array.isArray(body.errors) ? body.errors.map((e) => str((e as Record<string, unknown>)?.message)).filter(Boolean) : [];
  const message = str(body.message) ?? (text.slice(0, 300) || `HTTP ${status}`);
  return {
    status,
    message: errors.length && !errors.every((e) => message.includes(e!)) ? `${message} (${errors.join("; ")})` : message,
    category: str(body.category) ?? str(body.errorType),
    correlationId: str(body.correlationId),
  };
}
