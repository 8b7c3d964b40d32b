"use server";

import { z } from "zod";
import { saveFourEyesSetting } from "@/db/queries/approvals";
import { defineAction } from "@/lib/action";
import { checkbox } from "@/lib/forms/form-fields";
import { rolesFor } from "@/lib/auth/roles";
import { sensitiveActionTypes } from "@/lib/contract/package";

export const saveFourEyesAction = defineAction({
  name: "admin.approvals.save_four_eyes",
  roles: rolesFor("admin.manage"),
  schema: z.object({
    actionType: z.enum(sensitiveActionTypes, { error: `must be one of: ${sensitiveActionTypes.join(", ")}` }),
    fourEyes: checkbox,
  }),
  handler: async ({ actor, input, log }) => {
    await saveFourEyesSetting({ actor, actionType: input.actionType, fourEyes: input.fourEyes });
    log.info("four-eyes setting saved", { actionType: input.actionType, fourEyes: input.fourEyes });
    return { actionType: input.actionType, fourEyes: input.fourEyes };
  },
});
