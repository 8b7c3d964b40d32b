import { z } from "zod";
import { actionTypes, handoffPackageSchema, priorities, reasonCodes } from "@/lib/contract/package";

// The triage decision of triage-contract.md section 2.

export const decisions = ["ask", "filter", "act", "escalate"] as const;
export const criticalFields = ["email", "company", "need"] as const;

export const decisionSchema = z.object({
  externalId: z.string(),
  decision: z.enum(decisions),
  priority: z.enum(priorities).nullable(),
  reasons: z.array(z.enum(reasonCodes)),
  missingFields: z.array(z.enum(criticalFields)),
  questions: z.array(z.string()),
  actions: z.array(
    z.object({
      type: z.enum(actionTypes),
      requiresApproval: z.boolean(),
      params: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
  package: handoffPackageSchema.nullable(),
});

export type TriageDecision = z.infer<typeof decisionSchema>;
export type DecisionKind = (typeof decisions)[number];
export type CriticalField = (typeof criticalFields)[number];
