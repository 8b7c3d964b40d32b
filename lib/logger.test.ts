import { describe, expect, it } from "vitest";
import { redact } from "./logger";

describe("log redaction", () => {
  it("never writes secrets, at any depth", () => {
    const out = redact({ user: "ana", password: "hunter2", nested: { apiKey: "k", authorization: "Bearer x", ok: 1 } });
    expect(JSON.stringify(out)).not.toMatch(/hunter2|Bearer x|"k"/);
    expect(out).toMatchObject({ user: "ana", nested: { ok: 1 } });
  });
});
