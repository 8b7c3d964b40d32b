import { apiRoute, json } from "@/lib/api/api-route";
import { listPendingApprovalsForApi } from "@/lib/api/handoffs-api";

export const GET = apiRoute("api.v1.approvals.list", "approvals:write", async ({ actor }) => json(await listPendingApprovalsForApi(actor)));
