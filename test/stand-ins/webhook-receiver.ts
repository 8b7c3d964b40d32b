import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readBody } from "./http";

export type ReceivedWebhook = { headers: IncomingHttpHeaders; body: string; status: number; at: number };

/**
 * A webhook consumer on 127.0.0.1 (n8n, an internal tool): records every request with its raw
 * body, answers 200 unless told otherwise: `down()` answers 503 (optionally with Retry-After)
 * until `up()`, `answerNext` answers the next requests with given statuses.
 */
export type WebhookReceiver = {
  url: string;
  received: ReceivedWebhook[];
  /** Only the requests that were answered 2xx. */
  accepted: () => ReceivedWebhook[];
  down: (options?: { retryAfter?: string }) => void;
  up: () => void;
  answerNext: (...answers: { status: number; retryAfter?: string; body?: string }[]) => void;
  close: () => Promise<void>;
};

export async function startWebhookReceiver(path = "/hook"): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let downWith: { retryAfter?: string } | null = null;
  const queued: { status: number; retryAfter?: string; body?: string }[] = [];
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const answer = queued.shift() ?? (downWith ? { status: 503, retryAfter: downWith.retryAfter, body: "down for maintenance" } : { status: 200, body: "ok" });
    received.push({ headers: req.headers, body, status: answer.status, at: Date.now() });
    res.writeHead(answer.status, { "content-type": "text/plain", ...(answer.retryAfter ? { "retry-after": answer.retryAfter } : {}) });
    res.end(answer.body ?? "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    accepted: () => received.filter((r) => r.status >= 200 && r.status < 300),
    down: (options = {}) => {
      downWith = options;
    },
    up: () => {
      downWith = null;
    },
    answerNext: (...answers) => queued.push(...answers),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
