import { z } from "zod";
import { changeOwnPassword, findUserById } from "@/db/queries/users";
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from "@/lib/auth/password";
import { UserError } from "@/lib/errors";

export const profileNameSchema = z.object({ name: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters") });

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "enter your current password").max(1024),
    newPassword: z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(1024, "must be at most 1024 characters"),
    confirmPassword: z.string().max(1024),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { message: "must match the new password", path: ["confirmPassword"] });

/**
 * A person changes their own password: the current one is required (a borrowed, unlocked session
 * is not enough), and every other session of theirs ends; the one they changed it from stays.
 */
export async function changePassword({
  actor,
  sessionId,
  currentPassword,
  newPassword,
}: {
  actor: { id: string; email: string };
  sessionId: string | null;
  currentPassword: string;
  newPassword: string;
}): Promise<void> {
  const user = await findUserById({ id: actor.id });
  if (!user?.passwordHash) throw new UserError("bad_request", "You sign in with single sign-on and have no password here to change.");
  if (!(await verifyPassword(currentPassword, user.passwordHash)))
    throw new UserError("bad_request", "Current password: that is not your current password.", { currentPassword: ["is not your current password"] });
  if (currentPassword === newPassword)
    throw new UserError("bad_request", "New password: choose one different from the current password.", { newPassword: ["must differ from the current one"] });
  await changeOwnPassword({ user: actor, passwordHash: await hashPassword(newPassword), keepSessionId: sessionId });
}
