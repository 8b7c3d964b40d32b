import { z } from "zod";

// Every queue and the payload it carries. The worker (npm run worker) consumes them; intake, chat and
// status changes only send. crm-sync is worked by handleCrmSyncJob(s) in lib/crm/handle-crm-sync-job.ts.
export const queues = {
  crmSync: { name: "crm-sync", schema: z.object({ handoffId: z.uuid() }) },
  notify: { name: "notify", schema: z.object({ handoffId: z.uuid(), event: z.enum(["created", "reminder", "breach"]) }) },
} as const;

export type QueueName = (typeof queues)[keyof typeof queues]["name"];
