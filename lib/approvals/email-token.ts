import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { z } from "zod";

export const approvalDecisions = ["approve", "deny"] as const;
export type ApprovalDecision = (typeof approvalDecisions)[number];

const claimsSchema = z.object({
  /** The token id: its row in approval_link_tokens makes it single-use. */
  jti: z.uuid(),
  approvalId: z.uuid(),
  /** The person it was emailed to: the decision is theirs. */
  userId: z.string().min(1).max(200),
  decision: z.enum(approvalDecisions),
  /** Unix seconds. */
  exp: z.number().int().positive(),
});
export type ApprovalLinkClaims = z.infer<typeof claimsSchema>;

export type TokenCheck = { ok: true; claims: ApprovalLinkClaims } | { ok: false; reason: "malformed" | "bad_signature" | "expired" };

/**
 * The key that signs approval links: its own secret, or one derived from AUTH_SECRET (HKDF with a
 * label of its own, so a link signature can never stand in for a session and vice versa).
 */
export function approvalLinkKey(secrets: { linkSecret?: string; authSecret?: string }): Buffer {
  if (secrets.linkSecret) return Buffer.from(secrets.linkSecret, "utf8");
  if (!secrets.authSecret) throw new Error("Approval links need APPROVAL_LINK_SECRET or AUTH_SECRET.");
  return Buffer.from(hkdfSync("sha256", secrets.authSecret, "baton", "approval-links-v1", 32));
}

/** `<claims, base64url JSON>.<HMAC-SHA256 of that part, base64url>`: short enough for a link. */
export function signApprovalToken(claims: ApprovalLinkClaims, key: Buffer): string {
  const body = Buffer.from(JSON.stringify(claimsSchema.parse(claims))).toString("base64url");
  return `${body}.${mac(body, key)}`;
}

/** Signature first (constant-time), then the claims, then the expiry. Whether it was used is the database's to say. */
export function verifyApprovalToken(token: string, key: Buffer, nowSeconds: number): TokenCheck {
  const match = /^([A-Za-z0-9_-]{10,2000})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: "malformed" };
  const [, body = "", signature = ""] = match;
  const expected = Buffer.from(mac(body, key));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "bad_signature" };
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const claims = claimsSchema.safeParse(raw);
  if (!claims.success) return { ok: false, reason: "malformed" };
  if (claims.data.exp <= nowSeconds) return { ok: false, reason: "expired" };
  return { ok: true, claims: claims.data };
}

export const tokenRefusals: Record<Exclude<TokenCheck, { ok: true }>["reason"], string> = {
  malformed: "This approval link is incomplete or damaged. Open the request in Baton instead.",
  bad_signature: "This approval link was not issued by Baton (its signature does not match).",
  expired: "This approval link has expired. Open the request in Baton to decide it there.",
};

function mac(body: string, key: Buffer): string {
  return createHmac("sha256", key).update(body).digest("base64url");
}
