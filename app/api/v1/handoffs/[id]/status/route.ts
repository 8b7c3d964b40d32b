import { apiRoute, json, parseBody, requireIfMatch } from "@/lib/api/api-route";
import { changeStatusForApi } from "@/lib/api/handoffs-api";
import { problemResponse } from "@/lib/api/problem";
import { idParam, statusCommand } from "@/lib/api/schemas";

export const POST = apiRoute("api.v1.handoffs.status", "handoffs:write", async ({ actor, request, params }) => {
  const id = idParam.safeParse(params.id);
  if (!id.success) return problemResponse(404, "No package with that id is visible to this key.");
  const version = requireIfMatch(request);
  if (!version.ok) return version.response;
  const body = await parseBody(request, statusCommand);
  if (!body.ok) return body.response;
  const handoff = await changeStatusForApi(actor, id.data, version.value, body.value);
  return json(handoff, { etag: handoff.version });
});
