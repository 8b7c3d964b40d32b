import { listLatestNotifications } from "@/db/queries/notifications";
import { requireRole } from "@/lib/auth/guard";
import { UserError } from "@/lib/errors";
import { jsonRoute } from "@/lib/http/json-route";
import { BELL_ITEMS, toBellState } from "@/lib/notifications/bell";

export const dynamic = "force-dynamic";

/** GET /api/notifications/latest: the bell's count and newest items for the signed-in person (any role, their own only). */
export const GET = jsonRoute("GET /api/notifications/latest", async () => {
  try {
    const actor = await requireRole();
    const state = toBellState(await listLatestNotifications({ userId: actor.id, limit: BELL_ITEMS }));
    return Response.json(state, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof UserError) return error.toResponse();
    throw error;
  }
});
