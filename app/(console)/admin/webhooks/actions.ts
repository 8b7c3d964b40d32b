"use server";

import { defineAction } from "@/lib/action";
import { rolesFor } from "@/lib/auth/roles";
import { webhookDeliveryRef, webhookEndpointInput, webhookEndpointRef, webhookEndpointUpdate } from "@/lib/webhooks/endpoint-schema";
import {
  addWebhookEndpoint,
  changeWebhookEndpoint,
  redeliver,
  removeWebhookEndpoint,
  rotateEndpointSecret,
  sendTestWebhook,
} from "@/lib/webhooks/manage-endpoints";

const roles = rolesFor("admin.manage");

export const createWebhookEndpointAction = defineAction({
  name: "admin.webhooks.create",
  roles,
  schema: webhookEndpointInput,
  handler: async ({ actor, input }) => {
    const { endpoint, secret } = await addWebhookEndpoint(actor, input);
    // The only time the secret leaves the server in the clear.
    return { id: endpoint.id, name: endpoint.name, secret };
  },
});

export const updateWebhookEndpointAction = defineAction({
  name: "admin.webhooks.update",
  roles,
  schema: webhookEndpointUpdate,
  handler: async ({ actor, input }) => {
    const endpoint = await changeWebhookEndpoint(actor, input);
    return { id: endpoint.id, enabled: endpoint.enabled };
  },
});

export const rotateWebhookSecretAction = defineAction({
  name: "admin.webhooks.rotate_secret",
  roles,
  schema: webhookEndpointRef,
  handler: async ({ actor, input }) => {
    const { endpoint, secret } = await rotateEndpointSecret(actor, input);
    return { id: endpoint.id, name: endpoint.name, secret };
  },
});

export const deleteWebhookEndpointAction = defineAction({
  name: "admin.webhooks.delete",
  roles,
  schema: webhookEndpointRef,
  handler: async ({ actor, input }) => removeWebhookEndpoint(actor, input),
});

export const sendTestWebhookAction = defineAction({
  name: "admin.webhooks.send_test",
  roles,
  schema: webhookEndpointRef,
  handler: async ({ input }) => sendTestWebhook(input),
});

export const redeliverWebhookAction = defineAction({
  name: "admin.webhooks.redeliver",
  roles,
  schema: webhookDeliveryRef,
  handler: async ({ input }) => redeliver(input),
});
