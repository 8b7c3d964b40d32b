import { randomUUID } from "node:crypto";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  queueTestWebhook,
  redeliverWebhook,
  rotateWebhookSecret,
  updateWebhookEndpoint,
  type WebhookEndpointView,
} from "@/db/queries/webhooks";
import type { Actor } from "@/lib/auth/guard";
import { env } from "@/lib/env";
import { UserError } from "@/lib/errors";
import type { WebhookEndpointInput } from "./endpoint-schema";
import { resolveWebhookTarget } from "./safe-target";
import { encryptWebhookSecret } from "./secrets";
import { generateWebhookSecret } from "./sign";

/** How long the previous secret keeps signing after a rotation. */
export const ROTATION_OVERLAP_HOURS = 24;

/** Refused before it is saved when it points into Baton's own network; checked again at every send. */
async function checkUrl(url: string): Promise<void> {
  const target = await resolveWebhookTarget(url, { allowedPrivateHosts: env().WEBHOOK_ALLOWED_PRIVATE_HOSTS });
  if (!target.ok) throw new UserError("bad_request", `That URL cannot receive webhooks: ${target.reason}.`, { url: [`Refused: ${target.reason}.`] });
}

/** A new endpoint and its secret, which is shown this once. */
export async function addWebhookEndpoint(actor: Actor, input: WebhookEndpointInput): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
  await checkUrl(input.url);
  const id = randomUUID();
  const secret = generateWebhookSecret();
  const endpoint = await createWebhookEndpoint({
    actor,
    id,
    name: input.name,
    url: input.url,
    events: [...new Set(input.events)],
    secretEncrypted: encryptWebhookSecret(id, secret),
  });
  return { endpoint, secret };
}

export async function changeWebhookEndpoint(
  actor: Actor,
  input: Partial<WebhookEndpointInput> & { id: string; enabled?: boolean },
): Promise<WebhookEndpointView> {
  if (input.url) await checkUrl(input.url);
  const { id, ...change } = input;
  const updated = await updateWebhookEndpoint({ actor, id, change: { ...change, ...(change.events ? { events: [...new Set(change.events)] } : {}) } });
  if (!updated) throw new UserError("not_found", "That webhook endpoint does not exist (or was deleted).");
  return updated;
}

/** A new secret, shown once; the old one signs beside it for ROTATION_OVERLAP_HOURS. */
export async function rotateEndpointSecret(actor: Actor, input: { id: string }, now = new Date()): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
  const secret = generateWebhookSecret();
  const endpoint = await rotateWebhookSecret({
    actor,
    id: input.id,
    secretEncrypted: encryptWebhookSecret(input.id, secret),
    overlapUntil: new Date(now.getTime() + ROTATION_OVERLAP_HOURS * 3_600_000),
  });
  if (!endpoint) throw new UserError("not_found", "That webhook endpoint does not exist (or was deleted).");
  return { endpoint, secret };
}

export async function removeWebhookEndpoint(actor: Actor, input: { id: string }): Promise<{ id: string }> {
  if (!(await deleteWebhookEndpoint({ actor, id: input.id }))) throw new UserError("not_found", "That webhook endpoint does not exist (or was deleted).");
  return { id: input.id };
}

export async function sendTestWebhook(input: { id: string }): Promise<{ deliveryId: string }> {
  const queued = await queueTestWebhook({ endpointId: input.id });
  if (!queued) throw new UserError("not_found", "That webhook endpoint does not exist (or was deleted).");
  return queued;
}

export async function redeliver(input: { deliveryId: string }): Promise<{ deliveryId: string }> {
  const queued = await redeliverWebhook(input);
  if (!queued) throw new UserError("not_found", "That delivery does not exist (or its endpoint was deleted).");
  return queued;
}
