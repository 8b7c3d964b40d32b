import { requireRole } from "@/lib/auth/guard";
import { rolesFor } from "@/lib/auth/roles";
import { openConsoleStream } from "@/lib/chat/console-stream";
import { sseHeaders } from "@/lib/chat/live-stream";
import { UserError } from "@/lib/errors";
import { jsonRoute } from "@/lib/http/json-route";

export const dynamic = "force-dynamic";

/**
 * GET /api/handoffs/:id/conversation?after=…[&snapshot=1]: the package's chat as Server-Sent Events
 * (EventSource, the session cookie); with snapshot=1, what there is now, then the stream ends.
 */
export const GET = jsonRoute("GET /api/handoffs/[id]/conversation", async (_log, request: Request, { params }: { params: Promise<{ id: string }> }) => {
  try {
    const actor = await requireRole(...rolesFor("handoffs.read"));
    const search = new URL(request.url).searchParams;
    const after = search.get("after") || request.headers.get("last-event-id") || null;
    const stream = await openConsoleStream({ actor, id: (await params).id, after, once: search.get("snapshot") === "1", signal: request.signal });
    return new Response(stream, { headers: sseHeaders });
  } catch (error) {
    if (error instanceof UserError) return error.toResponse();
    throw error;
  }
});
