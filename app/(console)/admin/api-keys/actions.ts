"use server";

import { z } from "zod";
import { createApiKeyByAdmin, revokeApiKey } from "@/db/queries/api-keys";
import { defineAction } from "@/lib/action";
import { blankIsUnset } from "@/lib/forms/form-fields";
import { rolesFor } from "@/lib/auth/roles";
import { apiScopes } from "@/lib/api/scopes";
import { UserError } from "@/lib/errors";
import { generateApiKey } from "@/lib/intake/credentials";

const roles = rolesFor("admin.manage");

export const createApiKeyAction = defineAction({
  name: "admin.api_keys.create",
  roles,
  schema: z.object({
    name: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters"),
    teamId: blankIsUnset(z.uuid("must be a team")),
    // A checkbox list: one ticked box arrives as a string. None ticked: an intake key, as before scopes.
    scopes: z.preprocess(
      (v) => (v === undefined ? ["intake:write"] : typeof v === "string" ? [v] : v),
      z.array(z.enum(apiScopes, { error: "Pick scopes from the list." })).min(1),
    ),
  }),
  handler: async ({ actor, input }) => {
    const generated = generateApiKey();
    const row = await createApiKeyByAdmin({
      actor,
      // The key acts as the admin who made it (their role decides, e.g., whether it may reassign).
      key: {
        name: input.name,
        teamId: input.teamId ?? null,
        prefix: generated.prefix,
        keyHash: generated.hash,
        scopes: [...new Set(input.scopes)],
        actsAsUserId: actor.id,
      },
    });
    if (!row) throw new UserError("bad_request", "That team no longer exists; reload the page.", { teamId: ["no longer exists"] });
    // The only time the key leaves the server: only its hash is stored.
    return { id: row.id, name: row.name, key: generated.key };
  },
});

export const revokeApiKeyAction = defineAction({
  name: "admin.api_keys.revoke",
  roles,
  schema: z.object({ id: z.uuid("must be an API key") }),
  handler: async ({ actor, input }) => {
    if (!(await revokeApiKey({ actor, id: input.id }))) throw new UserError("not_found", "That key does not exist or is already revoked.");
    return { revoked: true };
  },
});
