import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { POST } from "@/app/api/v1/intake/route";

// The real POST /api/v1/intake route handler behind a bare node:http server, in its own process
// with its own pool (DATABASE_URL from the environment): the app's intake path without a Next
// build, for fault tests that restart the database under it. Prints "listening <port>" when ready.
const server = createServer(async (req, res) => {
  if (req.method !== "POST" || req.url !== "/api/v1/intake") return void res.writeHead(404).end();
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
  const response = await POST(new Request(`http://127.0.0.1${req.url}`, { method: "POST", headers, body: Buffer.concat(chunks) }));
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
});
// As `next start` does (its router server logs an uncaught exception and keeps serving): postgres.js
// 3.4.9 can throw one from a timer when the database drops a connection mid-write (porsager/postgres#1154).
process.on("uncaughtException", (error) => process.stderr.write(`uncaughtException: ${error.stack ?? String(error)}\n`));
server.keepAliveTimeout = 30_000;
server.listen(0, "127.0.0.1", () => process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`));
