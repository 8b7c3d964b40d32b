import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { requestSignal } from "@/lib/jobs/job-signal";
import { resolveWebhookTarget } from "./safe-target";

export const RESPONSE_BYTES_KEPT = 4_096;
export const RESPONSE_TEXT_LOGGED = 500;

export type SendOutcome =
  { kind: "response"; status: number; retryAfter: string | null; body: string } | { kind: "refused"; reason: string } | { kind: "error"; reason: string };

/**
 * One POST to a webhook endpoint: resolved and checked first (safe-target.ts), then connected to
 * exactly the checked address; redirects are not followed (a 3xx is a failure, as the spec says),
 * at most RESPONSE_BYTES_KEPT of the answer is read, and the whole exchange ends at `timeoutMs`.
 */
export async function sendWebhook(input: {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allowedPrivateHosts: readonly string[];
}): Promise<SendOutcome> {
  const target = await resolveWebhookTarget(input.url, { allowedPrivateHosts: input.allowedPrivateHosts });
  if (!target.ok) return { kind: "refused", reason: target.reason };
  const pinned: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all)
      (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const signal = requestSignal(input.timeoutMs);
  const client = target.url.protocol === "https:" ? https : http;
  return new Promise<SendOutcome>((resolve) => {
    const request = client.request(
      target.url,
      {
        method: "POST",
        lookup: pinned,
        signal,
        headers: {
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(input.body)),
          "user-agent": "Baton-Webhooks/1",
          ...input.headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        const finish = () =>
          resolve({
            kind: "response",
            status: response.statusCode ?? 0,
            retryAfter: (response.headers["retry-after"] as string | undefined) ?? null,
            body: Buffer.concat(chunks).toString("utf8").slice(0, RESPONSE_TEXT_LOGGED),
          });
        response.on("data", (chunk: Buffer) => {
          if (kept >= RESPONSE_BYTES_KEPT) return;
          chunks.push(chunk.subarray(0, RESPONSE_BYTES_KEPT - kept));
          kept += chunk.length;
          // Enough read: the rest of a large answer is not waited for.
          if (kept >= RESPONSE_BYTES_KEPT) {
            response.destroy();
            finish();
          }
        });
        response.on("end", finish);
        response.on("error", () => finish());
      },
    );
    request.on("error", (error) => resolve({ kind: "error", reason: signal.aborted ? `no answer within ${input.timeoutMs} ms` : error.message }));
    request.end(input.body);
  });
}
