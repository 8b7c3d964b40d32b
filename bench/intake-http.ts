import autocannon from "autocannon";
import { parseServerTiming } from "@/lib/http/server-timing";
import { markFor } from "./intake-rows";
import { summarise, type LatencySummary } from "./latency";

const REQUEST_TIMEOUT_SECONDS = 10;
const handoffIdPattern = /"handoffId":(null|"([0-9a-f-]{36})")/;

/**
 * Every externalId the load sent, and what came back: the status (null while in flight; still null
 * for the requests autocannon abandoned when the time was up) and, for a 2xx, the handoff the
 * response names (null: the decision keeps no handoff, a chat ask).
 */
export type Ledger = Map<string, { status: number | null; handoffId?: string | null }>;

export type HttpLoadResult = {
  ok: number;
  refused: number;
  errors: number;
  timeouts: number;
  /** 2xx bodies that are not this request's decision (another externalId, no handoffId). */
  mismatched: number;
  seconds: number;
  perSecond: number;
  latency: LatencySummary;
  /** autocannon's mean response time, for the share of it the route's phases explain. */
  meanMs: number;
  statusCodes: Record<string, number>;
  /** The route's Server-Timing phases, mean ms over the 2xx that carried the header (none: the app sent none). */
  serverTiming: { responses: number; meanMs: Record<string, number> };
};

export type HttpFloorResult = { ok: number; other: number; errors: number; seconds: number; perSecond: number; latency: LatencySummary };

/**
 * POST /api/v1/intake under `connections` concurrent keep-alive connections for `seconds`: each
 * request a different corpus event under a new externalId and mark (a new lead and company), so
 * idempotency never short-circuits the work. Latency is autocannon's per-response time, 2xx only.
 */
export async function runHttpLoad(options: {
  url: string;
  apiKey: string;
  bodies: ((ids: { mark: string; externalId: string }) => string)[];
  connections: number;
  seconds: number;
  /** Requests per second across all connections; unset: each connection sends as fast as it is answered. */
  overallRate?: number;
  prefix: string;
  /** Shared by the warm-up and the measured run, so no two requests ever share an id or a mark. */
  sequence: { next: number };
  ledger: Ledger;
}): Promise<HttpLoadResult> {
  const { ledger, sequence } = options;
  const samples: number[] = [];
  let mismatched = 0;
  const phases = new PhaseSums();
  const instance = autocannon({
    url: `${options.url}/api/v1/intake`,
    connections: options.connections,
    duration: options.seconds,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    timeout: REQUEST_TIMEOUT_SECONDS,
    method: "POST",
    headers: { authorization: `Bearer ${options.apiKey}`, "content-type": "application/json" },
    requests: [
      {
        setupRequest: (request, context) => {
          const n = sequence.next++;
          const externalId = `${options.prefix}-${n}`;
          ledger.set(externalId, { status: null });
          context.externalId = externalId;
          return { ...request, body: options.bodies[n % options.bodies.length]!({ mark: markFor(n), externalId }) };
        },
        onResponse: (status, body, context, headers) => {
          const externalId = String(context.externalId);
          const entry = ledger.get(externalId);
          if (!entry) return;
          entry.status = status;
          if (status < 200 || status >= 300) return;
          phases.add(headers);
          const match = handoffIdPattern.exec(body);
          if (!match || !body.includes(`"externalId":${JSON.stringify(externalId)}`)) mismatched++;
          entry.handoffId = match?.[2] ?? null;
        },
      },
    ],
  });
  instance.on("response", (_client, status, _bytes, ms) => {
    if (status >= 200 && status < 300) samples.push(ms);
  });
  const result = await instance;
  const ok = result["2xx"];
  return {
    ok,
    refused: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    mismatched,
    seconds: result.duration,
    perSecond: ok / result.duration,
    latency: summarise(samples),
    meanMs: Math.round(result.latency.mean * 100) / 100,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count])),
    serverTiming: phases.means(),
  };
}

/**
 * The HTTP floor beside the endpoint: GET `path` under the same connections for the same seconds,
 * so what the server and the HTTP stack cost before any intake work is a figure, not a guess.
 */
export async function runHttpFloor(options: { url: string; path: string; connections: number; seconds: number }): Promise<HttpFloorResult> {
  const samples: number[] = [];
  const instance = autocannon({
    url: `${options.url}${options.path}`,
    connections: options.connections,
    duration: options.seconds,
    timeout: REQUEST_TIMEOUT_SECONDS,
  });
  instance.on("response", (_client, status, _bytes, ms) => {
    if (status >= 200 && status < 300) samples.push(ms);
  });
  const result = await instance;
  const ok = result["2xx"];
  return { ok, other: result.non2xx, errors: result.errors, seconds: result.duration, perSecond: ok / result.duration, latency: summarise(samples) };
}

// Sums of each Server-Timing phase over the responses that carried one.
class PhaseSums {
  private responses = 0;
  private sums = new Map<string, number>();

  add(headers: Record<string, string>) {
    const header = Object.entries(headers).find(([name]) => name.toLowerCase() === "server-timing")?.[1];
    if (!header) return;
    this.responses++;
    for (const [phase, ms] of Object.entries(parseServerTiming(String(header)))) this.sums.set(phase, (this.sums.get(phase) ?? 0) + ms);
  }

  means() {
    const meanMs = Object.fromEntries([...this.sums].map(([phase, sum]) => [phase, Math.round((sum / this.responses) * 100) / 100]));
    return { responses: this.responses, meanMs };
  }
}
