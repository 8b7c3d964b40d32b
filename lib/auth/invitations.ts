import { createUserByAdmin, reissueInvitation } from "@/db/queries/users";
import type { UserRole } from "@/db/schema";
import { INVITATION_TTL_MS, newAccessToken } from "@/lib/auth/access-token";
import { accountEmailConfigured, appLink, invitationEmail, sendAccountEmail } from "@/lib/auth/account-email";
import { activeSso } from "@/lib/auth/sso-settings";
import { UserError } from "@/lib/errors";
import type { Logger } from "@/lib/logger";

export type Invited = { id: string; email: string; delivered: boolean; deliveryError: string | null };

const NO_SMTP = "Set up outgoing email (SMTP) on Connections first: the invitation is sent by email.";

/**
 * An admin invites a person: the user is created without a password, with a single-use link
 * (only its hash stored) that lets them choose one, valid 7 days. The email is sent after the
 * commit; if the mail server refuses it, the admin is told and can send it again.
 */
export async function inviteUser({
  actor,
  person,
  log,
}: {
  actor: { id: string; email: string; name: string | null };
  person: { name: string; email: string; role: UserRole; teamId: string | null; capacity: number };
  log: Logger;
}): Promise<Invited> {
  if (!(await accountEmailConfigured())) throw new UserError("bad_request", NO_SMTP);
  const { token, tokenHash } = newAccessToken();
  const result = await createUserByAdmin({ actor, user: { ...person, passwordHash: null }, invitation: { tokenHash, ttlMs: INVITATION_TTL_MS } });
  if (!result.ok && result.reason === "email_taken")
    throw new UserError("conflict", `${person.email} already has an account.`, { email: ["already has an account"] });
  if (!result.ok) throw new UserError("bad_request", "That team no longer exists; reload the page.", { teamId: ["no longer exists"] });
  const delivery = await deliverInvitation({ to: result.user.email, name: person.name, token, invitedBy: actor.name ?? actor.email, log });
  return { id: result.user.id, email: result.user.email, ...delivery };
}

export async function resendInvitation({
  actor,
  userId,
  log,
}: {
  actor: { id: string; email: string; name: string | null };
  userId: string;
  log: Logger;
}): Promise<Invited> {
  if (!(await accountEmailConfigured())) throw new UserError("bad_request", NO_SMTP);
  const { token, tokenHash } = newAccessToken();
  const result = await reissueInvitation({ actor, userId, tokenHash, ttlMs: INVITATION_TTL_MS });
  if (!result.ok) {
    const why = {
      not_found: "That user no longer exists; reload the page.",
      inactive: "Reactivate them first.",
      password_set: "They have already chosen a password.",
    };
    throw new UserError(result.reason === "not_found" ? "not_found" : "conflict", why[result.reason]);
  }
  const delivery = await deliverInvitation({ to: result.user.email, name: result.user.name, token, invitedBy: actor.name ?? actor.email, log });
  return { id: userId, email: result.user.email, ...delivery };
}

async function deliverInvitation(input: { to: string; name: string | null; token: string; invitedBy: string; log: Logger }) {
  const email = invitationEmail({
    name: input.name,
    link: appLink(`/login/invite/${input.token}`),
    invitedBy: input.invitedBy,
    sso: Boolean(await activeSso()),
  });
  try {
    await sendAccountEmail({ to: input.to, ...email });
    return { delivered: true, deliveryError: null };
  } catch (error) {
    input.log.warn("invitation email not sent", { error });
    return { delivered: false, deliveryError: error instanceof Error ? error.message : String(error) };
  }
}
