import type { PgBoss } from "pg-boss";
import { findDueSlaClocks } from "@/db/queries/sla";
import { defineJob } from "@/lib/jobs/define-job";
import { queues } from "@/lib/jobs/queues";

/**
 * The sweep the worker schedules every minute: one remind job per clock step that is due. Each job
 * is keyed by package, cycle and step, so overlapping sweeps queue it once.
 */
export async function sweepSlaClocks({ now, boss, teamId }: { now: Date; boss: PgBoss; teamId?: string }): Promise<number> {
  const due = await findDueSlaClocks({ now, teamId });
  for (const clock of due) {
    const step = clock.stage === "running" ? "half" : "due";
    await boss.send(queues.remind.name, { handoffId: clock.handoffId, step, cycle: clock.cycle, at: now.toISOString() }, { singletonKey: `remind:${clock.handoffId}:${clock.cycle}:${step}` });
  }
  return due.length;
}

export const slaCheckJob = defineJob({
  queue: queues.slaCheck.name,
  schema: queues.slaCheck.schema,
  handle: async (data, ctx) => {
    const queued = await sweepSlaClocks({ now: data.at ? new Date(data.at) : ctx.now(), boss: ctx.boss });
    if (queued) ctx.log.info("sla sweep", { queued });
  },
});
