import { approvalExecuteJob, approvalExpireJob, approvalNotifyJob } from "@/lib/jobs/handlers/approvals";
import { chatPromiseCheckJob } from "@/lib/jobs/handlers/chat-promises";
import { crmSyncJob } from "@/lib/jobs/handlers/crm-sync";
import { knowledgeEmbedJob } from "@/lib/jobs/handlers/knowledge-embed";
import { bookingLinkEmailJob } from "@/lib/jobs/handlers/meetings";
import { emailAskJob } from "@/lib/jobs/handlers/email-ask";
import { emailFilterReplyJob } from "@/lib/jobs/handlers/email-filter-reply";
import { emailSendJob } from "@/lib/jobs/handlers/email-send";
import { notifyJob } from "@/lib/jobs/handlers/notify";
import { privacyCrmEraseJob, privacyRetentionJob } from "@/lib/jobs/handlers/privacy";
import { remindJob } from "@/lib/jobs/handlers/remind";
import { slaCheckJob } from "@/lib/jobs/handlers/sla-check";
import { webhookDeliverJob } from "@/lib/jobs/handlers/webhooks";
import { weeklySummaryJob } from "@/lib/jobs/handlers/weekly-summary";
import { queues } from "@/lib/jobs/queues";
import type { NotifySettings } from "@/lib/notifications/send-notifications";
import type { WorkerHandlers } from "@/lib/jobs/worker";

/**
 * The queues this build's worker runs, by queue name; `only` narrows them (WORKER_QUEUES), so the
 * CRM sync can scale apart from notifications. A queue name that does not exist is refused.
 */
export function jobHandlers(options: { notify?: NotifySettings; only?: readonly string[] } = {}): WorkerHandlers {
  const all: WorkerHandlers = {
    [queues.notify.name]: notifyJob(options.notify),
    [remindJob.queue]: remindJob,
    [slaCheckJob.queue]: slaCheckJob,
    [crmSyncJob.queue]: crmSyncJob,
    [queues.weeklySummary.name]: weeklySummaryJob(options.notify),
    [queues.approvalNotify.name]: approvalNotifyJob(options.notify),
    [queues.approvalExecute.name]: approvalExecuteJob(options.notify),
    [approvalExpireJob.queue]: approvalExpireJob,
    [chatPromiseCheckJob.queue]: chatPromiseCheckJob,
    [privacyCrmEraseJob.queue]: privacyCrmEraseJob,
    [privacyRetentionJob.queue]: privacyRetentionJob,
    [queues.bookingLinkEmail.name]: bookingLinkEmailJob(options.notify),
    [emailSendJob.queue]: emailSendJob,
    [knowledgeEmbedJob.queue]: knowledgeEmbedJob,
    [emailAskJob.queue]: emailAskJob,
    [emailFilterReplyJob.queue]: emailFilterReplyJob,
    [webhookDeliverJob.queue]: webhookDeliverJob,
  };
  if (!options.only) return all;
  const unknown = options.only.filter((name) => !(name in all));
  if (unknown.length > 0) throw new Error(`Unknown queue ${unknown.join(", ")}; the queues are ${Object.keys(all).join(", ")}.`);
  return Object.fromEntries(Object.entries(all).filter(([name]) => options.only!.includes(name)));
}
