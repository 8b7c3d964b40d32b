import { z } from "zod";

// The handoff package of triage-contract.md section 4: the unit a person receives.

export const priorities = ["immediate", "normal", "nurture"] as const;
export const reasonCodes = ["high_value", "risk", "ambiguity", "offer_exception", "missing_data", "sensitive_action", "no_fit", "low_risk_fit"] as const;
export const intents = ["diagnosis", "quote", "audit", "integration", "support", "information", "partnership", "other"] as const;
export const fitLevels = ["good", "partial", "none", "unknown"] as const;
export const nextStepActions = ["call", "email", "audit", "task", "discard", "nurture", "approve_action"] as const;
export const channels = ["form", "chat", "email", "landing_page"] as const;
export const actionTypes = ["send_email", "update_crm_status", "create_deal", "update_crm_record", "send_booking_link", "create_task"] as const;
export const sensitiveActionTypes = ["send_email", "update_crm_status", "create_deal", "update_crm_record"] as const;

const nullableText = z.string().nullable();

export const confirmedFactSchema = z.object({
  field: z.string(),
  value: z.string(),
  /** The words of the lead the fact was read from. */
  fragment: z.string(),
});

export const inferredFactSchema = z.object({
  field: z.string(),
  value: z.string(),
  /** Why the agent concluded it. */
  basis: z.string(),
  fragment: z.string().nullable().default(null),
});

export const packageReasonSchema = z.object({
  code: z.enum(reasonCodes),
  evidence: z.string(),
  rule: z.string(),
});

export const handoffPackageSchema = z.object({
  identification: z.object({
    name: nullableText,
    email: nullableText,
    phone: nullableText,
    company: nullableText,
    role: nullableText,
    website: nullableText,
  }),
  source: z.object({
    channel: z.enum(channels),
    url: nullableText.optional(),
    pageName: nullableText.optional(),
    formId: nullableText.optional(),
    campaign: nullableText.optional(),
    utm: z.record(z.string(), z.string()).nullable().optional(),
    referrer: nullableText.optional(),
    receivedAt: z.string(),
  }),
  need: nullableText,
  intent: z.enum(intents),
  salesContext: z.object({
    urgency: nullableText,
    timelineDays: z.number().nullable(),
    volume: nullableText,
    employees: z.number().nullable(),
    monthlyLeads: z.number().nullable(),
    budget: z.object({ amount: z.number(), currency: z.string() }).nullable(),
    team: nullableText,
    currentTools: z.array(z.string()),
    affectedProcess: nullableText,
  }),
  qualification: z.object({
    fit: z.enum(fitLevels),
    whyFits: z.array(z.string()),
    whyNot: z.array(z.string()),
    missing: z.array(z.string()),
    /** Why not the other decisions, nearest first ("not immediate: no timeline"); absent on packages stored before it. */
    alternatives: z.array(z.string()).optional(),
  }),
  reasons: z.array(packageReasonSchema),
  summary: z.string(),
  facts: z.object({
    confirmed: z.array(confirmedFactSchema),
    inferred: z.array(inferredFactSchema),
    openQuestions: z.array(z.string()),
  }),
  nextStep: z.object({
    action: z.enum(nextStepActions),
    owner: nullableText,
    why: z.string(),
  }),
  proposedActions: z.array(
    z.object({
      type: z.enum(actionTypes),
      params: z.record(z.string(), z.unknown()),
      consequence: z.string(),
      reason: nullableText.optional(),
    }),
  ),
  traceability: z.object({
    leadId: nullableText,
    conversationId: nullableText,
    intakeId: nullableText,
    crmRecord: nullableText,
    ruleVersion: z.number().int(),
  }),
});

export type HandoffPackage = z.infer<typeof handoffPackageSchema>;
export type PackageReason = z.infer<typeof packageReasonSchema>;
export type ReasonCode = (typeof reasonCodes)[number];
export type Intent = (typeof intents)[number];
export type Priority = (typeof priorities)[number];
