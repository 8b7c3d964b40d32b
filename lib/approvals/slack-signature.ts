import { createHmac, timingSafeEqual } from "node:crypto";

/** Slack refuses to replay a request older than this; so do we. */
export const SLACK_MAX_AGE_SECONDS = 5 * 60;

export type SlackSignatureCheck = { ok: true } | { ok: false; reason: string };

/**
 * Slack's request signing, version 0: `v0=` + hex HMAC-SHA256(signing secret, `v0:{timestamp}:{raw body}`),
 * compared in constant time, with the timestamp no more than five minutes from now (either way).
 */
export function verifySlackSignature(input: {
  secret: string;
  timestamp: string | null;
  signature: string | null;
  rawBody: string;
  nowSeconds: number;
}): SlackSignatureCheck {
  if (!input.timestamp || !/^\d{1,12}$/.test(input.timestamp)) return { ok: false, reason: "missing or malformed X-Slack-Request-Timestamp" };
  if (Math.abs(input.nowSeconds - Number(input.timestamp)) > SLACK_MAX_AGE_SECONDS)
    return { ok: false, reason: "the request timestamp is more than five minutes old" };
  if (!input.signature || !/^v0=[0-9a-f]{64}$/.test(input.signature)) return { ok: false, reason: "missing or malformed X-Slack-Signature" };
  const expected = Buffer.from(signSlackRequest({ secret: input.secret, timestamp: input.timestamp, rawBody: input.rawBody }));
  const given = Buffer.from(input.signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? { ok: true } : { ok: false, reason: "the signature does not match" };
}

/** What Slack sends as X-Slack-Signature (tests and the demo's stand-in sign with it too). */
export function signSlackRequest({ secret, timestamp, rawBody }: { secret: string; timestamp: string; rawBody: string }): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${rawBody}`).digest("hex")}`;
}
