import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { startRoundRobinProxy } from "./round-robin-proxy";

const HOST = "127.0.0.1";
const HEALTH_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 10_000;
// The server's own output is passed on up to this many lines; a flood of per-request errors is
// summarised instead of burying the bench's log.
const MAX_FORWARDED_LINES = 60;

/** `pid` is the first process's; `pids` lists every one behind `url`. */
export type AppServer = { url: string; pid: number; pids: number[]; build: { id: string; ageMinutes: number }; stop: () => Promise<void> };

type AppServerOptions = {
  env: Record<string, string | undefined>;
  log: (line: string) => void;
  /** How many `next start` processes answer on `url` (default 1: the process itself, no proxy). */
  processes?: number;
};

/**
 * The console as it runs in production: `next start` on a free port of 127.0.0.1 with this
 * process's environment plus `env` (a variable given as undefined is removed), built first when
 * there is no build. With `processes` above one, that many, each on its own port, behind a
 * round-robin proxy whose port is `url`: the app scaled out behind one load balancer. Resolves once
 * every process's /api/health answers 200; `stop` stops them all.
 */
export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  if (!existsSync(".next/BUILD_ID")) {
    options.log("no production build (.next/BUILD_ID): running next build first…");
    const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: ["ignore", 2, 2], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (build.status !== 0) throw new Error(`next build failed (exit ${build.status})`);
  }
  const build = { id: readFileSync(".next/BUILD_ID", "utf8").trim(), ageMinutes: Math.round((Date.now() - statSync(".next/BUILD_ID").mtimeMs) / 60_000) };
  const count = options.processes ?? 1;
  if (count === 1) return { ...(await startNextProcess(nextBin, options, "[next]")), build };

  const started = await Promise.allSettled(Array.from({ length: count }, (_, i) => startNextProcess(nextBin, options, `[next ${i + 1}]`)));
  const servers = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const failed = started.find((s) => s.status === "rejected");
  if (failed) {
    await Promise.all(servers.map((s) => s.stop()));
    throw failed.reason;
  }
  const proxy = await startRoundRobinProxy({ upstreams: servers.map((s) => s.url), host: HOST });
  options.log(`${count} app processes (${servers.map((s) => new URL(s.url).port).join(", ")}) behind ${proxy.url}`);
  return {
    url: proxy.url,
    pid: servers[0]!.pid,
    pids: servers.map((s) => s.pid),
    build,
    stop: async () => {
      await proxy.close();
      await Promise.all(servers.map((s) => s.stop()));
    },
  };
}

async function startNextProcess(nextBin: string, options: AppServerOptions, label: string): Promise<Omit<AppServer, "build">> {
  const port = await freePort();
  const url = `http://${HOST}:${port}`;
  // Its own process group, so stopping it also stops anything it started.
  // BENCH_APP_NODE_ARGS passes flags to the app's node (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"), which NODE_OPTIONS refuses.
  const nodeArgs = (process.env.BENCH_APP_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, nextBin, "start", "-H", HOST, "-p", String(port)], {
    env: { ...process.env, ...options.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let forwarded = 0;
  let dropped = 0;
  const forward = (chunk: Buffer) => {
    for (const line of chunk
      .toString()
      .split("\n")
      .filter((l) => l.trim())) {
      if (forwarded++ < MAX_FORWARDED_LINES) options.log(`${label} ${line}`);
      else dropped++;
    }
  };
  child.stdout.on("data", forward);
  child.stderr.on("data", forward);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let running = true;
  void exited.then(() => (running = false));

  const stop = async () => {
    if (running && child.pid) {
      process.kill(-child.pid, "SIGTERM");
      const timer = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), STOP_TIMEOUT_MS).unref());
      if ((await Promise.race([exited, timer])) === "timeout" && running) process.kill(-child.pid, "SIGKILL");
    }
    if (dropped > 0) options.log(`${label} … ${dropped} more lines of server output not shown`);
  };

  const healthy = await waitForHealth(`${url}/api/health`, () => running);
  if (!healthy || !child.pid) {
    await stop();
    throw new Error(
      running ? `the app did not become healthy within ${HEALTH_TIMEOUT_MS / 1000} s` : `the app exited during start-up (see ${label} lines above)`,
    );
  }
  return { url, pid: child.pid, pids: [child.pid], stop };
}

async function waitForHealth(url: string, running: () => boolean): Promise<boolean> {
  const until = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < until && running()) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

// A port the system just handed out and released: free unless something grabs it in between.
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** The production build on a bench database, as the page benches sign in to it: quiet, with no AI provider configured. */
export function startSignedInBenchApp(databaseUrl: string, log: (line: string) => void): Promise<AppServer> {
  return startAppServer({
    log,
    env: {
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      LOG_LEVEL: "warn",
      OPENAI_API_KEY: undefined,
      OPENAI_BASE_URL: undefined,
    },
  });
}
