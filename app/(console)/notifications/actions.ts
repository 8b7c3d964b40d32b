"use server";

import { revalidatePath } from "next/cache";
import { saveUserBookingLink } from "@/db/queries/meetings";
import { markNotificationsRead, saveNotificationPreferences } from "@/db/queries/notifications";
import { defineAction } from "@/lib/action";
import { rolesFor } from "@/lib/auth/roles";
import { myBookingLinkSchema } from "@/lib/meetings/settings-schema";
import { markReadSchema, preferencesSchema } from "@/lib/notifications/preferences-schema";

// Everyone manages their own notifications: the actor is the user, never an input.

export const saveNotificationPreferencesAction = defineAction({
  name: "notifications.save_preferences",
  roles: rolesFor("handoffs.read"),
  schema: preferencesSchema,
  handler: async ({ actor, input }) => {
    await saveNotificationPreferences({ userId: actor.id, ...input });
    revalidatePath("/notifications");
    return { saved: true };
  },
});

export const markNotificationsReadAction = defineAction({
  name: "notifications.mark_read",
  roles: rolesFor("handoffs.read"),
  schema: markReadSchema,
  handler: async ({ actor, input }) => {
    await markNotificationsRead({ userId: actor.id, ids: input.ids });
    revalidatePath("/", "layout");
    return { read: true };
  },
});

/** A person's own booking link (Cal.com, Calendly or any https scheduling page): the link their leads get. */
export const saveMyBookingLinkAction = defineAction({
  name: "meetings.save_my_link",
  roles: rolesFor("handoffs.read"),
  schema: myBookingLinkSchema,
  handler: async ({ actor, input }) => {
    await saveUserBookingLink({ userId: actor.id, url: input.url });
    revalidatePath("/notifications");
    return { url: input.url };
  },
});
