import { chatUpdates } from "@/lib/chat/chat-updates";
import { readLimited } from "@/lib/http/read-limited";
import { GENERIC_ERROR_MESSAGE } from "@/lib/errors";
import { logger } from "@/lib/logger";

// Public, like POST /api/chat: the session id in the body is the widget's only claim to its conversation.
export async function POST(request: Request) {
  try {
    const raw = await readLimited(request, 1024);
    let body: unknown = null;
    try {
      body = raw === null ? null : JSON.parse(raw);
    } catch {
      // Falls through to the schema's message.
    }
    const result = await chatUpdates(body);
    if (!result.ok) return Response.json({ error: { message: result.message } }, { status: result.status });
    return Response.json({ lines: result.lines }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    logger.child({ route: "POST /api/chat/updates" }).error("chat updates failed", { error });
    return Response.json({ error: { message: GENERIC_ERROR_MESSAGE } }, { status: 500 });
  }
}
