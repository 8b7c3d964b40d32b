import { correctChatReceipt } from "@/lib/chat/lead-corrections";
import { errorForStatus, jsonRoute, payloadTooLarge } from "@/lib/http/json-route";
import { readLimited } from "@/lib/http/read-limited";

// Public, like POST /api/chat: the session id in the body is the widget's only claim to its conversation.
// The lead corrects one line of their receipt.
export const POST = jsonRoute("POST /api/chat/correct", async (_log, request) => {
  const raw = await readLimited(request, 2048);
  if (raw === null) return payloadTooLarge("The request is too large.");
  let body: unknown = null;
  try {
    body = JSON.parse(raw);
  } catch {
    // Falls through to the schema's message.
  }
  const result = await correctChatReceipt(body);
  if (!result.ok) return errorForStatus(result.status, result.message);
  return Response.json({ lines: result.lines }, { headers: { "cache-control": "no-store" } });
});
