"use server";

import { z } from "zod";
import { saveSlaPolicy, saveTeamCalendar } from "@/db/queries/sla-policies";
import { defineAction } from "@/lib/action";
import { checkbox, wholeNumber } from "@/lib/forms/form-fields";
import { teamCalendarFormSchema } from "@/lib/sla/team-calendar-input";
import { rolesFor } from "@/lib/auth/roles";
import { priorities } from "@/lib/contract/package";
import { UserError } from "@/lib/errors";

const roles = rolesFor("admin.manage");

export const saveSlaPolicyAction = defineAction({
  name: "admin.sla.save_policy",
  roles,
  schema: z.object({
    priority: z.enum(priorities, { error: "must be immediate, normal or nurture" }),
    // Up to 30 days of business minutes: longer is not an SLA but a reminder.
    minutes: wholeNumber(1, 43_200),
    maxBreaches: wholeNumber(1, 20),
    reassignOnBreach: checkbox,
  }),
  handler: async ({ actor, input }) => {
    await saveSlaPolicy({ actor, policy: input });
    return { priority: input.priority };
  },
});

export const saveTeamCalendarAction = defineAction({
  name: "admin.sla.save_team_calendar",
  roles,
  schema: teamCalendarFormSchema,
  handler: async ({ actor, input }) => {
    const team = await saveTeamCalendar({ actor, ...input });
    if (!team) throw new UserError("not_found", "That team no longer exists; reload the page.");
    return { team: team.name };
  },
});
