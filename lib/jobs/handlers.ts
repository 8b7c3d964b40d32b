import { notifyJob } from "@/lib/jobs/handlers/notify";
import { remindJob } from "@/lib/jobs/handlers/remind";
import { slaCheckJob } from "@/lib/jobs/handlers/sla-check";
import { queues } from "@/lib/jobs/queues";
import type { NotifySettings } from "@/lib/notifications/send-notifications";
import type { WorkerHandlers } from "@/lib/jobs/worker";

/**
 * The queues this build's worker runs, by queue name. crm-sync has no handler yet: its jobs wait,
 * untouched, until the CRM sync registers one here.
 */
export function jobHandlers(options: { notify?: NotifySettings } = {}): WorkerHandlers {
  return {
    [queues.notify.name]: notifyJob(options.notify),
    [remindJob.queue]: remindJob,
    [slaCheckJob.queue]: slaCheckJob,
  };
}
