import { apiRoute, json, parseQuery } from "@/lib/api/api-route";
import { listHandoffsForApi } from "@/lib/api/handoffs-api";
import { handoffListQuery } from "@/lib/api/schemas";

export const GET = apiRoute("api.v1.handoffs.list", "handoffs:read", async ({ actor, request }) => {
  const query = parseQuery(request, handoffListQuery);
  if (!query.ok) return query.response;
  return json(await listHandoffsForApi(actor, query.value));
});
