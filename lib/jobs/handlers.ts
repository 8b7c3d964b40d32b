import { approvalExecuteJob, approvalExpireJob, approvalNotifyJob } from "@/lib/jobs/handlers/approvals";
import { crmSyncJob } from "@/lib/jobs/handlers/crm-sync";
import { notifyJob } from "@/lib/jobs/handlers/notify";
import { privacyCrmEraseJob, privacyRetentionJob } from "@/lib/jobs/handlers/privacy";
import { remindJob } from "@/lib/jobs/handlers/remind";
import { slaCheckJob } from "@/lib/jobs/handlers/sla-check";
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
    [privacyCrmEraseJob.queue]: privacyCrmEraseJob,
    [privacyRetentionJob.queue]: privacyRetentionJob,
  };
  if (!options.only) return all;
  const unknown = options.only.filter((name) => !(name in all));
  if (unknown.length > 0) throw new Error(`Unknown queue ${unknown.join(", ")}; the queues are ${Object.keys(all).join(", ")}.`);
  return Object.fromEntries(Object.entries(all).filter(([name]) => options.only!.includes(name)));
}
