import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { isRecord, readBody, sendJson as sendHttpJson } from "./http";

/**
 * A local OpenAI-compatible server for tests: POST /v1/chat/completions and POST /v1/responses,
 * non-streaming JSON (what the AI SDK's generateText sends), in the wire shapes @ai-sdk/openai parses.
 * It checks the bearer key, records every request and answers with whatever the test scripted.
 *
 * POST /v1/embeddings answers in OpenAI's shape with a deterministic embedding (a hashed bag of
 * words): a tiny stand-in "model" whose only knowledge of meaning is the `meanings` a test gives it
 * (word → meaning). With meanings, a text is embedded by the meanings its words carry (its other
 * words, which this model does not know, add nothing); without, by all its words.
 */

export type ScriptedReply =
  /** A well-formed completion whose text is this value as JSON (structured output). */
  | { kind: "object"; value: unknown }
  /** A well-formed completion with this exact text, e.g. something that is not JSON. */
  | { kind: "text"; text: string }
  /** An HTTP error with OpenAI's error body. */
  | { kind: "status"; status: number; message?: string }
  /** Wait, then answer: longer than the client's timeout, this is a model that hangs. */
  | { kind: "delay"; ms: number; then: ScriptedReply }
  /** For /v1/embeddings: the deterministic embeddings of the inputs. */
  | { kind: "embedding" };

export type RecordedRequest = { method: string; path: string; authorization: string | null; body: unknown; rawBody: string };

export type OpenAiStandIn = {
  /** Base URL with the /v1 prefix, as OPENAI_BASE_URL expects it. */
  baseURL: string;
  apiKey: string;
  requests: RecordedRequest[];
  respondWith: (reply: ScriptedReply) => void;
  /** What POST /v1/embeddings answers; `{ kind: "embedding" }` (the default) is the deterministic embeddings. */
  respondToEmbeddingsWith: (reply: ScriptedReply) => void;
  close: () => Promise<void>;
};

export const STAND_IN_EMBEDDING_DIMENSIONS = 256;

