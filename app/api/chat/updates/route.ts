import { chatUpdates } from "@/lib/chat/chat-updates";
import { errorResponse, jsonRoute, payloadTooLarge } from "@/lib/http/json-route";
import { readLimited } from "@/lib/http/read-limited";

// Public, like POST /api/chat: the session id in the body is the widget's only claim to its conversation.
export const POST = jsonRoute("POST /api/chat/updates", async (_log, request) => {
  const raw = await readLimited(request, 1024);
  if (raw === null) return payloadTooLarge("The request is too large.");
  let body: unknown = null;
  try {
    body = JSON.parse(raw);
  } catch {
    // Falls through to the schema's message.
  }
  const result = await chatUpdates(body);
  if (!result.ok) return errorResponse(result.status, result.status === 429 ? "rate_limited" : "bad_request", result.message);
  const payload = "messages" in result ? { messages: result.messages } : { lines: result.lines };
  return Response.json(payload, { headers: { "cache-control": "no-store" } });
});
