import { apiRoute, json, parseBody } from "@/lib/api/api-route";
import { decideApprovalForApi } from "@/lib/api/handoffs-api";
import { problemResponse } from "@/lib/api/problem";
import { approvalDecisionInput, idParam } from "@/lib/api/schemas";

export const POST = apiRoute("api.v1.approvals.decide", "approvals:write", async ({ actor, request, params }) => {
  const id = idParam.safeParse(params.id);
  if (!id.success) return problemResponse(404, "That approval request does not exist (any more).");
  const body = await parseBody(request, approvalDecisionInput);
  if (!body.ok) return body.response;
  return json(await decideApprovalForApi(actor, id.data, body.value));
});
