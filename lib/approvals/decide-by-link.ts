import { getApprovalForDecision, getFourEyesSettings, getLinkToken } from "@/db/queries/approvals";
import type { ApprovalRequest } from "@/db/schema";
import { decideApproval } from "@/lib/approvals/decide-approval";
import { tokenRefusals, verifyApprovalToken, type ApprovalLinkClaims } from "@/lib/approvals/email-token";
import { mayApprove } from "@/lib/approvals/four-eyes";
import { authorizeUser, type Actor } from "@/lib/auth/guard";
import { UserError } from "@/lib/errors";

export type LinkState =
  | { ok: false; message: string }
  | { ok: true; claims: ApprovalLinkClaims; recipient: Actor; used: boolean; request: NonNullable<Awaited<ReturnType<typeof getApprovalForDecision>>> };

/**
 * What an emailed link stands for, checked without changing anything (the confirmation page shows
 * this): the signature, the expiry, the token's row (it was issued, to this person, for this request),
 * and that the person may still decide.
 */
export async function readApprovalLink(token: string, options: { key: Buffer; nowSeconds?: number }): Promise<LinkState> {
  const check = verifyApprovalToken(token, options.key, options.nowSeconds ?? Math.floor(Date.now() / 1000));
  if (!check.ok) return { ok: false, message: tokenRefusals[check.reason] };
  const { claims } = check;
  const row = await getLinkToken({ id: claims.jti });
  if (!row || row.approvalId !== claims.approvalId || row.recipientId !== claims.userId)
    return { ok: false, message: "Baton has no record of this approval link." };
  const request = await getApprovalForDecision({ id: claims.approvalId });
  if (!request) return { ok: false, message: "That approval request does not exist (any more)." };
  let recipient: Actor;
  try {
    recipient = await authorizeUser({ userId: claims.userId, allowed: [] });
  } catch (error) {
    if (error instanceof UserError) return { ok: false, message: "The account this link was sent to is no longer active." };
    throw error;
  }
  // Four-eyes: said on the confirmation page, before the button (decideApproval holds to it as well).
  if (claims.decision === "approve" && request.approval.status === "pending") {
    const allowed = mayApprove(request.approval, recipient.id, await getFourEyesSettings());
    if (!allowed.ok) return { ok: false, message: allowed.reason };
  }
  return { ok: true, claims, recipient, used: row.usedAt !== null, request };
}

/** The confirmation page's POST: the token is checked again, then decides as its recipient and is used up with the decision. */
export async function decideByLink(token: string, options: { key: Buffer; nowSeconds?: number }): Promise<ApprovalRequest> {
  const state = await readApprovalLink(token, options);
  if (!state.ok) throw new UserError("unauthorized", state.message);
  if (state.used) throw new UserError("conflict", "This link was already used. Each approval link works once.");
  return decideApproval({
    approvalId: state.claims.approvalId,
    decision: state.claims.decision,
    actor: state.recipient,
    via: "email",
    linkTokenId: state.claims.jti,
  });
}
