import { createHmac, randomBytes } from "node:crypto";

// Standard Webhooks v1 (INTEGRATIONS.md §1): HMAC-SHA256 over `{id}.{timestamp}.{body}` with the
// base64-decoded part of `whsec_…`, sent as `v1,<base64>`; several signatures are space-separated.

export const SECRET_PREFIX = "whsec_";

/** 32 random bytes, more than the spec's minimum of 24. */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString("base64");
}

export function isWebhookSecret(value: string): boolean {
  if (!value.startsWith(SECRET_PREFIX)) return false;
  const part = value.slice(SECRET_PREFIX.length);
  return /^[A-Za-z0-9+/]+={0,2}$/.test(part) && Buffer.from(part, "base64").length >= 24;
}

export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.slice(SECRET_PREFIX.length), "base64");
  return "v1," + createHmac("sha256", key).update(`${id}.${timestampSeconds}.${body}`).digest("base64");
}

/** The three headers of one attempt; during a rotation each live secret signs (the newest first). */
export function webhookHeaders(input: { id: string; timestampSeconds: number; body: string; secrets: string[] }): Record<string, string> {
  return {
    "webhook-id": input.id,
    "webhook-timestamp": String(input.timestampSeconds),
    "webhook-signature": input.secrets.map((s) => signWebhook(s, input.id, input.timestampSeconds, input.body)).join(" "),
  };
}
