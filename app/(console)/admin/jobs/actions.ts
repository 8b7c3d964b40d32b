"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/action";
import { rolesFor } from "@/lib/auth/roles";
import { retryDeadLetter } from "@/lib/jobs/retry-dead-letter";

export const retryDeadLetterAction = defineAction({
  name: "jobs.retry_dead_letter",
  roles: rolesFor("admin.manage"),
  schema: z.object({ queue: z.string().min(1).max(100), jobId: z.uuid() }),
  handler: async ({ input, log }) => {
    await retryDeadLetter({ queue: input.queue, jobId: input.jobId });
    log.info("dead letter retried", { queue: input.queue, jobId: input.jobId });
    revalidatePath("/admin/jobs");
    return { retried: true };
  },
});
