import { apiRoute, json, parseQuery } from "@/lib/api/api-route";
import { listPendingApprovalsForApi } from "@/lib/api/handoffs-api";
import { approvalListQuery } from "@/lib/api/schemas";

export const GET = apiRoute("api.v1.approvals.list", "approvals:write", async ({ actor, request }) => {
  const query = parseQuery(request, approvalListQuery);
  if (!query.ok) return query.response;
  return json(await listPendingApprovalsForApi(actor));
});
