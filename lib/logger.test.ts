import { describe, expect, it } from "vitest";
import { redact, redactText } from "./logger";

describe("log redaction", () => {
  it("never writes secrets, at any depth", () => {
    const out = redact({ user: "ana", password: "hunter2", nested: { apiKey: "k", authorization: "Bearer x", ok: 1 } });
    expect(JSON.stringify(out)).not.toMatch(/hunter2|Bearer x|"k"/);
    expect(out).toMatchObject({ user: "ana", nested: { ok: 1 } });
  });

  it("redacts by key name: tokens, cookies, signatures, credentials, inside arrays too", () => {
    const out = redact({
      accessToken: "at-1",
      HUBSPOT_ACCESS_TOKEN: "pat-na1-2",
      "set-cookie": ["authjs.session-token=abc"],
      Cookie: "authjs.session-token=abc",
      "x-baton-signature": "sha256=ff",
      AUTH_SECRET: "s3",
      clientCredentials: { id: "c" },
      calls: [{ headers: { Authorization: "Bearer in-array" } }],
      status: 200,
    });
    expect(JSON.stringify(out)).not.toMatch(/at-1|pat-na1-2|abc|sha256=ff|s3|"c"|in-array/);
    expect(out.status).toBe(200);
  });

  it("redacts a Headers object's Authorization and Cookie", () => {
    const headers = new Headers({ authorization: "Bearer baton_live_abcdefgh", cookie: "a=b", "content-type": "application/json" });
    const out = JSON.stringify(redact({ headers }));
    expect(out).not.toMatch(/baton_live|a=b/);
    expect(out).toContain("application/json");
  });

  it("removes passwords from URLs (SMTP_URL, DATABASE_URL) wherever they appear, keeping the rest", () => {
    expect(redactText("connect smtp://mailer:s3cr3t@smtp.example.com:587 failed")).toBe("connect smtp://mailer:[redacted]@smtp.example.com:587 failed");
    const out = JSON.stringify(redact({ url: "postgres://postgres:pgpass@127.0.0.1:5432/baton", target: new URL("smtps://u:p4ss@mail.example.com") }));
    expect(out).not.toMatch(/pgpass|p4ss/);
    expect(out).toContain("127.0.0.1:5432/baton");
  });

  it("removes tokens quoted in messages and in an error's message, stack and cause", () => {
    const error = new Error("HubSpot said 401 for Bearer pat-na1-11111111-2222 and slack xoxb-123-456-abc");
    (error as { cause?: unknown }).cause = new Error("key baton_0123456789abcdef rejected; openai sk-abcdefghijklmnop");
    const out = JSON.stringify(redact({ error, note: "Authorization: Basic dXNlcjpwYXNz" }));
    expect(out).not.toMatch(/pat-na1-1111|xoxb-123|baton_0123|sk-abcdefghijkl|dXNlcjpwYXNz/);
    expect(out).toContain("HubSpot said 401");
  });

  it("leaves ordinary data alone", () => {
    const data = { handoffId: "6f1c", count: 3, tags: ["a", "b"], at: "https://example.com/path?q=1", nothing: null, when: new Date("2026-11-25T10:00:00Z") };
    expect(redact(data)).toEqual(data);
  });

  it("masks the card numbers, IBANs, passwords, tokens and ids a lead wrote, wherever a log line quotes them", () => {
    const out = JSON.stringify(
      redact({
        error: new Error("insert failed: 'pay with 4111 1111 1111 1111 or ES91 2100 0418 4502 0005 1332'"),
        lead: { text: "mi contraseña es Madrid2024 y mi DNI 12345678Z", key: "ghp_abcdefghijklmnopqrstuvwxyz0123456789" },
      }),
    );
    for (const value of ["4111 1111 1111 1111", "ES91 2100", "Madrid2024", "12345678Z", "ghp_abcdef"]) expect(out).not.toContain(value);
    expect(out).toContain("•••• 1111");
    expect(out).toContain("•••78Z");
  });
});
