import { runSlaStep } from "@/lib/sla/run-sla-step";
import { defineJob } from "@/lib/jobs/define-job";
import { queues } from "@/lib/jobs/queues";

/** One step of a package's acceptance clock: the half-time reminder, or the breach and what follows it. */
export const remindJob = defineJob({
  queue: queues.remind.name,
  schema: queues.remind.schema,
  handle: async (data, ctx) => {
    const result = await runSlaStep({ handoffId: data.handoffId, step: data.step, cycle: data.cycle, at: new Date(data.at) });
    ctx.log.info("sla step", { handoffId: data.handoffId, step: data.step, cycle: data.cycle, result });
  },
});
