import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startRoundRobinProxy, type RoundRobinProxy } from "./round-robin-proxy";

const opened: { close: () => unknown }[] = [];
afterEach(async () => {
  while (opened.length) await opened.pop()!.close();
});

async function upstream(name: string, handle?: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<{ url: string; server: Server }> {
  const server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += String(chunk);
    if (handle) return handle(req, res, body);
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ name, host: req.headers.host, forwardedFor: req.headers["x-forwarded-for"], body }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  opened.push({ close: () => new Promise((resolve) => server.close(resolve)) });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function proxyTo(urls: string[]): Promise<RoundRobinProxy> {
  const proxy = await startRoundRobinProxy({ upstreams: urls });
  opened.push(proxy);
  return proxy;
}

describe("the round-robin proxy", () => {
  it("sends each request of one keep-alive client to the next process in turn, with its body, the client's Host and its address", async () => {
    const [a, b] = await Promise.all([upstream("a"), upstream("b")]);
    const proxy = await proxyTo([a.url, b.url]);
    const answers: { name: string; host: string; forwardedFor: string; body: string }[] = [];
    for (let i = 0; i < 4; i++) answers.push(await (await fetch(`${proxy.url}/api/v1/intake`, { method: "POST", body: `lead ${i}` })).json());
    expect(answers.map((x) => x.name)).toEqual(["a", "b", "a", "b"]);
    expect(answers.map((x) => x.body)).toEqual(["lead 0", "lead 1", "lead 2", "lead 3"]);
    expect(answers[0]!.host).toBe(new URL(proxy.url).host);
    expect(answers[0]!.forwardedFor).toBe("127.0.0.1");
    expect(proxy.forwarded).toEqual([2, 2]);
  });

  it("streams an answer as it is written: a Server-Sent Event arrives before the stream ends, and a client that leaves ends the upstream request", async () => {
    let upstreamClosed!: () => void;
    const closed = new Promise<void>((resolve) => (upstreamClosed = resolve));
    const { url } = await upstream("stream", (req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write("data: first\n\n");
      // Never ends by itself: only the client leaving closes it.
      req.socket.once("close", upstreamClosed);
    });
    const proxy = await proxyTo([url]);
    const controller = new AbortController();
    const response = await fetch(`${proxy.url}/stream`, { signal: controller.signal });
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const reader = response.body!.getReader();
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toBe("data: first\n\n");
    controller.abort();
    await expect(withTimeout(closed, 5_000)).resolves.toBe("done");
  });

  it("answers 502 when the process it picked is down, and the next request reaches the one still up", async () => {
    const up = await upstream("up");
    const down = await upstream("down");
    await new Promise((resolve) => down.server.close(resolve));
    const proxy = await proxyTo([down.url, up.url]);
    expect((await fetch(proxy.url)).status).toBe(502);
    expect(((await (await fetch(proxy.url)).json()) as { name: string }).name).toBe("up");
  });
});

function withTimeout(promise: Promise<void>, ms: number): Promise<"done" | "timed out"> {
  return Promise.race([promise.then(() => "done" as const), new Promise<"timed out">((resolve) => setTimeout(() => resolve("timed out"), ms))]);
}
