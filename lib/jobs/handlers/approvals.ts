import { expireDueApprovals } from "@/db/queries/approvals";
import { FOLLOW_UP_LINE } from "@/lib/approvals/decide-approval";
import { executeApproval } from "@/lib/approvals/execute-approval";
import { notifyApproval } from "@/lib/approvals/notify-approval";
import { approvalNotifySettings, executeDepsFromEnv } from "@/lib/approvals/settings";
import { defineJob } from "@/lib/jobs/define-job";
import { queues } from "@/lib/jobs/queues";
import { loadNotifySettings, type NotifySettings } from "@/lib/notifications/send-notifications";

/** Asks for a decision on a new request (Slack buttons, email links, in-app). */
export function approvalNotifyJob(settings?: NotifySettings) {
  return defineJob({
    queue: queues.approvalNotify.name,
    schema: queues.approvalNotify.schema,
    handle: async (data, ctx) => {
      const { sent } = await notifyApproval(data.approvalId, approvalNotifySettings(settings ?? (await loadNotifySettings())), ctx.log);
      ctx.log.info("approval requested", { approvalId: data.approvalId, sent });
    },
  });
}

/** Runs an approved action once (queued with the decision, keyed by the request). */
export function approvalExecuteJob(settings?: NotifySettings) {
  return defineJob({
    queue: queues.approvalExecute.name,
    schema: queues.approvalExecute.schema,
    handle: async (data, ctx) => {
      const outcome = await executeApproval(data.approvalId, { ...executeDepsFromEnv(settings ?? (await loadNotifySettings())), log: ctx.log });
      ctx.log.info("approval execution", { approvalId: data.approvalId, outcome });
    },
  });
}

/** The minute sweep: requests nobody decided in time expire; their owners hear of it in the app. */
export const approvalExpireJob = defineJob({
  queue: queues.approvalExpire.name,
  schema: queues.approvalExpire.schema,
  handle: async (data, ctx) => {
    const expired = await expireDueApprovals({ now: data.at ? new Date(data.at) : ctx.now(), chatLine: FOLLOW_UP_LINE });
    if (expired.length) ctx.log.info("approvals expired", { count: expired.length });
  },
});
