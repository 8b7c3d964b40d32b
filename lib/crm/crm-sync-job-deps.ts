import type { PgBoss } from "pg-boss";
import { configuredCrmAdapter } from "@/lib/connections/configured-crm-adapter";
import type { CrmSyncJobDeps } from "@/lib/crm/handle-crm-sync-job";
import { env } from "@/lib/env";
import { queues } from "@/lib/jobs/queues";
import { logger } from "@/lib/logger";

/**
 * What the worker passes to handleCrmSyncJob(s): the configured CRM, and the dead-letter queue
 * (`crm-sync-dead`, where pg-boss also puts jobs that used up their retries) for refused payloads.
 * The dead job keeps the original payload, so retrying it from the admin page re-sends the same job.
 */
export function crmSyncJobDeps(boss: PgBoss): CrmSyncJobDeps {
  return {
    // Resolved at each sync: the CRM chosen on /admin/connections applies without a restart.
    adapter: configuredCrmAdapter,
    appUrl: env().APP_URL,
    log: logger.child({ queue: queues.crmSync.name }),
    deadLetter: async (payload, failure) => {
      const data = payload && typeof payload === "object" ? payload : { payload };
      await boss.send(`${queues.crmSync.name}-dead`, { ...data, error: failure });
    },
  };
}
