import { sendFilterReplyEmail } from "@/lib/email/send-ask-email";
import { defineJob } from "@/lib/jobs/define-job";
import { queues } from "@/lib/jobs/queues";

/** The agent's one safe reply to a filtered email lead (queued with the intake), recorded once and handed to `email-send`. */
export const emailFilterReplyJob = defineJob({
  queue: queues.emailFilterReply.name,
  schema: queues.emailFilterReply.schema,
  handle: async (data, ctx) => {
    const outcome = await sendFilterReplyEmail(data, ctx.now());
    ctx.log.info("email: filter reply", { handoffId: data.handoffId, sent: outcome.sent, ...(outcome.sent ? {} : { reason: outcome.reason }) });
  },
});
