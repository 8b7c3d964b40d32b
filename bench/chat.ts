import { randomBytes, randomUUID } from "node:crypto";
import postgres from "postgres";
import { hashPassword } from "@/lib/auth/password";
import { chatConversationId } from "@/lib/chat/conversation-id";
import { parseSse } from "@/lib/chat/sse-parse";
import { startAppServer, type AppServer } from "./app-server";
import { freshDatabase } from "./bench-database";
import type { BenchModule, Measurement } from "./bench-module";
import { summarise } from "./latency";

// The live chat under load: CHATS open conversations, each with the lead's widget stream on one app
// process and the rep's package-page stream on the other (two `next start` on one database, as behind a
// load balancer), exchanging ROUNDS messages each way. Lead → rep: the lead's turn (POST /api/chat)
// until the line reaches the rep's stream; rep → lead: a person's message written by a third process
// (the chat reply's own insert) until it reaches the lead's widget stream. Every message must arrive,
// once, in the order sent.
const CHATS = 200;
const ROUNDS = 5;
/** A chat sends a line each way every this many ms: a brisk conversation (the per-session turn limit is 15 a minute). */
const ROUND_MS = 10_000;
const DELIVERY_BUDGET = { kind: "p95_below_ms", ms: 1_000 } as const;
const NONE = (unit: string) => ({ kind: "at_most", unit, value: 0 }) as const;
const LOGIN = { email: "bench.chat.admin@baton-bench.example", password: "bench-password-chat" };
/** How long to wait for the last lines after the last round. */
const DRAIN_MS = 15_000;
const CHAT_DATABASE = "baton_bench_chat_live";

type Arrival = { chat: number; round: number; at: number };

export const chatBench: BenchModule = {
  name: "chat",
  async run({ database, log }) {
    // Its own database, empty at the current migrations on every run: nothing left from another bench
    // (or an earlier run: queued notices with no worker would make /api/health report a stuck queue).
    const url = await freshDatabase(database, CHAT_DATABASE);
    const sql = postgres(url, { max: 4, onnotice: () => {} });
    const adminId = await prepareAdmin(sql);
    const env = {
      DATABASE_URL: url,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      LOG_LEVEL: "warn",
      OPENAI_API_KEY: undefined,
      OPENAI_BASE_URL: undefined,
    };
    const servers: AppServer[] = [];
    const streams: AbortController[] = [];
    try {
      servers.push(await startAppServer({ log, env }), await startAppServer({ log, env }));
      const widgetSide = servers[0]!;
      const consoleSide = servers[1]!;
      const cookie = await signIn(consoleSide.url);

      log(`chat: opening ${CHATS} chats (a lead who asks for a person, accepted by the bench admin)`);
      const chats: { sessionId: string; handoffId: string; ip: string }[] = [];
      const runTag = randomUUID().slice(0, 8);
      for (let i = 0; i < CHATS; i++) {
        const sessionId = randomUUID();
        const ip = `198.18.${i >> 8}.${i & 255}`;
        // A fresh address per run: a lead a person already owns (from an earlier run) is that person's, not a new package.
        await turn(widgetSide.url, sessionId, ip, `Hi, I'm Bench Lead ${i}, bench${i}.${runTag}@bench-lead.example. Can I talk to a human please?`);
        const [row] = await sql<{ id: string }[]>`
          update handoffs set owner_id = ${adminId}, status = 'accepted', accepted_at = now(), version = version + 1
          where conversation_id = ${chatConversationId(sessionId)} returning id`;
        if (!row) throw new Error(`chat ${i}: no package was created for the person request`);
        chats.push({ sessionId, handoffId: row.id, ip });
      }

      const toRep: Arrival[] = [];
      const toLead: Arrival[] = [];
      const duplicates = { toRep: 0, toLead: 0 };
      const seenIds = { toRep: new Set<string>(), toLead: new Set<string>() };
      const marker = /\[bench (\d+) (\d+) (lead|rep)\]/;
      const onLine = (side: "toRep" | "toLead") => (data: string) => {
        const line = JSON.parse(data) as { id: string; text: string };
        const m = marker.exec(line.text);
        if (!m || (side === "toRep") !== (m[3] === "lead")) return;
        if (seenIds[side].has(line.id)) return void duplicates[side]++;
        seenIds[side].add(line.id);
        (side === "toRep" ? toRep : toLead).push({ chat: Number(m[1]), round: Number(m[2]), at: performance.now() });
      };
      log(`chat: ${CHATS * 2} streams (widgets on one process, package pages on the other)`);
      const opened: Promise<void>[] = [];
      for (const chat of chats) {
        const lead = new AbortController();
        const rep = new AbortController();
        streams.push(lead, rep);
        opened.push(
          follow(
            fetch(`${widgetSide.url}/api/chat/stream`, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({ sessionId: chat.sessionId, after: null }),
              signal: lead.signal,
            }),
            onLine("toLead"),
          ),
          follow(fetch(`${consoleSide.url}/api/handoffs/${chat.handoffId}/conversation`, { headers: { cookie }, signal: rep.signal }), onLine("toRep")),
        );
      }
      await Promise.all(opened);

      log(`chat: ${ROUNDS} rounds, each chat a line each way every ${ROUND_MS / 1000} s`);
      const sentToRep = new Map<string, number>();
      const sentToLead = new Map<string, number>();
      const writes: Promise<void>[] = [];
      const started = performance.now();
      for (let round = 0; round < ROUNDS; round++) {
        for (let i = 0; i < CHATS; i++) {
          const at = started + round * ROUND_MS + (i / CHATS) * ROUND_MS;
          writes.push(
            (async () => {
              await sleepUntil(at);
              const chat = chats[i]!;
              sentToRep.set(`${i}:${round}`, performance.now());
              await turn(servers[i % 2]!.url, chat.sessionId, chat.ip, `Still here [bench ${i} ${round} lead]`);
              sentToLead.set(`${i}:${round}`, performance.now());
              await sql`
                insert into messages (conversation_id, author, author_user_id, text, sent_at)
                values (${chatConversationId(chat.sessionId)}, 'human', ${adminId}, ${`On it [bench ${i} ${round} rep]`}, clock_timestamp())`;
            })(),
          );
        }
      }
      await Promise.all(writes);
      const until = performance.now() + DRAIN_MS;
      while (performance.now() < until && (toRep.length < CHATS * ROUNDS || toLead.length < CHATS * ROUNDS)) await new Promise((r) => setTimeout(r, 100));

      const latencies = (arrivals: Arrival[], sent: Map<string, number>) => arrivals.map((a) => a.at - (sent.get(`${a.chat}:${a.round}`) ?? a.at));
      const outOfOrder = (arrivals: Arrival[]) => {
        const last = new Map<number, number>();
        let n = 0;
        for (const a of arrivals) {
          if ((last.get(a.chat) ?? -1) > a.round) n++;
          last.set(a.chat, Math.max(last.get(a.chat) ?? -1, a.round));
        }
        return n;
      };
      const expected = CHATS * ROUNDS;
      const measurements: Measurement[] = [
        {
          bench: "chat",
          scenario: `lead → rep: turn to the rep's stream (${CHATS} chats, 2 app processes)`,
          ...summarise(latencies(toRep, sentToRep)),
          budget: DELIVERY_BUDGET,
        },
        {
          bench: "chat",
          scenario: `rep → lead: written to the lead's widget stream (${CHATS} chats)`,
          ...summarise(latencies(toLead, sentToLead)),
          budget: DELIVERY_BUDGET,
        },
        {
          bench: "chat",
          scenario: "lines lost (both ways)",
          runs: expected * 2,
          value: { amount: expected * 2 - toRep.length - toLead.length, unit: "lines" },
          budget: NONE("lines"),
        },
        {
          bench: "chat",
          scenario: "lines out of order (per chat, each way)",
          runs: expected * 2,
          value: { amount: outOfOrder(toRep) + outOfOrder(toLead), unit: "lines" },
          budget: NONE("lines"),
        },
        {
          bench: "chat",
          scenario: "lines delivered twice",
          runs: expected * 2,
          value: { amount: duplicates.toRep + duplicates.toLead, unit: "lines" },
          budget: NONE("lines"),
        },
      ];
      return { measurements, details: { chats: CHATS, rounds: ROUNDS, roundMs: ROUND_MS, builds: servers.map((s) => s.build) } };
    } finally {
      for (const s of streams) s.abort();
      for (const server of servers) await server.stop();
      await sql.end({ timeout: 5 });
    }
  },
};

