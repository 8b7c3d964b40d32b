import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { calcomDelivery } from "@/test/stand-ins/calcom";
import { calendlyDelivery } from "@/test/stand-ins/calendly";
import { calcomSignature, calendlySignature, verifyCalcomSignature, verifyCalendlySignature } from "./webhook-signature";

describe("booking webhook signatures", () => {
  it("is HMAC-SHA256 in hex (RFC 4231 test case 2)", () => {
    expect(calcomSignature("Jefe", "what do ya want for nothing?")).toBe("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    expect(calendlySignature("Jefe", 1, "x")).toBe(`t=1,v1=${createHmac("sha256", "Jefe").update("1.x").digest("hex")}`);
  });

  it("verifies what the Cal.com stand-in signs, and refuses a changed body or another secret", () => {
    const d = calcomDelivery({ secret: "calcom-secret-0123456789", triggerEvent: "BOOKING_CREATED", payload: { uid: "u1" } });
    const header = d.headers["x-cal-signature-256"]!;
    expect(verifyCalcomSignature({ secret: "calcom-secret-0123456789", rawBody: d.body, header })).toEqual({ ok: true });
    expect(verifyCalcomSignature({ secret: "calcom-secret-0123456789", rawBody: d.body + " ", header }).ok).toBe(false);
    expect(verifyCalcomSignature({ secret: "another-secret-0123456789", rawBody: d.body, header }).ok).toBe(false);
    expect(verifyCalcomSignature({ secret: "calcom-secret-0123456789", rawBody: d.body, header: null })).toEqual({
      ok: false,
      problem: "X-Cal-Signature-256 is missing",
    });
    expect(verifyCalcomSignature({ secret: "calcom-secret-0123456789", rawBody: d.body, header: "sha256=abc" }).ok).toBe(false);
  });

  it("verifies Calendly's t=…,v1=… within three minutes, either side", () => {
    const key = "calendly-key-0123456789";
    const t = 1_764_840_000;
    const d = calendlyDelivery({ signingKey: key, event: "invitee.created", payload: {}, timestamp: t });
    const header = d.headers["calendly-webhook-signature"]!;
    const at = (seconds: number) => new Date((t + seconds) * 1000);
    expect(verifyCalendlySignature({ signingKey: key, rawBody: d.body, header, now: at(179) })).toEqual({ ok: true });
    expect(verifyCalendlySignature({ signingKey: key, rawBody: d.body, header, now: at(181) })).toMatchObject({
      ok: false,
      problem: expect.stringContaining("181 s old"),
    });
    expect(verifyCalendlySignature({ signingKey: key, rawBody: d.body, header, now: at(-200) })).toMatchObject({
      ok: false,
      problem: expect.stringContaining("ahead"),
    });
    expect(verifyCalendlySignature({ signingKey: "other-key-0123456789", rawBody: d.body, header, now: at(0) }).ok).toBe(false);
    // The timestamp is signed: moving it forward breaks the signature.
    expect(verifyCalendlySignature({ signingKey: key, rawBody: d.body, header: header!.replace(`t=${t}`, `t=${t + 100}`), now: at(100) }).ok).toBe(false);
    expect(verifyCalendlySignature({ signingKey: key, rawBody: d.body, header: "v1=abc", now: at(0) }).ok).toBe(false);
  });
});
