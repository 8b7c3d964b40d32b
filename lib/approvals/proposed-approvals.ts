import type { NewApproval } from "@/db/queries/approvals";
import { consequenceOf } from "@/lib/agent/build-package";
import type { TriageDecision } from "@/lib/contract/decision";
import type { HandoffPackage } from "@/lib/contract/package";

/**
 * The approval requests an intake opens: one for every action the decision marks as needing approval
 * (the rule set's sensitiveActions), with the consequence and reason the package states for it.
 */
export function approvalsFor(
  decision: Pick<TriageDecision, "decision" | "actions">,
  pkg: HandoffPackage | null,
  options: { now: Date; ttlHours: number },
): NewApproval[] {
  if (decision.decision !== "escalate" && decision.decision !== "act") return [];
  const expiresAt = new Date(options.now.getTime() + options.ttlHours * 3_600_000);
  return decision.actions
    .filter((a) => a.requiresApproval)
    .map((action) => {
      const params = action.params ?? {};
      const stated = pkg?.proposedActions.find((p) => p.type === action.type && sameParams(p.params, params));
      return {
        actionType: action.type,
        params,
        consequence: stated?.consequence ?? consequenceOf(action.type, params),
        reason: stated?.reason ?? (action.params ? null : "The active rule set calls for this action, and lists it as sensitive."),
        expiresAt,
      };
    });
}

function sameParams(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
