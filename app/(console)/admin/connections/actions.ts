"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/action";
import { rolesFor } from "@/lib/auth/roles";
import { draftConnection, resetConnection, saveConnection } from "@/lib/connections/save-connection";
import { connectionKindSchema, saveConnectionSchema } from "@/lib/connections/schema";
import { testConnection } from "@/lib/connections/test-connection";
import { resetWidgetOrigins, saveWidgetOrigins } from "@/lib/chat/widget-origins";
import { widgetOriginsSchema } from "@/lib/chat/widget-origins-schema";
import { z } from "zod";

const roles = rolesFor("admin.manage");

export const saveConnectionAction = defineAction({
  name: "admin.connections.save",
  roles,
  schema: saveConnectionSchema,
  handler: async ({ actor, input, log }) => {
    await saveConnection({ actor, input });
    log.info("connection saved", { kind: input.kind });
    return { kind: input.kind };
  },
});

/**
 * Calls the service with the values in the form, before they are saved (a blank secret: the one in
 * force). They pass the same validation as saving first, so a test never runs on settings that could not be saved.
 */
export const testConnectionAction = defineAction({
  name: "admin.connections.test",
  roles,
  schema: saveConnectionSchema,
  handler: async ({ input, log }) => {
    const result = await testConnection(input.kind, await draftConnection(input));
    log.info("connection tested", { kind: input.kind, ok: result.ok });
    return result;
  },
});

/** Removes a service's saved settings: it runs on the environment's again. */
export const resetConnectionAction = defineAction({
  name: "admin.connections.reset",
  roles,
  schema: connectionKindSchema,
  handler: async ({ actor, input, log }) => {
    const removed = await resetConnection({ actor, kind: input.kind });
    log.info("connection reset to the environment", { kind: input.kind, removed });
    return { kind: input.kind, removed };
  },
});

/** The sites allowed to embed the chat widget (its frame-ancestors): saved here, they replace CHAT_WIDGET_ALLOWED_ORIGINS. */
export const saveWidgetOriginsAction = defineAction({
  name: "admin.chat_widget.save_origins",
  roles,
  schema: widgetOriginsSchema,
  handler: async ({ actor, input, log }) => {
    const saved = await saveWidgetOrigins({ actor, origins: input.origins });
    log.info("chat widget origins saved", { count: saved.origins.length });
    revalidatePath("/admin/connections");
    return saved;
  },
});

/** Removes the saved list: CHAT_WIDGET_ALLOWED_ORIGINS from the environment applies again. */
export const resetWidgetOriginsAction = defineAction({
  name: "admin.chat_widget.reset_origins",
  roles,
  schema: z.object({}),
  handler: async ({ actor, log }) => {
    const result = await resetWidgetOrigins({ actor });
    log.info("chat widget origins reset to the environment", result);
    revalidatePath("/admin/connections");
    return result;
  },
});
