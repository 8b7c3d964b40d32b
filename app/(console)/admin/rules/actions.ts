"use server";

import { revalidatePath } from "next/cache";
import { defineAction, type ActionDefinition } from "@/lib/action";
import { publishRulesCommand, restoreRulesVersionCommand, saveRulesDraftCommand, simulateRulesCommand } from "@/lib/rules/rule-set-commands";

// Each checks rolesFor("admin.manage") itself (lib/rules/rule-set-commands.ts).
export const saveRulesDraftAction = defineAction(revalidating(saveRulesDraftCommand));
export const publishRulesAction = defineAction(revalidating(publishRulesCommand));
export const restoreRulesVersionAction = defineAction(revalidating(restoreRulesVersionCommand));
export const simulateRulesAction = defineAction(simulateRulesCommand);

function revalidating<S extends Parameters<typeof defineAction>[0]["schema"], T>(definition: ActionDefinition<S, T>): ActionDefinition<S, T> {
  return {
    ...definition,
    handler: async (context) => {
      const result = await definition.handler(context);
      revalidatePath("/admin/rules");
      return result;
    },
  };
}
