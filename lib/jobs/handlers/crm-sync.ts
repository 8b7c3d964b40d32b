import type { PgBoss } from "pg-boss";
import { crmSyncJobDeps } from "@/lib/crm/crm-sync-job-deps";
import { handleCrmSyncJob, type CrmSyncJobDeps } from "@/lib/crm/handle-crm-sync-job";
import { defineJob } from "@/lib/jobs/define-job";
import { queues } from "@/lib/jobs/queues";

// One adapter per worker process: its per-portal rate limiter must see every request the process makes.
const depsByBoss = new WeakMap<PgBoss, CrmSyncJobDeps>();

/** Logs a handoff in the CRM (built-in or HubSpot): queued with the intake, a chat update or a status change. */
export const crmSyncJob = defineJob({
  queue: queues.crmSync.name,
  schema: queues.crmSync.schema,
  handle: async (data, ctx) => {
    let deps = depsByBoss.get(ctx.boss);
    if (!deps) {
      deps = crmSyncJobDeps(ctx.boss);
      depsByBoss.set(ctx.boss, deps);
    }
    await handleCrmSyncJob(data, deps);
  },
});
