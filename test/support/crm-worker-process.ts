import { crmSyncJobDeps } from "@/lib/crm/crm-sync-job-deps";
import { startCrmQueueWorker } from "./crm-queue-worker";

// A worker in its own process, configured by the environment (DATABASE_URL, CRM_ADAPTER,
// HUBSPOT_*), so a test can SIGKILL it in the middle of a batch.
await startCrmQueueWorker({ deps: (boss) => crmSyncJobDeps(boss), batchSize: 100 });
process.stdout.write("ready\n");
