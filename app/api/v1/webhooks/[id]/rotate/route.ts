import { apiRoute, json } from "@/lib/api/api-route";
import { problemResponse } from "@/lib/api/problem";
import { idParam } from "@/lib/api/schemas";
import { rotateWebhookSecretForApi } from "@/lib/api/webhooks-api";

// No body: a new secret signs from now on, the old one beside it for the overlap (ROTATION_OVERLAP_HOURS).
export const POST = apiRoute("api.v1.webhooks.rotate", "webhooks:manage", async ({ actor, params }) => {
  const id = idParam.safeParse(params.id);
  if (!id.success) return problemResponse(404, "That webhook endpoint does not exist (or was deleted).");
  return json(await rotateWebhookSecretForApi(actor, id.data));
});
