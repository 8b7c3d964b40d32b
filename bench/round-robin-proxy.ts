import { Agent, createServer, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

// Headers that describe one hop's connection, not the message: the proxy has its own connection on
// each side (kept alive on both), so it never passes these on.
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"]);

export type RoundRobinProxy = {
  url: string;
  /** How many requests went to each upstream, in the order given. */
  forwarded: number[];
  close: () => Promise<void>;
};

/**
 * The load balancer in front of several app processes, as small as one can be: on 127.0.0.1, each
 * request to the next upstream in turn (not each connection, so one keep-alive client still reaches
 * every process), streamed both ways as it comes (Server-Sent Events pass through unbuffered), the
 * client's Host kept (the app builds its links and sign-in callbacks from it) and its address in
 * X-Forwarded-For. An upstream that cannot be reached answers 502; a client that goes away ends its
 * upstream request.
 */
export async function startRoundRobinProxy(options: { upstreams: string[]; host?: string }): Promise<RoundRobinProxy> {
  if (options.upstreams.length === 0) throw new Error("a proxy needs at least one upstream");
  const upstreams = options.upstreams.map((u) => new URL(u));
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const forwarded = upstreams.map(() => 0);
  let next = 0;
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    const index = next++ % upstreams.length;
    forwarded[index]!++;
    forward(req, res, upstreams[index]!, agent);
  });
  server.keepAliveTimeout = 30_000;
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${host}:${port}`,
    forwarded,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      agent.destroy();
      await closed;
    },
  };
}

function forward(req: IncomingMessage, res: ServerResponse, upstream: URL, agent: Agent): void {
  const headers = withoutHopByHop(req.headers);
  const client = req.socket.remoteAddress ?? "";
  headers["x-forwarded-for"] = req.headers["x-forwarded-for"] ? `${req.headers["x-forwarded-for"]}, ${client}` : client;
  const outgoing = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.statusMessage, withoutHopByHop(answer.headers));
    // A stream's first bytes go out now, not once a buffer fills.
    res.flushHeaders();
    answer.pipe(res);
    answer.once("error", () => res.destroy());
  });
  outgoing.once("error", () => {
    if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" }).end("upstream unreachable");
    else res.destroy();
  });
  // The client went away before its answer ended (a closed stream, a timeout): so does the upstream request.
  res.once("close", () => {
    if (!res.writableFinished) outgoing.destroy();
  });
  req.pipe(outgoing);
}

function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const named = new Set(
    String(headers.connection ?? "")
      .split(",")
      .map((h) => h.trim().toLowerCase()),
  );
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name) && !named.has(name)));
}
