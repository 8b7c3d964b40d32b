import { chatReceipt } from "@/lib/chat/lead-corrections";
import { errorForStatus, jsonRoute, payloadTooLarge } from "@/lib/http/json-route";
import { readLimited } from "@/lib/http/read-limited";

// Public, like POST /api/chat: the session id in the body is the widget's only claim to its conversation.
// What the person taking over will know (the lead's receipt).
export const POST = jsonRoute("POST /api/chat/receipt", async (_log, request) => {
  const raw = await readLimited(request, 2048);
  if (raw === null) return payloadTooLarge("The request is too large.");
  let body: unknown = null;
  try {
    body = JSON.parse(raw);
  } catch {
    // Falls through to the schema's message.
  }
  const result = await chatReceipt(body);
  if (!result.ok) return errorForStatus(result.status, result.message);
  return Response.json({ lines: result.lines }, { headers: { "cache-control": "no-store" } });
});
