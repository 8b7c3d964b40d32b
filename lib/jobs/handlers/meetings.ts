import { env } from "@/lib/env";
import { defineJob } from "@/lib/jobs/define-job";
import { queues } from "@/lib/jobs/queues";
import { sendActBookingLink } from "@/lib/meetings/send-act-booking-link";
import { loadNotifySettings, type NotifySettings } from "@/lib/notifications/send-notifications";

/** The booking-link email of an `act` on a form or email lead (or its approval request), once per package. */
export function bookingLinkEmailJob(settings?: NotifySettings) {
  return defineJob({
    queue: queues.bookingLinkEmail.name,
    schema: queues.bookingLinkEmail.schema,
    handle: async (data, ctx) => {
      const { smtp } = settings ?? (await loadNotifySettings());
      const outcome = await sendActBookingLink(data, { smtp, now: ctx.now(), approvalTtlHours: env().APPROVAL_TTL_HOURS, log: ctx.log });
      ctx.log.info("booking link email", { handoffId: data.handoffId, outcome });
    },
  });
}
