import { describe, expect, it } from "vitest";
import { apiSecurityHeaders, pageSecurityHeaders } from "./headers";

const production = { widgetOrigins: ["https://www.example.com"], dev: false, https: true };
const directives = (policy: string) =>
  new Map(
    policy
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  );

describe("security headers", () => {
  it("console pages: nonce-only scripts, no eval in production, never framed", () => {
    const headers = pageSecurityHeaders("/inbox", "abc123", production);
    const csp = directives(headers["Content-Security-Policy"]!);
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(headers["Content-Security-Policy"]).not.toContain("unsafe-eval");
    expect(csp.get("script-src")).not.toContain("'unsafe-inline'");
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(headers["X-Frame-Options"]).toBe("DENY");
    expect(headers).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "Strict-Transport-Security": expect.stringContaining("max-age="),
    });
    expect(headers["Permissions-Policy"]).toMatch(/camera=\(\)/);
  });

  it("the chat widget may be framed by the configured origins only, and has no X-Frame-Options", () => {
    for (const path of ["/chat", "/chat/anything"]) {
      const headers = pageSecurityHeaders(path, "n", production);
      expect(directives(headers["Content-Security-Policy"]!).get("frame-ancestors")).toEqual(["'self'", "https://www.example.com"]);
      expect(headers["X-Frame-Options"]).toBeUndefined();
    }
    expect(directives(pageSecurityHeaders("/chatter", "n", production)["Content-Security-Policy"]!).get("frame-ancestors")).toEqual(["'none'"]);
  });

  it("allows eval only in development, and HSTS only over https", () => {
    expect(pageSecurityHeaders("/inbox", "n", { ...production, dev: true })["Content-Security-Policy"]).toContain("'unsafe-eval'");
    expect(pageSecurityHeaders("/inbox", "n", { ...production, https: false })["Strict-Transport-Security"]).toBeUndefined();
  });

  it("API responses load nothing and are never framed", () => {
    const headers = apiSecurityHeaders();
    expect(headers["Content-Security-Policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(headers["X-Frame-Options"]).toBe("DENY");
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
  });
});
