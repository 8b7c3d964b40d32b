import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { approvalLinkKey, signApprovalToken, verifyApprovalToken, type ApprovalLinkClaims } from "./email-token";

const key = approvalLinkKey({ authSecret: "a-long-enough-auth-secret-for-tests" });
const now = 1_800_000_000;
const claims = (over: Partial<ApprovalLinkClaims> = {}): ApprovalLinkClaims => ({
  jti: randomUUID(),
  approvalId: randomUUID(),
  userId: "user-1",
  decision: "approve",
  exp: now + 3600,
  ...over,
});

describe("approval link tokens", () => {
  it("round-trips the claims it signed", () => {
    const c = claims();
    expect(verifyApprovalToken(signApprovalToken(c, key), key, now)).toEqual({ ok: true, claims: c });
  });

  it("is URL-safe", () => {
    expect(signApprovalToken(claims(), key)).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it("refuses a token whose claims were changed (approve turned into deny, another request)", () => {
    const token = signApprovalToken(claims(), key);
    const [body = "", signature = ""] = token.split(".");
    const decoded = JSON.parse(Buffer.from(body, "base64url").toString());
    const forged = Buffer.from(JSON.stringify({ ...decoded, decision: "deny" })).toString("base64url");
    expect(verifyApprovalToken(`${forged}.${signature}`, key, now)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("refuses a token signed with another key, or derived from another secret", () => {
    const other = approvalLinkKey({ authSecret: "another-auth-secret-entirely" });
    expect(verifyApprovalToken(signApprovalToken(claims(), other), key, now)).toEqual({ ok: false, reason: "bad_signature" });
    expect(approvalLinkKey({ linkSecret: "x".repeat(16), authSecret: "ignored-when-a-link-secret-is-set" }).equals(Buffer.from("x".repeat(16)))).toBe(true);
  });

  it("refuses an expired token, and one at its exact expiry", () => {
    const token = signApprovalToken(claims({ exp: now }), key);
    expect(verifyApprovalToken(token, key, now)).toEqual({ ok: false, reason: "expired" });
    expect(verifyApprovalToken(token, key, now - 1).ok).toBe(true);
  });

  it("refuses garbage as malformed", () => {
    for (const junk of ["", "abc", "a.b", "not a token at all", `${"A".repeat(20)}.${"B".repeat(42)}`])
      expect(verifyApprovalToken(junk, key, now).ok).toBe(false);
  });

  it("needs a secret to derive its key", () => {
    expect(() => approvalLinkKey({})).toThrow(/APPROVAL_LINK_SECRET or AUTH_SECRET/);
  });
});
