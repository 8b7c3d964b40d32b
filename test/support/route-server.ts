import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
export type Mount = { method: string; pattern: string; handler: Handler };

/**
 * The app's route handlers behind a real HTTP server on 127.0.0.1, mounted by their App Router
 * pattern (`/api/v1/handoffs/[id]`): requests and answers cross a socket as a client's would.
 */
export async function serveRoutes(mounts: Mount[]): Promise<{ url: string; close: () => Promise<void> }> {
  const compiled = mounts.map((m) => ({
    ...m,
    names: [...m.pattern.matchAll(/\[(\w+)\]/g)].map((x) => x[1]!),
    regex: new RegExp("^" + m.pattern.replace(/\[(\w+)\]/g, "([^/]+)") + "$"),
  }));
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const route = compiled.find((m) => m.method === req.method && m.regex.test(url.pathname));
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    const values = route.regex.exec(url.pathname)!.slice(1);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const request = new Request(url, { method: req.method, headers, body: chunks.length && req.method !== "GET" ? Buffer.concat(chunks) : undefined });
    const response = await route.handler(request, {
      params: Promise.resolve(Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(values[i]!)]))),
    });
    const body = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
