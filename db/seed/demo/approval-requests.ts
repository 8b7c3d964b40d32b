import type { NewApproval } from "@/db/queries/approvals";
import type { DemoHandoff } from "@/db/seed/demo-data";
import { triage } from "@/lib/agent/triage";
import { approvalsFor } from "@/lib/approvals/proposed-approvals";
import { intakeEventSchema } from "@/lib/contract/intake";
import type { compileRuleSet } from "@/lib/rules/compile";

/** The default time a request waits for a decision (APPROVAL_TTL_HOURS). */
export const DEMO_APPROVAL_TTL_HOURS = 48;

/**
 * The agent's own work on a demo intake, as it would be for a real lead: its decision, its package
 * and the approval requests its sensitive actions open (the same path intake takes).
 */
export function triageDemoIntake(
  demo: Pick<DemoHandoff, "handoff" | "intake">,
  rules: ReturnType<typeof compileRuleSet>,
  trace: { leadId: string | null; intakeId: string | null },
) {
  const { decision, recordPackage } = triage(intakeEventSchema.parse(demo.intake.raw), rules, {
    trace: { leadId: trace.leadId, intakeId: trace.intakeId, conversationId: demo.handoff.conversationId ?? null, crmRecord: null },
  });
  const requests: NewApproval[] = approvalsFor(decision, recordPackage, { now: demo.handoff.createdAt, ttlHours: DEMO_APPROVAL_TTL_HOURS });
  return { decision, recordPackage, requests };
}
