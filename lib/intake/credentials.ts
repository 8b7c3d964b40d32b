import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// Intake callers prove themselves with an API key (Authorization: Bearer …) or an HMAC-SHA256
// signature over "timestamp.body" (X-Baton-Timestamp, X-Baton-Signature).

export const API_KEY_PREFIX = "baton_";
export const SIGNATURE_WINDOW_SECONDS = 5 * 60;

/** A new key: 32 random bytes. Keys are high-entropy, so a plain SHA-256 is a safe thing to store. */
export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = API_KEY_PREFIX + randomBytes(32).toString("base64url");
  return { key, prefix: key.slice(0, API_KEY_PREFIX.length + 6), hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function bearerToken(header: string | null): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header?.trim() ?? "");
  return match ? match[1]! : null;
}

/** Over the body's bytes: a text body (JSON) and a raw one (an email, any charset) are signed the same way. */
export function signBody(secret: string, timestamp: string, body: string | Uint8Array): string {
  return createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest("hex");
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** Constant-time comparison, and a 5-minute window so a captured request cannot be replayed later. */
export function verifySignature(input: {
  secret: string;
  timestamp: string | null;
  signature: string | null;
  body: string | Uint8Array;
  nowSeconds: number;
}): SignatureCheck {
  if (!input.timestamp || !input.signature) return { ok: false, reason: "X-Baton-Timestamp and X-Baton-Signature are both required" };
  if (!/^\d{9,11}$/.test(input.timestamp)) return { ok: false, reason: "X-Baton-Timestamp must be Unix seconds" };
  if (Math.abs(input.nowSeconds - Number(input.timestamp)) > SIGNATURE_WINDOW_SECONDS)
    return { ok: false, reason: "X-Baton-Timestamp is outside the 5-minute window" };
  const given = input.signature.replace(/^sha256=/i, "").toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(given)) return { ok: false, reason: "X-Baton-Signature must be a hex HMAC-SHA256" };
  const expected = Buffer.from(signBody(input.secret, input.timestamp, input.body), "hex");
  return timingSafeEqual(expected, Buffer.from(given, "hex")) ? { ok: true } : { ok: false, reason: "signature does not match" };
}
