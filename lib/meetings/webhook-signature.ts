import { createHmac, timingSafeEqual } from "node:crypto";

// How Cal.com and Calendly sign their webhooks (INTEGRATIONS.md sections 2 and 3). Both are
// HMAC-SHA256 in hex; the signature covers the raw body exactly as it arrived.

export type SignatureCheck = { ok: true } | { ok: false; problem: string };

/** Cal.com: `X-Cal-Signature-256` = hex HMAC-SHA256(secret, body). Nothing time-based is signed. */
export function calcomSignature(secret: string, rawBody: string): string {
  return createHmac("sha256", secret).update(rawBody, "utf8").digest("hex");
}

export function verifyCalcomSignature(input: { secret: string; rawBody: string; header: string | null }): SignatureCheck {
  if (!input.header) return { ok: false, problem: "X-Cal-Signature-256 is missing" };
  if (!/^[0-9a-f]{64}$/i.test(input.header.trim())) return { ok: false, problem: "X-Cal-Signature-256 is not a hex SHA-256 signature" };
  return sameHex(calcomSignature(input.secret, input.rawBody), input.header.trim())
    ? { ok: true }
    : { ok: false, problem: "X-Cal-Signature-256 does not match the body" };
}

/** Calendly: `Calendly-Webhook-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(key, "<t>." + body)>`. */
export function calendlySignature(signingKey: string, timestamp: number, rawBody: string): string {
  return `t=${timestamp},v1=${createHmac("sha256", signingKey).update(`${timestamp}.${rawBody}`, "utf8").digest("hex")}`;
}

/**
 * Calendly documents no tolerance; three minutes (what Nango and Hookdeck use) refuses a captured
 * delivery replayed later, and leaves room for clock drift. A timestamp from the future is refused too.
 */
export const CALENDLY_TOLERANCE_SECONDS = 180;

export function verifyCalendlySignature(input: { signingKey: string; rawBody: string; header: string | null; now: Date }): SignatureCheck {
  if (!input.header) return { ok: false, problem: "Calendly-Webhook-Signature is missing" };
  const parts = new Map<string, string[]>();
  for (const piece of input.header.split(",")) {
    const at = piece.indexOf("=");
    if (at <= 0) continue;
    const key = piece.slice(0, at).trim();
    parts.set(key, [...(parts.get(key) ?? []), piece.slice(at + 1).trim()]);
  }
  const t = parts.get("t")?.[0];
  const signatures = parts.get("v1") ?? [];
  if (!t || !/^\d{1,12}$/.test(t) || signatures.length === 0) return { ok: false, problem: "Calendly-Webhook-Signature must be t=<unix time>,v1=<signature>" };
  const age = Math.floor(input.now.getTime() / 1000) - Number(t);
  if (Math.abs(age) > CALENDLY_TOLERANCE_SECONDS)
    return {
      ok: false,
      problem: `the signature's timestamp is ${Math.abs(age)} s ${age > 0 ? "old" : "ahead"}, outside the ${CALENDLY_TOLERANCE_SECONDS} s window`,
    };
  const expected = createHmac("sha256", input.signingKey).update(`${t}.${input.rawBody}`, "utf8").digest("hex");
  return signatures.some((s) => /^[0-9a-f]{64}$/i.test(s) && sameHex(expected, s))
    ? { ok: true }
    : { ok: false, problem: "Calendly-Webhook-Signature does not match the body" };
}

function sameHex(expected: string, given: string): boolean {
  const a = Buffer.from(expected, "hex");
  const b = Buffer.from(given.toLowerCase(), "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
