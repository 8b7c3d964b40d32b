"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/action";
import { rolesFor } from "@/lib/auth/roles";
import { saveSsoSchema } from "@/lib/auth/sso-schema";
import { saveSsoSettings } from "@/lib/auth/sso-settings";

/** Single sign-on (OpenID Connect): issuer, client, allowed domains, who is created, whether passwords still work. */
export const saveSsoSettingsAction = defineAction({
  name: "admin.sso.save",
  roles: rolesFor("admin.manage"),
  schema: saveSsoSchema,
  handler: async ({ actor, input, log }) => {
    await saveSsoSettings({ actor, input });
    log.info("single sign-on settings saved", { enabled: input.enabled, passwordSignIn: input.passwordSignIn });
    revalidatePath("/admin/connections");
    return { enabled: input.enabled };
  },
});
