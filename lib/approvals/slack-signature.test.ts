import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signSlackRequest, verifySlackSignature } from "./slack-signature";

// Slack's documented example (api.slack.com/authentication/verifying-requests-from-slack).
const secret = "8f742231b10e8888abcd99yyyzzz85a5";
const timestamp = "1531420618";
const rawBody =
  "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
const slackExample = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
const now = Number(timestamp) + 10;

describe("verifySlackSignature", () => {
  it("signs Slack's documented example the way Slack does", () => {
    expect(signSlackRequest({ secret, timestamp, rawBody })).toBe(slackExample);
  });

  it("accepts a request Slack signed", () => {
    expect(verifySlackSignature({ secret, timestamp, signature: slackExample, rawBody, nowSeconds: now })).toEqual({ ok: true });
  });

  it("refuses a changed body, a wrong secret and a signature for another timestamp", () => {
    expect(verifySlackSignature({ secret, timestamp, signature: slackExample, rawBody: rawBody + "&x=1", nowSeconds: now })).toMatchObject({
      ok: false,
      reason: "the signature does not match",
    });
    const other = `v0=${createHmac("sha256", "another-secret").update(`v0:${timestamp}:${rawBody}`).digest("hex")}`;
    expect(verifySlackSignature({ secret, timestamp, signature: other, rawBody, nowSeconds: now }).ok).toBe(false);
    expect(verifySlackSignature({ secret, timestamp: String(Number(timestamp) + 1), signature: slackExample, rawBody, nowSeconds: now }).ok).toBe(false);
  });

  it("refuses a timestamp more than five minutes away, even when the signature is right", () => {
    const check = verifySlackSignature({ secret, timestamp, signature: slackExample, rawBody, nowSeconds: Number(timestamp) + 301 });
    expect(check).toEqual({ ok: false, reason: "the request timestamp is more than five minutes old" });
    expect(verifySlackSignature({ secret, timestamp, signature: slackExample, rawBody, nowSeconds: Number(timestamp) + 300 }).ok).toBe(true);
  });

  it("refuses missing or malformed headers with the header named", () => {
    expect(verifySlackSignature({ secret, timestamp: null, signature: slackExample, rawBody, nowSeconds: now })).toMatchObject({
      reason: expect.stringContaining("X-Slack-Request-Timestamp"),
    });
    expect(verifySlackSignature({ secret, timestamp, signature: null, rawBody, nowSeconds: now })).toMatchObject({
      reason: expect.stringContaining("X-Slack-Signature"),
    });
    expect(verifySlackSignature({ secret, timestamp, signature: "v1=" + "0".repeat(64), rawBody, nowSeconds: now }).ok).toBe(false);
  });
});
