import { openLeadStream } from "@/lib/chat/lead-stream";
import { sseHeaders } from "@/lib/chat/live-stream";
import { errorForStatus, jsonRoute, payloadTooLarge } from "@/lib/http/json-route";
import { readLimited } from "@/lib/http/read-limited";

export const dynamic = "force-dynamic";

// Public, like POST /api/chat: the session id in the body is the widget's only claim to its conversation.
// POST rather than EventSource's GET so the session id never appears in a URL or an access log.
export const POST = jsonRoute("POST /api/chat/stream", async (_log, request) => {
  const raw = await readLimited(request, 1024);
  if (raw === null) return payloadTooLarge("The request is too large.");
  let body: unknown = null;
  try {
    body = JSON.parse(raw);
  } catch {
    // Falls through to the schema's message.
  }
  const result = await openLeadStream(body, request.signal);
  if (!result.ok) return errorForStatus(result.status, result.message);
  return new Response(result.stream, { headers: sseHeaders });
});
