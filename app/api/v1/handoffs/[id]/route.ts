import { apiRoute, json } from "@/lib/api/api-route";
import { readHandoffForApi } from "@/lib/api/handoffs-api";
import { problemResponse } from "@/lib/api/problem";
import { idParam } from "@/lib/api/schemas";

export const GET = apiRoute("api.v1.handoffs.read", "handoffs:read", async ({ actor, params }) => {
  const id = idParam.safeParse(params.id);
  if (!id.success) return problemResponse(404, "No package with that id is visible to this key.");
  const handoff = await readHandoffForApi(actor, id.data);
  return json(handoff, { etag: handoff.version });
});
