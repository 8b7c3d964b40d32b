import type { ApprovalRequest } from "@/db/schema";
import { consequenceOf } from "@/lib/agent/build-package";
import { infoRequestConsequence } from "@/lib/handoffs/info-request-messages";

/**
 * What the request does, as it stands now: an info-request email's is read from the email itself,
 * a stated consequence the agent derived from its parameters follows them, and one the agent wrote
 * in its own words stays. The card, the messages and the decision all use this.
 */
export function currentConsequence(approval: Pick<ApprovalRequest, "actionType" | "params" | "consequence">): string {
  if (approval.actionType === "send_email" && typeof approval.params.infoRequestId === "string")
    return infoRequestConsequence(approval.params.to, approval.params.body);
  return approval.consequence;
}

/** The consequence to store when a person's edits replace the parameters. */
export function restatedConsequence(approval: Pick<ApprovalRequest, "actionType" | "params" | "consequence">, edited: Record<string, unknown>): string {
  if (approval.actionType === "send_email" && typeof edited.infoRequestId === "string") return infoRequestConsequence(edited.to, edited.body);
  return approval.consequence === consequenceOf(approval.actionType, approval.params) ? consequenceOf(approval.actionType, edited) : approval.consequence;
}
