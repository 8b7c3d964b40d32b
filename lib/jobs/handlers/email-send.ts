import { sendRecordedEmail } from "@/lib/email/smtp-send";
import { defineJob } from "@/lib/jobs/define-job";
import { queues } from "@/lib/jobs/queues";

/** Sends one recorded email to a lead (lib/email/send-lead-email.ts records it with the job). */
export const emailSendJob = defineJob({
  queue: queues.emailSend.name,
  schema: queues.emailSend.schema,
  handle: async (data, ctx) => sendRecordedEmail(data.emailId, ctx.log),
});
