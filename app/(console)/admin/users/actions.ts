"use server";

import { randomBytes } from "node:crypto";
import { z } from "zod";
import { changeUserByAdmin, createUserByAdmin, type ChangeUserResult } from "@/db/queries/admin-users";
import { defineAction } from "@/lib/action";
import { blankIsUnset, wholeNumber } from "@/lib/admin/form-fields";
import { hashPassword, MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { roles as userRoles, rolesFor } from "@/lib/auth/roles";
import { UserError } from "@/lib/errors";

const roles = rolesFor("admin.manage");
const role = z.enum(userRoles, { error: `must be one of: ${userRoles.join(", ")}` });
const teamId = blankIsUnset(z.uuid("must be a team"));
const userId = z.string().min(1, "must be a user");

export const createUserAction = defineAction({
  name: "admin.users.create",
  roles,
  schema: z.object({
    name: z.string().trim().min(1, "must not be empty").max(200),
    email: z.string().trim().pipe(z.email("must be an email address").max(320)),
    role,
    teamId,
    capacity: wholeNumber(0, 1000),
    /** Blank: a password is generated and shown once. */
    password: blankIsUnset(z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(1024)),
  }),
  handler: async ({ actor, input, log }) => {
    const generated = input.password ? null : randomBytes(12).toString("base64url");
    const result = await createUserByAdmin({
      actor,
      user: { name: input.name, email: input.email, role: input.role, teamId: input.teamId ?? null, capacity: input.capacity, passwordHash: await hashPassword(input.password ?? generated!) },
    });
    if (!result.ok && result.reason === "email_taken") throw new UserError("conflict", `${input.email} already has an account.`, { email: ["already has an account"] });
    if (!result.ok) throw new UserError("bad_request", "That team no longer exists; reload the page.", { teamId: ["no longer exists"] });
    log.info("user created", { userId: result.user.id, role: input.role });
    return { id: result.user.id, email: result.user.email, generatedPassword: generated };
  },
});

export const updateUserAction = defineAction({
  name: "admin.users.update",
  roles,
  schema: z.object({ userId, role, teamId, capacity: wholeNumber(0, 1000) }),
  handler: async ({ actor, input }) => {
    assertChanged(await changeUserByAdmin({ actor, userId: input.userId, change: { role: input.role, teamId: input.teamId ?? null, capacity: input.capacity }, action: "user.update" }));
    return { userId: input.userId };
  },
});

export const setUserActiveAction = defineAction({
  name: "admin.users.set_active",
  roles,
  schema: z.object({ userId, active: z.enum(["true", "false"], { error: "must be true or false" }).transform((v) => v === "true") }),
  handler: async ({ actor, input }) => {
    assertChanged(await changeUserByAdmin({ actor, userId: input.userId, change: { active: input.active }, action: input.active ? "user.reactivate" : "user.deactivate" }));
    return { userId: input.userId, active: input.active };
  },
});

function assertChanged(result: ChangeUserResult): void {
  if (result.ok) return;
  if (result.reason === "not_found") throw new UserError("not_found", "That user no longer exists; reload the page.");
  if (result.reason === "no_team") throw new UserError("bad_request", "That team no longer exists; reload the page.", { teamId: ["no longer exists"] });
  throw new UserError("conflict", "This is the last active admin: make someone else an admin first, or the workspace would have nobody to manage it.");
}
