import type { FactSheet } from "@/lib/agent/facts";
import type { IntakeEvent } from "@/lib/contract/intake";
import type { CriticalField } from "@/lib/contract/decision";
import type { ExtractedFeature, FeatureValue } from "@/lib/rules/compile";
import type { RuleSet } from "@/lib/rules/schema";

/** The facts a rule set may name besides its signals, computed from the fact sheet and the thresholds. */
export function baseFeatures(
  facts: FactSheet,
  event: IntakeEvent,
  ruleSet: RuleSet,
): { features: Record<ExtractedFeature, FeatureValue>; missing: CriticalField[] } {
  const t = ruleSet.thresholds;
  const yes = (source: string, fragment: string): FeatureValue => ({ value: true, evidence: [{ source, fragment }] });
  const no: FeatureValue = { value: false, evidence: [] };
  const { identity } = facts;

  const volumeEvidence = [
    facts.employees && facts.employees.value >= t.employees ? { source: "volume.employees", fragment: facts.employees.fragment } : null,
    facts.monthlyLeads && facts.monthlyLeads.value >= t.monthlyLeads ? { source: "volume.monthly_leads", fragment: facts.monthlyLeads.fragment } : null,
    facts.budget && facts.budget.value.amount >= t.budget && t.budgetCurrencies.includes(facts.budget.value.currency)
      ? { source: "volume.budget", fragment: facts.budget.fragment }
      : null,
  ].filter((e) => e !== null);

  const business = identity.company
    ? yes(identity.company.confirmed ? "business.company" : "business.email_domain", identity.company.fragment)
    : facts.emailDomain && !facts.freeEmail
      ? yes("business.email_domain", facts.emailDomain)
      : no;

  const shouted = shoutedSentence(facts.leadText);
  const sensitive = (event.proposedActions ?? []).filter((a) => (ruleSet.sensitiveActions as string[]).includes(a.type));
  const missing: CriticalField[] = [];
  if (!identity.email) missing.push("email");
  if (!identity.company) missing.push("company");
  if (!facts.need) missing.push("need");
  const missingEvidence = (field: string) => ({ source: `missing.${field}`, fragment: `no ${field} given` });

  return {
    missing,
    features: {
      business,
      companyStated: identity.company?.confirmed ? yes("business.company", identity.company.fragment) : no,
      shouting: shouted ? yes("text.shouting", shouted) : no,
      freeEmail: facts.freeEmail && identity.email ? yes("email.free_provider", identity.email.value) : no,
      volume: volumeEvidence.length ? { value: true, evidence: volumeEvidence } : no,
      urgentTimeline: facts.timelineDays && facts.timelineDays.value <= t.urgentDays ? yes("urgency.timeline", facts.timelineDays.fragment) : no,
      sensitiveAction: sensitive.length
        ? {
            value: true,
            evidence: sensitive.map((a) => ({
              source: `action.${a.type}`,
              fragment: `proposed ${a.type.replace(/_/g, " ")}${a.reason ? `: ${a.reason}` : ""}`,
            })),
          }
        : no,
      needStated: facts.need ? yes("need", facts.need.fragment) : no,
      missingCritical: missing.length ? { value: true, evidence: missing.map(missingEvidence) } : no,
      missingEmail: missing.includes("email") ? { value: true, evidence: [missingEvidence("email")] } : no,
      missingCompany: missing.includes("company") ? { value: true, evidence: [missingEvidence("company")] } : no,
      missingNeed: missing.includes("need") ? { value: true, evidence: [missingEvidence("need")] } : no,
    },
  };
}

// Four capitalised words in a row, two of them long: "MAKE $5,000 A WEEK FROM HOME". A list of
// acronyms ("AI, CRM, SEO, PPC") is short words only, so it does not count.
function shoutedSentence(text: string): string | null {
  // Most leads have no four capitals in a row: skip the word walk for them (triage runs on every lead).
  if (!/\p{Lu}{4}/u.test(text)) return null;
  for (const line of text.split("\n")) {
    let run = 0;
    let long = 0;
    for (const word of line.split(/[^\p{L}]+/u)) {
      if (!word) continue;
      if (word === word.toUpperCase() && word !== word.toLowerCase()) {
        run++;
        if (word.length >= 4) long++;
        if (run >= 4 && long >= 2) return line.slice(0, 240);
      } else {
        run = 0;
        long = 0;
      }
    }
  }
  return null;
}
