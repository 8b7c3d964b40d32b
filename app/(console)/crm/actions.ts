"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/action";
import { rolesFor } from "@/lib/auth/roles";
import { syncHandoffNow } from "@/lib/crm/sync-now";

export const syncToCrmNow = defineAction({
  name: "crm.sync_now",
  roles: rolesFor("handoffs.read"),
  schema: z.object({ handoffId: z.uuid() }),
  handler: async ({ actor, input }) => {
    await syncHandoffNow({ actor, handoffId: input.handoffId });
    revalidatePath(`/handoffs/${input.handoffId}`);
    return { handoffId: input.handoffId };
  },
});
