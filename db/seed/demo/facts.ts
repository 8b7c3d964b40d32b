import type { Draft } from "./archetype";

// A marked fragment as a confirmed fact: the field it fills, and a normalised value where the draft
// has one (counts, budget, tools); the fragment itself keeps the lead's own words.

const factFields: Record<string, string> = {
  need: "need",
  leads: "monthly_leads",
  employees: "employees",
  budget: "budget",
  urgency: "urgency",
  timeline: "timeline",
  tools: "current_tools",
  team: "team",
  pricing: "pricing_request",
  discount: "discount_request",
  legal: "legal_terms",
  contract: "contract_terms",
  complaint: "complaint",
  refund: "refund_threat",
  cancel: "cancellation_threat",
  sensitive: "sensitive_data",
  exception: "offer_exception",
  action: "requested_action",
  goal: "objective",
  impact: "impact",
  sites: "sites",
  vague: "message",
  noemail: "contact_preference",
  ask: "question",
  future: "follow_up_request",
};

export function factField(key: string): string {
  return factFields[key] ?? key;
}

export function factValue(key: string, text: string, draft: Draft): string {
  if (key === "leads" && draft.monthlyLeads !== undefined) return `${draft.monthlyLeads} per month`;
  if (key === "employees" && draft.employees !== undefined) return String(draft.employees);
  if (key === "budget" && draft.budget) return `${draft.budget.amount} ${draft.budget.currency}`;
  if (key === "tools" && draft.tools?.length) return draft.tools.join(", ");
  return text;
}