/** Reads a stream's `message` events until it ends or is aborted; resolves once the response has begun. */
async function follow(request: Promise<Response>, onData: (data: string) => void): Promise<void> {
  const response = await request;
  if (!response.ok || !response.body) throw new Error(`stream refused: HTTP ${response.status} ${await response.text()}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    let buffer = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        const parsed = parseSse(buffer + decoder.decode(value, { stream: true }));
        buffer = parsed.rest;
        for (const event of parsed.events) if (event.event === "message") onData(event.data);
      }
    } catch {
      // Aborted at the end of the bench.
    }
  })();
}

async function turn(base: string, sessionId: string, ip: string, text: string) {
  const response = await fetch(`${base}/api/chat`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": ip },
    body: JSON.stringify({ sessionId, message: { id: randomUUID(), role: "user", parts: [{ type: "text", text }] } }),
  });
  const body = await response.text();
  if (!response.ok) throw new Error(`chat turn refused: HTTP ${response.status} ${body.slice(0, 200)}`);
}

async function sleepUntil(at: number) {
  const wait = at - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}

async function prepareAdmin(sql: postgres.Sql): Promise<string> {
  const hash = await hashPassword(LOGIN.password);
  const [row] = await sql<{ id: string }[]>`
    insert into users (id, email, name, role, team_id, password_hash, active)
    values (gen_random_uuid()::text, ${LOGIN.email}, 'Bench Admin', 'admin', null, ${hash}, true)
    on conflict ((lower(email))) do update set password_hash = excluded.password_hash, role = 'admin', active = true
    returning id`;
  return row!.id;
}

/** Auth.js's credentials flow over HTTP: CSRF token, then the callback; returns the cookies to send. */
async function signIn(base: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrf) },
    body: new URLSearchParams({ csrfToken, email: LOGIN.email, password: LOGIN.password, callbackUrl: `${base}/inbox` }),
  });
  const session = cookiesOf(response);
  if (!session.includes("session-token")) throw new Error(`sign-in failed (HTTP ${response.status}): no session cookie`);
  return session;
}

function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}
