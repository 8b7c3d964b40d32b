"use server";

import { z } from "zod";
import { changeUserByAdmin, type ChangeUserResult } from "@/db/queries/users";
import { defineAction } from "@/lib/action";
import { blankIsUnset, wholeNumber } from "@/lib/forms/form-fields";
import { inviteUser, resendInvitation } from "@/lib/auth/invitations";
import { roles as userRoles, rolesFor } from "@/lib/auth/roles";
import { UserError } from "@/lib/errors";

const roles = rolesFor("admin.manage");
const role = z.enum(userRoles, { error: `must be one of: ${userRoles.join(", ")}` });
const teamId = blankIsUnset(z.uuid("must be a team"));
const userId = z.string().min(1, "must be a user");

/** Invites a person: created without a password; the emailed single-use link lets them choose one. */
export const inviteUserAction = defineAction({
  name: "admin.users.invite",
  roles,
  schema: z.object({
    name: z.string().trim().min(1, "must not be empty").max(200),
    email: z.string().trim().pipe(z.email("must be an email address").max(320)),
    role,
    teamId,
    capacity: wholeNumber(0, 1000),
  }),
  handler: async ({ actor, input, log }) => {
    const invited = await inviteUser({
      actor,
      person: { name: input.name, email: input.email, role: input.role, teamId: input.teamId ?? null, capacity: input.capacity },
      log,
    });
    log.info("user invited", { userId: invited.id, role: input.role, delivered: invited.delivered });
    return invited;
  },
});

/** A new invitation link for someone who has not chosen a password yet; the earlier link stops working. */
export const resendInvitationAction = defineAction({
  name: "admin.users.resend_invitation",
  roles,
  schema: z.object({ userId }),
  handler: async ({ actor, input, log }) => {
    const invited = await resendInvitation({ actor, userId: input.userId, log });
    if (!invited.delivered)
      throw new UserError("conflict", `The invitation email was not sent (${invited.deliveryError}). Check outgoing email on Connections.`);
    return invited;
  },
});

export const updateUserAction = defineAction({
  name: "admin.users.update",
  roles,
  schema: z.object({ userId, role, teamId, capacity: wholeNumber(0, 1000) }),
  handler: async ({ actor, input }) => {
    assertChanged(
      await changeUserByAdmin({
        actor,
        userId: input.userId,
        change: { role: input.role, teamId: input.teamId ?? null, capacity: input.capacity },
        action: "user.update",
      }),
    );
    return { userId: input.userId };
  },
});

export const setUserActiveAction = defineAction({
  name: "admin.users.set_active",
  roles,
  schema: z.object({ userId, active: z.enum(["true", "false"], { error: "must be true or false" }).transform((v) => v === "true") }),
  handler: async ({ actor, input }) => {
    assertChanged(
      await changeUserByAdmin({ actor, userId: input.userId, change: { active: input.active }, action: input.active ? "user.reactivate" : "user.deactivate" }),
    );
    return { userId: input.userId, active: input.active };
  },
});

function assertChanged(result: ChangeUserResult): void {
  if (result.ok) return;
  if (result.reason === "not_found") throw new UserError("not_found", "That user no longer exists; reload the page.");
  if (result.reason === "no_team") throw new UserError("bad_request", "That team no longer exists; reload the page.", { teamId: ["no longer exists"] });
  throw new UserError("conflict", "This is the last active admin: make someone else an admin first, or the workspace would have nobody to manage it.");
}
