"use server";

import { defineAction } from "@/lib/action";
import { rolesFor } from "@/lib/auth/roles";
import { draftConnection, resetConnection, saveConnection } from "@/lib/connections/save-connection";
import { connectionKindSchema, saveConnectionSchema } from "@/lib/connections/schema";
import { testConnection } from "@/lib/connections/test-connection";

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
