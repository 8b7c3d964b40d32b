import type { HandoffPackage } from "@/lib/contract/package";

/** What an erased lead's package says in place of its summary. */
export const ERASED_SUMMARY = "Erased at the lead's request: the personal data of this package was removed.";

/**
 * A package with everything about the person removed and what the metrics count kept: channel and
 * campaign, intent, fit, the reasons' codes and rules, numbers (team size, monthly leads, budget),
 * the next step's action. The lead's words, identity, evidence and facts are gone.
 */
export function anonymisePackage(pkg: HandoffPackage): HandoffPackage {
  return {
    identification: { name: null, email: null, phone: null, company: null, role: null, website: null },
    source: { channel: pkg.source.channel, campaign: pkg.source.campaign ?? null, receivedAt: pkg.source.receivedAt },
    need: null,
    intent: pkg.intent,
    salesContext: {
      urgency: null,
      timelineDays: pkg.salesContext.timelineDays,
      volume: null,
      employees: pkg.salesContext.employees,
      monthlyLeads: pkg.salesContext.monthlyLeads,
      budget: pkg.salesContext.budget,
      team: null,
      currentTools: [],
      affectedProcess: null,
    },
    qualification: { fit: pkg.qualification.fit, whyFits: [], whyNot: [], missing: pkg.qualification.missing },
    reasons: pkg.reasons.map((r) => ({ code: r.code, evidence: "", rule: r.rule })),
    summary: ERASED_SUMMARY,
    facts: { confirmed: [], inferred: [], openQuestions: [] },
    nextStep: { action: pkg.nextStep.action, owner: pkg.nextStep.owner, why: "" },
    proposedActions: pkg.proposedActions.map((a) => ({ type: a.type, params: {}, consequence: "" })),
    traceability: { ...pkg.traceability, leadId: null, conversationId: null, crmRecord: null },
  };
}
