"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { endAllSessions, updateOwnName } from "@/db/queries/users";
import { defineAction } from "@/lib/action";
import { auth, signOut } from "@/lib/auth/auth";
import { changePassword, changePasswordSchema, profileNameSchema } from "@/lib/auth/profile";
import { roles } from "@/lib/auth/roles";

// Everyone manages their own profile: the actor is the user, never an input.

export const saveProfileNameAction = defineAction({
  name: "profile.save_name",
  roles,
  schema: profileNameSchema,
  handler: async ({ actor, input }) => {
    await updateOwnName({ user: actor, name: input.name });
    revalidatePath("/", "layout");
    return { name: input.name };
  },
});

export const changePasswordAction = defineAction({
  name: "profile.change_password",
  roles,
  schema: changePasswordSchema,
  handler: async ({ actor, input, log }) => {
    const session = await auth();
    await changePassword({ actor, sessionId: session?.user?.sessionId ?? null, currentPassword: input.currentPassword, newPassword: input.newPassword });
    log.info("password changed; other sessions ended");
    return { changed: true };
  },
});

/** Every session of this person ends at its next request, this one now. */
export const signOutEverywhereAction = defineAction({
  name: "profile.sign_out_everywhere",
  roles,
  schema: z.object({}),
  handler: async ({ actor, log }) => {
    await endAllSessions({ actor, userId: actor.id });
    log.info("all sessions ended");
    await signOut({ redirectTo: "/login" });
    return { ended: true };
  },
});
