"use server";

import { z } from "zod";
import { defineAction } from "@/lib/action";
import { rolesFor } from "@/lib/auth/roles";
import { forgetConnectionSettings, loadConnectionSettings } from "@/lib/connections/load-connection-settings";
import { saveConnection } from "@/lib/connections/save-connection";
import { connectionKinds, saveConnectionSchema } from "@/lib/connections/schema";
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

/** Calls the service with the settings in force (saved, else the environment). */
export const testConnectionAction = defineAction({
  name: "admin.connections.test",
  roles,
  schema: z.object({ kind: z.enum(connectionKinds, { error: `must be one of: ${connectionKinds.join(", ")}` }) }),
  handler: async ({ input, log }) => {
    forgetConnectionSettings();
    const result = await testConnection(input.kind, await loadConnectionSettings());
    log.info("connection tested", { kind: input.kind, ok: result.ok });
    return result;
  },
});
