"use server";

import { revalidatePath } from "next/cache";
import { attachMeeting, saveMeetingSettings, saveTeamBookingLink } from "@/db/queries/meetings";
import { defineAction } from "@/lib/action";
import { rolesFor } from "@/lib/auth/roles";
import { UserError } from "@/lib/errors";
import { attachMeetingSchema, meetingSettingsSchema, teamBookingLinkSchema } from "@/lib/meetings/settings-schema";

const roles = rolesFor("admin.manage");

export const saveMeetingSettingsAction = defineAction({
  name: "admin.meetings.save_settings",
  roles,
  schema: meetingSettingsSchema,
  handler: async ({ actor, input }) => {
    await saveMeetingSettings({ actor, ...input });
    revalidatePath("/admin/meetings");
    return { saved: true };
  },
});

export const saveTeamBookingLinkAction = defineAction({
  name: "admin.meetings.save_team_link",
  roles,
  schema: teamBookingLinkSchema,
  handler: async ({ actor, input }) => {
    const team = await saveTeamBookingLink({ actor, teamId: input.teamId, url: input.url });
    if (!team) throw new UserError("not_found", "That team no longer exists; reload the page.");
    revalidatePath("/admin/meetings");
    return { team: team.name };
  },
});

export const attachMeetingAction = defineAction({
  name: "admin.meetings.attach",
  roles,
  schema: attachMeetingSchema,
  handler: async ({ actor, input }) => {
    const attached = await attachMeeting({ actor, meetingId: input.meetingId, handoffId: input.handoffId });
    if (!attached) throw new UserError("not_found", "That booking was attached meanwhile, or no package has that id; reload the page.");
    revalidatePath("/admin/meetings");
    return { handoffId: input.handoffId };
  },
});
