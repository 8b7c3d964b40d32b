import { z } from "zod";
import { webhookEventTypes } from "./events";

const eventArray = z.array(z.enum(webhookEventTypes, { error: "Pick events from the list." })).min(1, "Pick at least one event.");
// A checkbox list arrives as one string when one box is ticked and an array when several are.
const eventList = z.preprocess((v) => (typeof v === "string" ? [v] : v), eventArray);

/** An endpoint's fields, shared by /admin/webhooks' form and the REST API's JSON (lib/api/schemas.ts). */
export const webhookEndpointFields = {
  name: z.string().trim().min(1, "Give the endpoint a name.").max(100),
  url: z
    .string()
    .trim()
    .min(1, "Enter the URL that receives the events.")
    .max(2_000)
    .pipe(z.url({ error: "Enter a full URL (https://…)." })),
  events: eventArray,
};

export const webhookEndpointInput = z.object({ ...webhookEndpointFields, events: eventList });
export type WebhookEndpointInput = z.infer<typeof webhookEndpointInput>;

export const webhookEndpointUpdate = webhookEndpointInput.partial().extend({ id: z.uuid(), enabled: z.stringbool().optional() });
export const webhookEndpointRef = z.object({ id: z.uuid() });
export const webhookDeliveryRef = z.object({ deliveryId: z.uuid() });
