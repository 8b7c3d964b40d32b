import autocannon from "autocannon";
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
  statusCodes: Record<string, number>;
};

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
        onResponse: (status, body, context) => {
          const externalId = String(context.externalId);
          const entry = ledger.get(externalId);
          if (!entry) return;
          entry.status = status;
          if (status < 200 || status >= 300) return;
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
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count])),
  };
}
