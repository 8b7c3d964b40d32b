import { findUserById } from "@/db/queries/users";
import type { UserRole } from "@/db/schema";
import { auth } from "@/lib/auth/auth";
import { SESSION_ENDED_MESSAGE, sessionStillValid } from "@/lib/auth/session-validity";
import { UserError } from "@/lib/errors";

export type Actor = {
  id: string;
  name: string | null;
  email: string;
  role: UserRole;
  teamId: string | null;
};

/**
 * The one guard every server action, route handler and console page calls.
 * The session proves who is calling; role, team and `active` are read fresh from the database so a
 * demotion or deactivation takes effect at once, not when the token expires.
 */
export async function requireRole(...allowed: UserRole[]): Promise<Actor> {
  const session = await auth();
  return authorizeUser({
    userId: session?.user?.id ?? null,
    allowed,
    session: { version: session?.user?.sessionVersion, id: session?.user?.sessionId },
  });
}

/**
 * The decision itself, apart from where the user id came from (session cookie, API key, tests).
 * A session's version is checked against the user's row, so a password change or "sign out
 * everywhere" ends the other sessions at their next call.
 */
export async function authorizeUser({
  userId,
  allowed,
  session,
}: {
  userId: string | null;
  allowed: readonly UserRole[];
  session?: { version: number | null | undefined; id: string | null | undefined };
}): Promise<Actor> {
  if (!userId) throw new UserError("unauthorized", "Sign in to continue.");
  const user = await findUserById({ id: userId });
  if (!user || !user.active) throw new UserError("unauthorized", "Your account is not active. Ask an admin.");
  if (session && !sessionStillValid(user, session)) throw new UserError("unauthorized", SESSION_ENDED_MESSAGE);
  if (allowed.length > 0 && !allowed.includes(user.role)) {
    throw new UserError("forbidden", `This needs the ${allowed.join(" or ")} role; you are signed in as ${user.role}.`);
  }
  return { id: user.id, name: user.name, email: user.email, role: user.role, teamId: user.teamId };
}
