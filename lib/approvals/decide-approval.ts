import { getApprovalForDecision, settleApproval, type ApprovalChannel } from "@/db/queries/approvals";
import type { ApprovalRequest } from "@/db/schema";
import { consequenceOf } from "@/lib/agent/build-package";
import { checkActionParams } from "@/lib/approvals/action-params";
import type { ApprovalDecision } from "@/lib/approvals/email-token";
import type { Actor } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import { UserError } from "@/lib/errors";
import { canActOnHandoff } from "@/lib/handoffs/access";

/** What the lead reads in the chat when the agent's action will not happen: a person takes it from here. */
export const FOLLOW_UP_LINE = "Thanks for your patience. A person from our team will follow up with you directly.";

export const channelLabels: Record<ApprovalChannel, string> = { console: "the console", slack: "Slack", email: "email" };

export type DecideInput = {
  approvalId: string;
  decision: ApprovalDecision;
  actor: Actor;
  via: ApprovalChannel;
  /** The version the person saw (console); Slack and email decide on whatever is current. */
  expectedVersion?: number;
  /** An email's subject and body as the person edited them before approving. */
  edits?: { subject?: string; body?: string };
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
  if (!can(actor.role, "approvals.decide")) throw new UserError("forbidden", `Deciding approval requests needs the rep, manager or admin role; you are ${actor.role}.`);
  const found = await getApprovalForDecision({ id: input.approvalId });
  if (!found) throw new UserError("not_found", "That approval request does not exist (any more).");
  const { approval, handoff } = found;
  if (!canActOnHandoff(actor, handoff)) throw new UserError("forbidden", "This request belongs to a package another person owns; its owner or a manager decides it.");
  if (approval.status !== "pending") throw new UserError("conflict", alreadyDecided(approval));
  if (approval.expiresAt.getTime() <= Date.now()) throw new UserError("conflict", "This request has expired; the agent will not run it.");
  if (input.expectedVersion !== undefined && input.expectedVersion !== approval.version) throw new UserError("conflict", "This request changed since you opened it. Reload to see it as it is now.");

  let params: Record<string, unknown> | undefined;
  let consequence: string | undefined;
  const changes = input.decision === "approve" && input.edits ? changedOnly(input.edits, approval.params) : {};
  const edited = Object.keys(changes).length > 0;
  if (edited) {
    if (approval.actionType !== "send_email") throw new UserError("bad_request", "Only an email's subject and body can be edited before approving.");
    params = { ...approval.params, ...changes };
    // The stated consequence quotes the subject: keep it true to what will be sent (a custom one stays).
    if (approval.consequence === consequenceOf(approval.actionType, approval.params)) consequence = consequenceOf(approval.actionType, params);
  }
  if (input.decision === "approve") {
    const check = checkActionParams(approval.actionType, params ?? approval.params);
    if (!check.ok) throw new UserError("bad_request", `This request cannot run as it stands: ${check.problem}.`, edited ? { [fieldOf(check.problem)]: [check.problem] } : undefined);
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
    event: { type: "approval_decided", actorKind: "user", actorId: actor.id, data: { approvalId: approval.id, actionType: approval.actionType, decision: status, via: input.via, edited: Boolean(edited) } },
    chatLine: status === "denied" && handoff.conversationId ? { conversationId: handoff.conversationId, text: FOLLOW_UP_LINE } : null,
  });
  if (outcome.ok) return outcome.approval;
  if (outcome.reason === "token_used") throw new UserError("conflict", "This link was already used. Each approval link works once.");
  const now = await getApprovalForDecision({ id: approval.id });
  throw new UserError("conflict", now && now.approval.status !== "pending" ? alreadyDecided(now.approval) : "This request changed or expired while you were deciding. Reload to see it as it is now.");
}

function alreadyDecided(approval: ApprovalRequest): string {
  if (approval.status === "expired") return "This request has expired; the agent will not run it.";
  const via = approval.decidedVia ? ` in ${channelLabels[approval.decidedVia]}` : "";
  return `This request was already ${approval.status}${via}.`;
}

/** The edits that change something: a form sends the subject and body back whether or not they were touched. */
function changedOnly(edits: { subject?: string; body?: string }, params: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(edits).filter(([key, value]) => value !== undefined && value !== params[key])) as Record<string, string>;
}

function fieldOf(problem: string): string {
  return problem.startsWith("subject") ? "subject" : problem.startsWith("body") ? "body" : "params";
}
