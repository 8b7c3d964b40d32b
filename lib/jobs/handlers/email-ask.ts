import { sendAskEmail } from "@/lib/email/send-ask-email";
import { defineJob } from "@/lib/jobs/define-job";
import { queues } from "@/lib/jobs/queues";

/** The agent's first questions to an email lead (queued with the intake), recorded once and handed to `email-send`. */
export const emailAskJob = defineJob({
  queue: queues.emailAsk.name,
  schema: queues.emailAsk.schema,
  handle: async (data, ctx) => {
    const outcome = await sendAskEmail(data, ctx.now());
    ctx.log.info("email: agent asked", { handoffId: data.handoffId, sent: outcome.sent, ...(outcome.sent ? {} : { reason: outcome.reason }) });
  },
});
