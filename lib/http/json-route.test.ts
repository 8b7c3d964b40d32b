import { describe, expect, it } from "vitest";
import { errorResponse, jsonRoute, payloadTooLarge } from "./json-route";

describe("one error shape for every route", () => {
  it("names the code and the message, with Retry-After when asked", async () => {
    const res = errorResponse(429, "rate_limited", "Too many requests.", { retryAfter: 30 });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("30");
    expect(await res.json()).toEqual({ error: { code: "rate_limited", message: "Too many requests." } });
    expect(await payloadTooLarge("Too big.").json()).toEqual({ error: { code: "payload_too_large", message: "Too big." } });
  });

  it("a handler that throws answers 500 in the same shape, never its error's text", async () => {
    const route = jsonRoute("POST /test", async () => {
      throw new Error("connection refused at 10.0.0.3");
    });
    const res = await route(new Request("http://localhost/test", { method: "POST" }));
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("internal");
    expect(body.error.message).not.toContain("10.0.0.3");
  });

  it("passes the handler's own answer through", async () => {
    const route = jsonRoute("GET /ok", async (_log, request) => Response.json({ url: new URL(request.url).pathname }));
    expect(await (await route(new Request("http://localhost/ok"))).json()).toEqual({ url: "/ok" });
  });
});
