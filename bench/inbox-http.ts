import postgres from "postgres";
import { hashPassword } from "@/lib/auth/password";
import { firstLoadJs } from "../scripts/first-load-js.mjs";
import { startSignedInBenchApp } from "./app-server";
import type { BenchModule, Measurement } from "./bench-module";
import { ensureHandoffs } from "./generate-handoffs";
import { measureLatency, summarise } from "./latency";

const WARMUP = 20;
const MAX_RUNS = 200;
// The inbox issue's budgets: the page's server response, and the JS a first visit downloads.
const PAGE_BUDGET = { kind: "p95_below_ms", ms: 150 } as const;
const FIRST_LOAD_BUDGET_KB = 200;
const BENCH_LOGIN = { email: "bench.manager@baton-bench.example", password: "bench-password-inbox" };

/**
 * The inbox as a person gets it: a signed-in GET /inbox against the production build (`next start`)
 * on the million-row bench database, measured from request to the last byte of the HTML, one
 * request at a time. Also reports the route's first-load JS from the same build.
 */
export const inboxHttpBench: BenchModule = {
  name: "inbox-http",
  async run({ database, rows, runs, log }) {
    await ensureHandoffs({ database, rows, log });
    const { teamId, company } = await prepareLogin(database.url);
    const server = await startSignedInBenchApp(database.url, log);
    const measurements: Measurement[] = [];
    const details: Record<string, unknown> = { build: server.build };
    try {
      const cookie = await signIn(server.url);
      // What a manager opens most: their team's queue (the default), every team, and a broad search.
      const pages = [
        { name: "GET /inbox (team queue, immediate, open)", path: "/inbox" },
        { name: "GET /inbox?view=all&tab=normal", path: "/inbox?view=all&tab=normal" },
        { name: "GET /inbox?view=all&status=all&q=<company>", path: `/inbox?view=all&status=all&q=${encodeURIComponent(company)}` },
      ];
      for (const page of pages) {
        log(`inbox-http: ${page.name} (${WARMUP} warm-up + ${Math.min(runs, MAX_RUNS)} runs)`);
        const samples = await measureLatency({
          runs: Math.min(runs, MAX_RUNS),
          warmup: WARMUP,
          draw: () => page.path,
          operation: (path) => getPage(server.url, path, cookie),
        });
        measurements.push({ bench: "inbox-http", scenario: page.name, ...summarise(samples), budget: PAGE_BUDGET });
      }
      details.team = teamId;
    } finally {
      await server.stop();
    }

    const js = firstLoadJs("/inbox");
    measurements.push({
      bench: "inbox-http",
      scenario: "first-load JS of /inbox (next build)",
      runs: 1,
      value: { amount: Math.round((js.gzipBytes / 1024) * 10) / 10, unit: "KB gzip" },
      budget: { kind: "at_most", unit: "KB gzip", value: FIRST_LOAD_BUDGET_KB },
    });
    details.firstLoadJs = { gzipBytes: js.gzipBytes, bytes: js.bytes, chunks: js.chunks.length };
    return { measurements, details };
  },
};

/** A manager of the busiest team, with a known password, and a company name to search for. */
export async function prepareLogin(url: string): Promise<{ teamId: string; company: string }> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [team] = await sql<{ id: string }[]>`
      select team_id as id from handoffs where team_id is not null group by team_id order by count(*) desc limit 1`;
    const hash = await hashPassword(BENCH_LOGIN.password);
    await sql`
      insert into users (id, email, name, role, team_id, password_hash, active)
      values (gen_random_uuid()::text, ${BENCH_LOGIN.email}, 'Bench Manager', 'manager', ${team!.id}, ${hash}, true)
      on conflict ((lower(email))) do update set password_hash = excluded.password_hash, team_id = excluded.team_id, role = 'manager', active = true`;
    const [row] = await sql<{ name: string }[]>`select company_name as name from handoffs where company_name is not null limit 1`;
    return { teamId: team!.id, company: row!.name };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Auth.js's credentials flow over HTTP: CSRF token, then the callback; returns the cookies to send. */
export async function signIn(base: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
    body: new URLSearchParams({ csrfToken, email: BENCH_LOGIN.email, password: BENCH_LOGIN.password, callbackUrl: `${base}/inbox` }),
  });
  const session = cookiesOf(response);
  if (!session.includes("session-token")) throw new Error(`sign-in failed (HTTP ${response.status}): no session cookie`);
  return session;
}

async function getPage(base: string, path: string, cookie: string) {
  const response = await fetch(`${base}${path}`, { headers: { cookie }, redirect: "manual" });
  const html = await response.text();
  // A redirect to /login or an error page is fast and measures nothing.
  if (response.status !== 200 || !html.includes('data-testid="inbox-table"')) {
    throw new Error(`GET ${path}: HTTP ${response.status}${response.status === 200 ? " without the inbox table" : ""}`);
  }
}

function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}
