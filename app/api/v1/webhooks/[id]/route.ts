import { apiRoute, json, parseBody } from "@/lib/api/api-route";
import { problemResponse } from "@/lib/api/problem";
import { idParam, webhookEndpointChange } from "@/lib/api/schemas";
import { changeWebhookEndpointForApi, deleteWebhookEndpointForApi } from "@/lib/api/webhooks-api";

const NOT_FOUND = "That webhook endpoint does not exist (or was deleted).";

export const PATCH = apiRoute("api.v1.webhooks.update", "webhooks:manage", async ({ actor, request, params }) => {
  const id = idParam.safeParse(params.id);
  if (!id.success) return problemResponse(404, NOT_FOUND);
  const body = await parseBody(request, webhookEndpointChange);
  if (!body.ok) return body.response;
  return json(await changeWebhookEndpointForApi(actor, id.data, body.value));
});

export const DELETE = apiRoute("api.v1.webhooks.delete", "webhooks:manage", async ({ actor, params }) => {
  const id = idParam.safeParse(params.id);
  if (!id.success) return problemResponse(404, NOT_FOUND);
  await deleteWebhookEndpointForApi(actor, id.data);
  return new Response(null, { status: 204 });
});
