import { apiRoute, json, parseBody } from "@/lib/api/api-route";
import { addNoteForApi } from "@/lib/api/handoffs-api";
import { problemResponse } from "@/lib/api/problem";
import { idParam, noteInput } from "@/lib/api/schemas";

export const POST = apiRoute("api.v1.handoffs.notes", "handoffs:write", async ({ actor, request, params }) => {
  const id = idParam.safeParse(params.id);
  if (!id.success) return problemResponse(404, "No package with that id is visible to this key.");
  const body = await parseBody(request, noteInput);
  if (!body.ok) return body.response;
  return json(await addNoteForApi(actor, id.data, body.value.note), { status: 201 });
});
