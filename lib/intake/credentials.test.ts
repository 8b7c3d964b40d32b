import { describe, expect, it } from "vitest";
import { bearerToken, generateApiKey, hashApiKey, signBody, verifySignature } from "./credentials";

const secret = "a-signing-secret-of-some-length";
const now = 1_764_000_000;

describe("intake credentials", () => {
  it("generates distinct keys and stores only a hash", () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a.key).not.toBe(b.key);
    expect(a.hash).toBe(hashApiKey(a.key));
    expect(a.hash).not.toContain(a.key);
    expect(a.key.startsWith(a.prefix)).toBe(true);
  });

  it("reads a bearer token", () => {
    expect(bearerToken("Bearer abc")).toBe("abc");
    expect(bearerToken("Basic abc")).toBeNull();
    expect(bearerToken(null)).toBeNull();
  });

  it("accepts a fresh, correct signature and refuses tampering, staleness and garbage", () => {
    const body = '{"channel":"form"}';
    const signature = signBody(secret, String(now), body);
    expect(verifySignature({ secret, timestamp: String(now), signature, body, nowSeconds: now + 60 })).toEqual({ ok: true });
    expect(verifySignature({ secret, timestamp: String(now), signature: `sha256=${signature}`, body, nowSeconds: now })).toEqual({ ok: true });
    expect(verifySignature({ secret, timestamp: String(now), signature, body: body + " ", nowSeconds: now })).toMatchObject({
      ok: false,
      reason: "signature does not match",
    });
    expect(verifySignature({ secret, timestamp: String(now), signature, body, nowSeconds: now + 301 })).toMatchObject({
      ok: false,
      reason: expect.stringContaining("5-minute"),
    });
    expect(verifySignature({ secret, timestamp: String(now), signature: "zz", body, nowSeconds: now })).toMatchObject({ ok: false });
    expect(verifySignature({ secret: "another-secret-entirely!", timestamp: String(now), signature, body, nowSeconds: now })).toMatchObject({ ok: false });
  });
});
