import { enqueue } from "@/db/queries/outbox";
import { findDueSlaClocks } from "@/db/queries/sla";
import { defineJob } from "@/lib/jobs/define-job";
import { queues } from "@/lib/jobs/queues";

/**
 * The sweep the worker schedules every minute: one remind job per clock step that is due. Each job
 * is keyed by package, cycle and step, so overlapping sweeps queue it once.
 */
export async function sweepSlaClocks({ now, teamId }: { now: Date; teamId?: string }): Promise<number> {
  const due = await findDueSlaClocks({ now, teamId });
  for (const clock of due) {
    const step = clock.stage === "running" ? "half" : "due";
    await enqueue(null, "remind", { handoffId: clock.handoffId, step, cycle: clock.cycle, at: now.toISOString() });
  }
  return due.length;
}

export const slaCheckJob = defineJob({
  queue: queues.slaCheck.name,
  schema: queues.slaCheck.schema,
  handle: async (data, ctx) => {
    const queued = await sweepSlaClocks({ now: data.at ? new Date(data.at) : ctx.now() });
    if (queued) ctx.log.info("sla sweep", { queued });
  },
});
