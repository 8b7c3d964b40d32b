import { defineJob } from "@/lib/jobs/define-job";
import { queues } from "@/lib/jobs/queues";
import { loadNotifySettings, sendNotifications, type NotifySettings } from "@/lib/notifications/send-notifications";

/** Sends what one package event means to the people who must hear of it (settings from the environment unless given). */
export function notifyJob(settings?: NotifySettings) {
  return defineJob({
    queue: queues.notify.name,
    schema: queues.notify.schema,
    handle: async (data, ctx) => {
      const outcome = await sendNotifications(data, settings ?? (await loadNotifySettings()), ctx.log);
      ctx.log.info("notified", { handoffId: data.handoffId, event: data.event, sent: outcome.sent, alreadySent: outcome.alreadySent });
    },
  });
}
