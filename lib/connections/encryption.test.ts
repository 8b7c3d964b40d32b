import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, parseEncryptionKey, SecretDecryptionError } from "@/lib/connections/encryption";

const key = randomBytes(32);
const context = "connection:slack:botToken";

describe("connection secret encryption (AES-256-GCM)", () => {
  it("round-trips, with a fresh IV each time so equal secrets do not look equal", () => {
    const secret = "xoxb-1234-5678-abcdefghijklmnop";
    const first = encryptSecret(secret, key, context);
    const second = encryptSecret(secret, key, context);
    expect(first).not.toBe(second);
    expect(first).not.toContain(secret);
    expect(decryptSecret(first, key, context)).toBe(secret);
    expect(decryptSecret(second, key, context)).toBe(secret);
    expect(decryptSecret(encryptSecret("", key, context), key, context)).toBe("");
  });

  it("refuses a ciphertext with any byte changed", () => {
    const token = encryptSecret("smtp://user:pass@mail.example.com:587", key, context);
    const bytes = Buffer.from(token.slice(3), "base64");
    for (const index of [0, 12, 20, bytes.length - 1]) {
      const tampered = Buffer.from(bytes);
      tampered[index]! ^= 0x01;
      expect(() => decryptSecret(`v1:${tampered.toString("base64")}`, key, context)).toThrow(SecretDecryptionError);
    }
    expect(() => decryptSecret("v1:AAAA", key, context)).toThrow(SecretDecryptionError);
    expect(() => decryptSecret("plaintext", key, context)).toThrow(SecretDecryptionError);
  });

  it("refuses the wrong key, and a secret moved to another field", () => {
    const token = encryptSecret("pat-na1-secret", key, context);
    expect(() => decryptSecret(token, randomBytes(32), context)).toThrow(SecretDecryptionError);
    expect(() => decryptSecret(token, key, "connection:hubspot:accessToken")).toThrow(SecretDecryptionError);
  });

  it("reads a key as 64 hex digits or 32 bytes of base64, and nothing else", () => {
    expect(parseEncryptionKey(key.toString("hex"))).toEqual(key);
    expect(parseEncryptionKey(key.toString("base64"))).toEqual(key);
    expect(parseEncryptionKey(key.toString("base64url"))).toEqual(key);
    expect(parseEncryptionKey(randomBytes(16).toString("base64"))).toBeNull();
    expect(parseEncryptionKey("correct horse battery staple")).toBeNull();
  });
});
