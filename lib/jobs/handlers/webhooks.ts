import { defineJob } from "@/lib/jobs/define-job";
import { queues } from "@/lib/jobs/queues";
import { deliverSettingsFromEnv, deliverWebhook } from "@/lib/webhooks/deliver";

/** One attempt of one outbound webhook delivery (queued with the event, then by its own retries). */
export const webhookDeliverJob = defineJob({
  queue: queues.webhookDeliver.name,
  schema: queues.webhookDeliver.schema,
  handle: async (data, ctx) => {
    await deliverWebhook(data, { settings: deliverSettingsFromEnv(), now: ctx.now, log: ctx.log });
  },
});
