/**
 * Whether a session token still stands against the user's row. Every token carries the
 * session version it was issued under (`sv`) and its own id (`sid`); raising the user's version
 * ends every earlier session, except the one a password change was made from (`keptSessionId`).
 * Tokens from before versions existed carry none and count as version 0.
 */
export function sessionStillValid(
  user: { sessionVersion: number; keptSessionId: string | null },
  session: { version: number | null | undefined; id: string | null | undefined },
): boolean {
  if ((session.version ?? 0) === user.sessionVersion) return true;
  return Boolean(session.id) && session.id === user.keptSessionId;
}

export const SESSION_ENDED_MESSAGE = "Your session has ended (your password changed or you signed out everywhere). Sign in again.";
