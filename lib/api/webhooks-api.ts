import type { z } from "zod";
import { listWebhookEndpoints, type WebhookEndpointView } from "@/db/queries/webhooks";
import type { Actor } from "@/lib/auth/guard";
import { rolesFor } from "@/lib/auth/roles";
import { UserError } from "@/lib/errors";
import { addWebhookEndpoint, changeWebhookEndpoint, removeWebhookEndpoint, rotateEndpointSecret } from "@/lib/webhooks/manage-endpoints";
import type { webhookEndpointChange, webhookEndpointCreate } from "./schemas";

// webhooks:manage: the REST API's side of /admin/webhooks, through the same functions (the URL
// check against private addresses, the audit log, the secret shown once). The scope lets a key
// try; the key's user must still be one who may manage webhooks on the console (an admin).

function requireManager(actor: Actor) {
  if (!rolesFor("admin.manage").includes(actor.role))
    throw new UserError("forbidden", `Managing webhooks needs a key that acts for an admin; this one acts for a ${actor.role}.`);
}

const endpointView = (e: WebhookEndpointView) => ({
  id: e.id,
  name: e.name,
  url: e.url,
  events: e.events,
  enabled: e.enabled,
  disabledReason: e.disabledReason,
  failingSince: e.failingSince?.toISOString() ?? null,
  rotating: e.rotating,
  previousSecretSignsUntil: e.rotating && e.previousSecretExpiresAt ? e.previousSecretExpiresAt.toISOString() : null,
  createdAt: e.createdAt.toISOString(),
  updatedAt: e.updatedAt.toISOString(),
});

/** A refusal that names a field (the URL the guard refused) names it as the API's other problems do, in `errors` and the detail: body.url. */
async function asBodyFields<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UserError && error.fieldErrors) {
      const fields = Object.fromEntries(Object.entries(error.fieldErrors).map(([field, messages]) => [`body.${field}`, messages]));
      throw new UserError(error.code, `${Object.keys(fields).join(", ")}: ${error.message}`, fields);
    }
    throw error;
  }
}

export async function listWebhookEndpointsForApi(actor: Actor) {
  requireManager(actor);
  return { items: (await listWebhookEndpoints()).map(endpointView) };
}

export async function createWebhookEndpointForApi(actor: Actor, input: z.output<typeof webhookEndpointCreate>) {
  requireManager(actor);
  const { endpoint, secret } = await asBodyFields(() => addWebhookEndpoint(actor, input));
  return { endpoint: endpointView(endpoint), secret };
}

export async function changeWebhookEndpointForApi(actor: Actor, id: string, input: z.output<typeof webhookEndpointChange>) {
  requireManager(actor);
  return endpointView(await asBodyFields(() => changeWebhookEndpoint(actor, { id, ...input })));
}

export async function rotateWebhookSecretForApi(actor: Actor, id: string) {
  requireManager(actor);
  const { endpoint, secret } = await rotateEndpointSecret(actor, { id });
  return { endpoint: endpointView(endpoint), secret };
}

export async function deleteWebhookEndpointForApi(actor: Actor, id: string) {
  requireManager(actor);
  await removeWebhookEndpoint(actor, { id });
}
