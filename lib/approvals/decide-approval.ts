import { getApprovalForDecision, getFourEyesSettings, settleApproval, type ApprovalChannel } from "@/db/queries/approvals";
import type { ApprovalRequest } from "@/db/schema";
import { applyParamEdits, checkActionParams } from "@/lib/approvals/action-params";
import { restatedConsequence } from "@/lib/approvals/consequence";
import { mayApprove } from "@/lib/approvals/four-eyes";
import type { ApprovalDecision } from "@/lib/approvals/email-token";
import type { Actor } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import { UserError } from "@/lib/errors";
import { canActOnHandoff } from "@/lib/handoffs/access";

/** What the lead reads in the chat when the agent's action will not happen: a person takes it from here. */
export const FOLLOW_UP_LINE = "Thanks for your patience. A person from our team will follow up with you directly.";

export const channelLabels: Record<ApprovalChannel, string> = { console: "the console", slack: "Slack", email: "email", api: "the API" };

export type DecideInput = {
  approvalId: string;
  decision: ApprovalDecision;
  actor: Actor;
  via: ApprovalChannel;
  /** The version the person saw (console); Slack and email decide on whatever is current. */
  expectedVersion?: number;
  /** The parameters as the person corrected them before approving (the form sends every field; unchanged ones are ignored). */
  edits?: Record<string, string | undefined>;
  /** The emailed link's id: used up with the decision. */
  linkTokenId?: string;
};

/**
 * A person's approve or deny, from any channel. Their role and their hold on the package are checked
 * first; the decision is then settled in SQL (pending, unexpired, unchanged), so of two decisions
 * racing from two channels exactly one wins and the other is told who got there first.
 */
export async function decideApproval(input: DecideInput): Promise<ApprovalRequest> {
  const { actor } = input;
  if (!can(actor.role, "approvals.decide"))
    throw new UserError("forbidden", `Deciding approval requests needs the rep, manager or admin role; you are ${actor.role}.`);
  const found = await getApprovalForDecision({ id: input.approvalId });
  if (!found) throw new UserError("not_found", "That approval request does not exist (any more).");
  const { approval, handoff } = found;
  if (!canActOnHandoff(actor, handoff))
    throw new UserError("forbidden", "This request belongs to a package another person owns; its owner or a manager decides it.");
  if (approval.status !== "pending") throw new UserError("conflict", alreadyDecided(approval));
  if (approval.expiresAt.getTime() <= Date.now()) throw new UserError("conflict", "This request has expired; the agent will not run it.");
  if (input.expectedVersion !== undefined && input.expectedVersion !== approval.version)
    throw new UserError("conflict", "This request changed since you opened it. Reload to see it as it is now.");
  // Four-eyes, here so that the console, Slack and the email links all hold to it.
  if (input.decision === "approve") {
    const allowed = mayApprove(approval, actor.id, await getFourEyesSettings());
    if (!allowed.ok) throw new UserError("forbidden", allowed.reason);
  }

  let params: Record<string, unknown> | undefined;
  let consequence: string | undefined;
  const edited = input.decision === "approve" && input.edits ? applyParamEdits(approval.actionType, approval.params, input.edits) : null;
  if (edited) {
    params = edited;
    // What it does, restated for the parameters that will run (a consequence in the agent's own words stays).
    consequence = restatedConsequence(approval, edited);
  }
  if (input.decision === "approve") {
    const check = checkActionParams(approval.actionType, params ?? approval.params);
    if (!check.ok)
      throw new UserError("bad_request", `This request cannot run as it stands: ${check.problem}. Correct it below, or deny it.`, check.fieldErrors);
  }

  const status = input.decision === "approve" ? "approved" : "denied";
  const outcome = await settleApproval({
    id: approval.id,
    expectedVersion: approval.version,
    status,
    actorId: actor.id,
    via: input.via,
    params,
    consequence,
    linkTokenId: input.linkTokenId,
    event: {
      type: "approval_decided",
      actorKind: "user",
      actorId: actor.id,
      data: { approvalId: approval.id, actionType: approval.actionType, decision: status, via: input.via, edited: edited !== null },
    },
    chatLine: status === "denied" && handoff.conversationId ? { conversationId: handoff.conversationId, text: FOLLOW_UP_LINE } : null,
  });
  if (outcome.ok) return outcome.approval;
  if (outcome.reason === "token_used") throw new UserError("conflict", "This link was already used. Each approval link works once.");
  const now = await getApprovalForDecision({ id: approval.id });
  throw new UserError(
    "conflict",
    now && now.approval.status !== "pending"
      ? alreadyDecided(now.approval)
      : "This request changed or expired while you were deciding. Reload to see it as it is now.",
  );
}

function alreadyDecided(approval: ApprovalRequest): string {
  if (approval.status === "expired") return "This request has expired; the agent will not run it.";
  const via = approval.decidedVia ? ` in ${channelLabels[approval.decidedVia]}` : "";
  return `This request was already ${approval.status}${via}.`;
}
