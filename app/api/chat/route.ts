import { createUIMessageStream, createUIMessageStreamResponse, generateId } from "ai";
import { databaseUrl } from "@/db";
import { MAX_CHAT_REQUEST_BYTES } from "@/lib/chat/chat-limits";
import type { ChatUIMessage } from "@/lib/chat/chat-ui-message";
import { handleChatTurn } from "@/lib/chat/handle-chat-turn";
import { clientIp } from "@/lib/http/client-ip";
import { readLimited } from "@/lib/http/read-limited";
import { GENERIC_ERROR_MESSAGE } from "@/lib/errors";
import { logger } from "@/lib/logger";

// Public: no session. The chat authenticates nothing but its own session id, so handleChatTurn
// rate-limits by session and address, validates the body, and trusts no message the browser claims.
// Embedding (frame-ancestors / CSP for third-party sites) is configured with the security headers, not here.
export async function POST(request: Request) {
  const log = logger.child({ route: "POST /api/chat" });
  try {
    const raw = await readLimited(request, MAX_CHAT_REQUEST_BYTES);
    if (raw === null) return problem(413, "payload_too_large", "That message is too long to send.");
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return problem(400, "bad_request", "The request is not valid JSON.");
    }

    const result = await handleChatTurn({ body, ip: clientIp(request.headers) }, { databaseUrl: databaseUrl(), log });
    if (!result.ok) return problem(result.status, result.code, result.message, result.retryAfter);

    // An AI SDK UI message stream, so the widget's useChat works the same when a model writes the replies.
    const stream = createUIMessageStream<ChatUIMessage>({
      execute: ({ writer }) => {
        writer.write({ type: "start" });
        const handedOver = result.reply.kind === "takeover" || result.reply.kind === "silent";
        if (handedOver) writer.write({ type: "data-handover", data: { ownerName: result.ownerName } });
        if (result.reply.text) {
          const id = generateId();
          writer.write({ type: "text-start", id });
          writer.write({ type: "text-delta", id, delta: result.reply.text });
          writer.write({ type: "text-end", id });
        }
        writer.write({ type: "finish" });
      },
    });
    return createUIMessageStreamResponse({ stream, headers: { "cache-control": "no-store" } });
  } catch (error) {
    log.error("chat turn failed", { error });
    return problem(500, "internal", GENERIC_ERROR_MESSAGE);
  }
}

function problem(status: number, code: string, message: string, retryAfter?: number): Response {
  return Response.json({ error: { code, message } }, { status, headers: retryAfter ? { "Retry-After": String(retryAfter) } : undefined });
}
