import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { isRecord, readBody, sendJson } from "./http";

/**
 * A local Slack for tests and the demo: an incoming webhook (POST /services/T000/B000/XXXX) and the
 * Web API methods Baton calls (chat.postMessage, conversations.history), in Slack's wire shapes:
 * webhook answers are text ("ok", "invalid_payload", "no_text"), Web API answers are HTTP 200 JSON
 * with `ok`, and both answer 429 with Retry-After when told to. It records every message it accepts.
 * For interactivity it hands out response URLs (as Slack puts in a button click's payload) and records
 * what is POSTed to them, and answers users.info for the members it was told about.
 */

export type SlackFault =
  /** An HTTP error before anything is posted. */
  | { kind: "status"; status: number; body?: string }
  /** 429 with Retry-After (seconds). */
  | { kind: "rate_limited"; retryAfter: number }
  /** A Web API refusal: HTTP 200 `{ ok: false, error }` (webhooks: 400 with the error as text). */
  | { kind: "api_error"; error: string };

export type SlackPosted = {
  via: "webhook" | "api";
  ts: string;
  channel: string;
  text: string;
  blocks: unknown[];
  metadata: { event_type?: string; event_payload?: Record<string, unknown> } | null;
  receivedAt: string;
};

/** A POST to a response_url: the message update an app sends after a button click. */
export type SlackResponse = { url: string; body: Record<string, unknown>; receivedAt: string };

export type SlackStandIn = {
  url: string;
  webhookUrl: string;
  /** SLACK_API_URL: the Web API base, with its trailing slash. */
  apiUrl: string;
  token: string;
  messages: SlackPosted[];
  /** Every request to a posting endpoint, accepted or not. */
  attempts: number;
  /** The next requests to a posting endpoint fail like this, one fault each, in order. */
  failNext: (...faults: SlackFault[]) => void;
  /** Everything POSTed to a response URL this stand-in handed out. */
  responses: SlackResponse[];
  /** A fresh response URL, like the one in a block_actions payload. */
  responseUrl: () => string;
  /** A workspace member users.info knows (with users:read.email, it returns their email). */
  addUser: (member: { id: string; email: string; name?: string; deleted?: boolean }) => void;
  /**
   * Called after a message is accepted and before the answer is written, which waits for it (tests
   * kill the sender here), with the bot token it came with (null for the webhook).
   */
  onPosted: (hook: PostedHook | null) => void;
  close: () => Promise<void>;
};

const WEBHOOK_PATH = "/services/T0000BATON/B0000BATON/standinstandinstandin";

type PostedHook = (message: SlackPosted, request: { token: string | null }) => void | Promise<void>;

