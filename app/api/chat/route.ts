import { createUIMessageStream, createUIMessageStreamResponse, generateId } from "ai";
import { MAX_CHAT_REQUEST_BYTES } from "@/lib/chat/chat-limits";
import type { ChatUIMessage } from "@/lib/chat/chat-ui-message";
import { handleChatTurn } from "@/lib/chat/handle-chat-turn";
import { clientIp } from "@/lib/http/client-ip";
import { errorResponse, jsonRoute, payloadTooLarge } from "@/lib/http/json-route";
import { readLimited } from "@/lib/http/read-limited";

// Public: no session. The chat authenticates nothing but its own session id, so handleChatTurn
// rate-limits by session and address, validates the body, and trusts no message the browser claims.
// Embedding (frame-ancestors / CSP for third-party sites) is configured with the security headers, not here.
export const POST = jsonRoute("POST /api/chat", async (log, request) => {
  const raw = await readLimited(request, MAX_CHAT_REQUEST_BYTES);
  if (raw === null) return payloadTooLarge("That message is too long to send.");
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return errorResponse(400, "bad_request", "The request is not valid JSON.");
  }

  const result = await handleChatTurn({ body, ip: clientIp(request.headers) }, { log });
  if (!result.ok) return errorResponse(result.status, result.code, result.message, { retryAfter: result.retryAfter });

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
});
