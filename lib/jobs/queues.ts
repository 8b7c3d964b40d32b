import { z } from "zod";

// Every queue and the payload it carries. The worker (npm run worker) consumes them; intake only sends.
export const queues = {
  crmSync: { name: "crm-sync", schema: z.object({ handoffId: z.uuid() }) },
  notify: { name: "notify", schema: z.object({ handoffId: z.uuid(), event: z.enum(["created", "reminder", "breach"]) }) },
} as const;

export type QueueName = (typeof queues)[keyof typeof queues]["name"];
