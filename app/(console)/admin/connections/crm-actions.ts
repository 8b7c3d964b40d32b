"use server";

import { z } from "zod";
import { defineAction } from "@/lib/action";
import { rolesFor } from "@/lib/auth/roles";
import { crmChoiceSchema, resetCrmChoice, saveCrmChoice } from "@/lib/crm/crm-choice";

const roles = rolesFor("admin.manage");

/** Which CRM the sync logs to; the worker follows within a few seconds, without a restart. */
export const saveCrmChoiceAction = defineAction({
  name: "admin.crm.choose",
  roles,
  schema: crmChoiceSchema,
  handler: async ({ actor, input, log }) => {
    await saveCrmChoice({ actor, adapter: input.adapter });
    log.info("crm chosen", { adapter: input.adapter });
    return { adapter: input.adapter };
  },
});

/** Back to CRM_ADAPTER from the environment. */
export const resetCrmChoiceAction = defineAction({
  name: "admin.crm.reset",
  roles,
  schema: z.object({}),
  handler: async ({ actor, log }) => {
    const removed = await resetCrmChoice({ actor });
    log.info("crm choice reset to the environment", { removed });
    return { removed };
  },
});
