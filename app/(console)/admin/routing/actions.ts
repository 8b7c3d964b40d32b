"use server";

import { z } from "zod";
import { createRoutingRule, deleteRoutingRule, moveRoutingRule, setRoutingRuleEnabled, updateRoutingRule } from "@/db/queries/routing-rules";
import { defineAction } from "@/lib/action";
import { checkbox } from "@/lib/forms/form-fields";
import { routingRuleFormSchema } from "@/lib/routing/routing-rule-input";
import { rolesFor } from "@/lib/auth/roles";
import { UserError } from "@/lib/errors";

const roles = rolesFor("admin.manage");
const ruleId = z.uuid("must be a routing rule");
const missing = () => new UserError("not_found", "That routing rule no longer exists; reload the page.");

export const createRoutingRuleAction = defineAction({
  name: "admin.routing.create",
  roles,
  schema: routingRuleFormSchema,
  handler: async ({ actor, input }) => {
    const row = await createRoutingRule({ actor, rule: input });
    return { id: row.id };
  },
});

export const updateRoutingRuleAction = defineAction({
  name: "admin.routing.update",
  roles,
  schema: z.object({ id: ruleId }).and(routingRuleFormSchema),
  handler: async ({ actor, input }) => {
    const { id, ...rule } = input;
    if (!(await updateRoutingRule({ actor, id, rule }))) throw missing();
    return { id };
  },
});

export const setRoutingRuleEnabledAction = defineAction({
  name: "admin.routing.set_enabled",
  roles,
  schema: z.object({ id: ruleId, enabled: checkbox }),
  handler: async ({ actor, input }) => {
    if (!(await setRoutingRuleEnabled({ actor, id: input.id, enabled: input.enabled }))) throw missing();
    return { enabled: input.enabled };
  },
});

export const moveRoutingRuleAction = defineAction({
  name: "admin.routing.move",
  roles,
  schema: z.object({ id: ruleId, direction: z.enum(["up", "down"], { error: "must be up or down" }) }),
  handler: async ({ actor, input }) => {
    const order = await moveRoutingRule({ actor, id: input.id, direction: input.direction });
    if (!order) throw missing();
    return { order: order.map((r) => r.id) };
  },
});

export const deleteRoutingRuleAction = defineAction({
  name: "admin.routing.delete",
  roles,
  schema: z.object({ id: ruleId }),
  handler: async ({ actor, input }) => {
    if (!(await deleteRoutingRule({ actor, id: input.id }))) throw missing();
    return { deleted: true };
  },
});
