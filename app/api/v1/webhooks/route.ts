import { apiRoute, json, parseBody } from "@/lib/api/api-route";
import { webhookEndpointCreate } from "@/lib/api/schemas";
import { createWebhookEndpointForApi, listWebhookEndpointsForApi } from "@/lib/api/webhooks-api";

export const GET = apiRoute("api.v1.webhooks.list", "webhooks:manage", async ({ actor }) => json(await listWebhookEndpointsForApi(actor)));

export const POST = apiRoute("api.v1.webhooks.create", "webhooks:manage", async ({ actor, request }) => {
  const body = await parseBody(request, webhookEndpointCreate);
  if (!body.ok) return body.response;
  return json(await createWebhookEndpointForApi(actor, body.value), { status: 201 });
});