export async function startSlackStandIn(
  options: {
    token?: string;
    /** Bot tokens it accepts besides `token`, as a workspace with several apps: a test tells its senders apart by them. */
    moreTokens?: string[];
    port?: number;
    unknownChannels?: string[];
  } = {},
): Promise<SlackStandIn> {
  const token = options.token ?? "xoxb-stand-in-token";
  const tokens = new Set([token, ...(options.moreTokens ?? [])]);
  const unknownChannels = new Set(options.unknownChannels ?? []);
  const messages: SlackPosted[] = [];
  const faults: SlackFault[] = [];
  let hook: PostedHook | null = null;
  let sequence = 0;
  const state = { attempts: 0 };
  const responses: SlackResponse[] = [];
  const issuedResponseUrls = new Set<string>();
  const members = new Map<string, { id: string; email: string; name?: string; deleted?: boolean }>();

  const record = async (via: SlackPosted["via"], channel: string, body: Record<string, unknown>, sentWith: string | null = null): Promise<SlackPosted> => {
    sequence += 1;
    const message: SlackPosted = {
      via,
      ts: `${Math.floor(Date.now() / 1000)}.${String(sequence).padStart(6, "0")}`,
      channel,
      text: typeof body.text === "string" ? body.text : "",
      blocks: Array.isArray(body.blocks) ? body.blocks : [],
      metadata: isRecord(body.metadata) ? (body.metadata as SlackPosted["metadata"]) : null,
      receivedAt: new Date().toISOString(),
    };
    messages.push(message);
    await hook?.(message, { token: sentWith });
    return message;
  };

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const url = new URL(req.url ?? "/", "http://stand-in");

    if (req.method === "GET" && url.pathname === "/__stand-in/messages") return sendJson(res, 200, { messages });

    if (url.pathname === "/__stand-in/responses" && req.method === "GET") return sendJson(res, 200, { responses });

    if (url.pathname.startsWith("/actions/")) {
      if (req.method !== "POST") return sendText(res, 405, "invalid_method");
      // Slack answers an unknown or spent response URL with 404; an update without text or blocks with 400.
      if (!issuedResponseUrls.has(url.pathname)) return sendText(res, 404, "no_service");
      const body = parseJson(raw);
      if (!isRecord(body) || (typeof body.text !== "string" && !Array.isArray(body.blocks))) return sendText(res, 400, "no_text");
      if (body.blocks !== undefined && !validBlocks(body.blocks)) return sendText(res, 400, "invalid_blocks");
      responses.push({ url: url.pathname, body, receivedAt: new Date().toISOString() });
      return sendText(res, 200, "ok");
    }

    if (url.pathname === WEBHOOK_PATH) {
      if (req.method !== "POST") return sendText(res, 405, "invalid_method");
      state.attempts += 1;
      const fault = faults.shift();
      if (fault) return answerFault(res, fault, "webhook");
      const body = parseJson(raw);
      if (!isRecord(body)) return sendText(res, 400, "invalid_payload");
      if (typeof body.text !== "string" && !Array.isArray(body.blocks)) return sendText(res, 400, "no_text");
      if (body.blocks !== undefined && !validBlocks(body.blocks)) return sendText(res, 400, "invalid_blocks");
      await record("webhook", "#webhook-channel", body);
      return sendText(res, 200, "ok");
    }

    if (url.pathname.startsWith("/api/")) {
      const method = url.pathname.slice("/api/".length);
      const presented = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "";
      if (!tokens.has(presented)) return sendJson(res, 200, { ok: false, error: req.headers.authorization ? "invalid_auth" : "not_authed" });
      // What a "test connection" calls: who the token belongs to.
      if (method === "auth.test")
        return sendJson(res, 200, {
          ok: true,
          url: "https://baton-stand-in.slack.com/",
          team: "Baton stand-in",
          user: "baton",
          team_id: "T0000BATON",
          user_id: "U0000BATON",
          bot_id: "B0000BATON",
        });
      if (method === "chat.postMessage") {
        state.attempts += 1;
        const fault = faults.shift();
        if (fault) return answerFault(res, fault, "api");
        const body = req.headers["content-type"]?.startsWith("application/json") ? parseJson(raw) : Object.fromEntries(new URLSearchParams(raw));
        if (!isRecord(body)) return sendJson(res, 200, { ok: false, error: "invalid_json" });
        if (typeof body.channel !== "string" || !body.channel) return sendJson(res, 200, { ok: false, error: "channel_not_found" });
        if (unknownChannels.has(body.channel)) return sendJson(res, 200, { ok: false, error: "channel_not_found" });
        if (typeof body.text !== "string" && !Array.isArray(body.blocks)) return sendJson(res, 200, { ok: false, error: "no_text" });
        if (body.blocks !== undefined && !validBlocks(body.blocks)) return sendJson(res, 200, { ok: false, error: "invalid_blocks" });
        const message = await record("api", body.channel, body, presented);
        return sendJson(res, 200, { ok: true, channel: message.channel, ts: message.ts, message: { type: "message", text: message.text, ts: message.ts } });
      }
      if (method === "chat.update") {
        const body = req.headers["content-type"]?.startsWith("application/json") ? parseJson(raw) : Object.fromEntries(new URLSearchParams(raw));
        if (!isRecord(body)) return sendJson(res, 200, { ok: false, error: "invalid_json" });
        const message = messages.find((m) => m.via === "api" && m.channel === body.channel && m.ts === body.ts);
        if (!message) return sendJson(res, 200, { ok: false, error: "message_not_found" });
        if (body.blocks !== undefined && !validBlocks(body.blocks)) return sendJson(res, 200, { ok: false, error: "invalid_blocks" });
        if (typeof body.text === "string") message.text = body.text;
        if (Array.isArray(body.blocks)) message.blocks = body.blocks;
        return sendJson(res, 200, { ok: true, channel: message.channel, ts: message.ts, text: message.text });
      }
      if (method === "users.info") {
        const params = req.method === "GET" ? url.searchParams : new URLSearchParams(raw);
        const member = members.get(params.get("user") ?? "");
        if (!member) return sendJson(res, 200, { ok: false, error: "user_not_found" });
        return sendJson(res, 200, {
          ok: true,
          user: {
            id: member.id,
            name: member.name ?? member.email.split("@")[0],
            deleted: member.deleted ?? false,
            profile: { email: member.email, real_name: member.name ?? "" },
          },
        });
      }
      if (method === "conversations.history") {
        const params = req.method === "GET" ? url.searchParams : new URLSearchParams(raw);
        const channel = params.get("channel");
        if (!channel || unknownChannels.has(channel)) return sendJson(res, 200, { ok: false, error: "channel_not_found" });
        const oldest = Number(params.get("oldest") ?? 0);
        const withMetadata = params.get("include_all_metadata") === "true";
        const found = messages
          .filter((m) => m.via === "api" && m.channel === channel && Number(m.ts) >= oldest)
          .reverse()
          .map((m) => ({ type: "message", ts: m.ts, text: m.text, ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}) }));
        return sendJson(res, 200, { ok: true, messages: found, has_more: false });
      }
      return sendJson(res, 200, { ok: false, error: "unknown_method" });
    }
    sendText(res, 404, "no_service");
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    webhookUrl: `${base}${WEBHOOK_PATH}`,
    apiUrl: `${base}/api/`,
    token,
    messages,
    responses,
    responseUrl: () => {
      sequence += 1;
      const path = `/actions/T0000BATON/${1_000_000 + sequence}/${Math.random().toString(36).slice(2, 14)}`;
      issuedResponseUrls.add(path);
      return `${base}${path}`;
    },
    addUser: (member) => {
      members.set(member.id, member);
    },
    get attempts() {
      return state.attempts;
    },
    failNext: (...next) => faults.push(...next),
    onPosted: (next) => {
      hook = next;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

function answerFault(res: ServerResponse, fault: SlackFault, via: "webhook" | "api"): void {
  if (fault.kind === "rate_limited") {
    res.writeHead(429, { "retry-after": String(fault.retryAfter), "content-type": "text/plain" });
    return void res.end("rate_limited");
  }
  if (fault.kind === "status") return sendText(res, fault.status, fault.body ?? "internal_error");
  if (via === "webhook") return sendText(res, 400, fault.error);
  sendJson(res, 200, { ok: false, error: fault.error });
}

// Slack refuses blocks without a known type; enough of Block Kit's validation to catch a broken message.
const blockTypes = new Set(["section", "header", "context", "actions", "divider", "image", "rich_text", "input"]);
function validBlocks(blocks: unknown): boolean {
  return Array.isArray(blocks) && blocks.length <= 50 && blocks.every((b) => isRecord(b) && typeof b.type === "string" && blockTypes.has(b.type));
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
  res.end(text);
}