export async function startOpenAiStandIn(options: { apiKey?: string; meanings?: Record<string, string> } = {}): Promise<OpenAiStandIn> {
  const apiKey = options.apiKey ?? "sk-stand-in-key";
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let reply: ScriptedReply = { kind: "status", status: 500, message: "no reply scripted" };
  let embeddingsReply: ScriptedReply = { kind: "embedding" };
  let sequence = 0;

  const server = createServer(async (req, res) => {
    const rawBody = await readBody(req);
    const path = new URL(req.url ?? "/", "http://stand-in").pathname;
    let body: unknown = null;
    try {
      body = rawBody ? JSON.parse(rawBody) : null;
    } catch {
      // Recorded as null: the test sees the raw text.
    }
    requests.push({ method: req.method ?? "", path, authorization: req.headers.authorization ?? null, body, rawBody });

    if (req.headers.authorization !== `Bearer ${apiKey}`) return sendError(res, 401, "Incorrect API key provided.", "invalid_api_key");
    // What a "test connection" calls: the models the key may use.
    if (req.method === "GET" && path === "/v1/models")
      return sendJson(res, 200, { object: "list", data: [{ id: "stand-in", object: "model", created: 1_700_000_000, owned_by: "baton" }] });
    if (req.method === "POST" && path === "/v1/embeddings") return answerEmbeddings(res, body, embeddingsReply, timers, options.meanings);
    if (req.method !== "POST" || (path !== "/v1/chat/completions" && path !== "/v1/responses"))
      return sendError(res, 404, `Unknown request URL: ${req.method} ${path}`, "unknown_url");
    if (isRecord(body) && body.stream === true) return sendError(res, 400, "The stand-in does not stream.", "stream_unsupported");

    const model = isRecord(body) && typeof body.model === "string" ? body.model : "stand-in";
    const answer = (scripted: ScriptedReply): void => {
      if (scripted.kind === "delay") {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!res.destroyed) answer(scripted.then);
        }, scripted.ms);
        timers.add(timer);
        return;
      }
      if (scripted.kind === "status")
        return sendError(res, scripted.status, scripted.message ?? "The server had an error while processing your request.", "server_error");
      if (scripted.kind === "embedding") return sendError(res, 400, "An embedding is not a completion.", "invalid_request");
      const text = scripted.kind === "object" ? JSON.stringify(scripted.value) : scripted.text;
      sequence += 1;
      const usage = { input: Math.ceil(rawBody.length / 4), output: Math.ceil(text.length / 4) };
      sendJson(res, 200, path === "/v1/responses" ? responsesBody(sequence, model, text, usage) : chatBody(sequence, model, text, usage));
    };
    answer(reply);
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    apiKey,
    requests,
    respondWith: (next) => {
      reply = next;
    },
    respondToEmbeddingsWith: (next) => {
      embeddingsReply = next;
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

type Usage = { input: number; output: number };

// OpenAI's embeddings endpoint: { input: string | string[], model, encoding_format? } → { object: "list", data: [{ object: "embedding", index, embedding }], model, usage }.
function answerEmbeddings(res: ServerResponse, body: unknown, scripted: ScriptedReply, timers: Set<NodeJS.Timeout>, meanings?: Record<string, string>): void {
  if (scripted.kind === "delay") {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!res.destroyed) answerEmbeddings(res, body, scripted.then, timers, meanings);
    }, scripted.ms);
    timers.add(timer);
    return;
  }
  if (scripted.kind === "status")
    return sendError(res, scripted.status, scripted.message ?? "The server had an error while processing your request.", "server_error");
  if (scripted.kind !== "embedding") return sendError(res, 500, "The stand-in was scripted with a completion for an embedding.", "server_error");
  const input = isRecord(body) ? body.input : undefined;
  const inputs = typeof input === "string" ? [input] : Array.isArray(input) && input.every((i) => typeof i === "string") ? (input as string[]) : null;
  if (!inputs || inputs.length === 0) return sendError(res, 400, "'input' must be a string or a non-empty array of strings.", "invalid_request");
  if (!isRecord(body) || typeof body.model !== "string") return sendError(res, 400, "you must provide a model parameter", "invalid_request");
  if (body.encoding_format !== undefined && body.encoding_format !== "float")
    return sendError(res, 400, "The stand-in speaks encoding_format float only.", "invalid_request");
  const tokens = inputs.reduce((n, text) => n + Math.ceil(text.length / 4), 0);
  sendJson(res, 200, {
    object: "list",
    data: inputs.map((text, index) => ({ object: "embedding", index, embedding: standInEmbedding(text, meanings) })),
    model: body.model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}

/** The stand-in's deterministic embedding of a text: its words (or the meanings they carry) hashed into a normalised vector. */
export function standInEmbedding(text: string, meanings?: Record<string, string>): number[] {
  const words = text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const known = meanings ? words.flatMap((w) => (meanings[w] ? [meanings[w]] : [])) : words;
  const vector = new Array<number>(STAND_IN_EMBEDDING_DIMENSIONS).fill(0);
  for (const word of known.length ? known : words) {
    let hash = 2_166_136_261;
    for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 16_777_619) >>> 0;
    vector[hash % STAND_IN_EMBEDDING_DIMENSIONS]! += hash & 0x100 ? 1 : -1;
  }
  const norm = Math.sqrt(vector.reduce((sum, v) => sum + v * v, 0)) || 1;
  return vector.map((v) => v / norm);
}

function chatBody(n: number, model: string, text: string, usage: Usage) {
  return {
    id: `chatcmpl-standin-${n}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: "assistant", content: text, refusal: null }, logprobs: null, finish_reason: "stop" }],
    usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output },
  };
}

function responsesBody(n: number, model: string, text: string, usage: Usage) {
  return {
    id: `resp_standin_${n}`,
    object: "response",
    created_at: Math.floor(Date.now() / 1000),
    status: "completed",
    model,
    output: [{ type: "message", id: `msg_standin_${n}`, status: "completed", role: "assistant", content: [{ type: "output_text", text, annotations: [] }] }],
    incomplete_details: null,
    usage: {
      input_tokens: usage.input,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: usage.output,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: usage.input + usage.output,
    },
  };
}

function sendError(res: ServerResponse, status: number, message: string, code: string): void {
  sendJson(res, status, { error: { message, type: status >= 500 ? "server_error" : "invalid_request_error", param: null, code } });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendHttpJson(res, status, body, "application/json");
}
