import { apiRoute, json, parseBody, requireIfMatch } from "@/lib/api/api-route";
import { reassignForApi } from "@/lib/api/handoffs-api";
import { problemResponse } from "@/lib/api/problem";
import { idParam, ownerInput } from "@/lib/api/schemas";

// Reassigning is a manager's call: the key must act for a manager or an admin (lib/handoffs/change-handoff.ts).
export const PUT = apiRoute("api.v1.handoffs.owner", "handoffs:write", async ({ actor, request, params }) => {
  const id = idParam.safeParse(params.id);
  if (!id.success) return problemResponse(404, "No package with that id is visible to this key.");
  const version = requireIfMatch(request);
  if (!version.ok) return version.response;
  const body = await parseBody(request, ownerInput);
  if (!body.ok) return body.response;
  const handoff = await reassignForApi(actor, id.data, version.value, body.value);
  return json(handoff, { etag: handoff.version });
});
