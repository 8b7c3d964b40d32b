import type { Priority, ReasonCode } from "@/lib/contract/package";
import type { DecisionKind } from "@/lib/contract/decision";
import type { CompiledRuleSet, Evidence, FeatureValue, SignalMatch } from "@/lib/rules/compile";
import type { ActionType } from "@/lib/rules/types";

export type ReasonWithEvidence = { code: ReasonCode; evidence: Evidence[]; rule: string };

export type Evaluation = {
  ruleId: string;
  decision: DecisionKind;
  priority: Priority | null;
  reasons: ReasonWithEvidence[];
  actions: ActionType[];
  features: Record<string, FeatureValue>;
};

/**
 * First matching rule wins (triage-contract.md section 3). Base features come from the extractor;
 * signals become a feature per id and per family; the rule set derives the rest.
 */
export function evaluateRules(compiled: CompiledRuleSet, base: Record<string, FeatureValue>, signals: SignalMatch[]): Evaluation {
  const features: Record<string, FeatureValue> = { ...base };
  for (const signal of signals) {
    const evidence = { source: signal.id, fragment: signal.fragment };
    features[signal.id] = { value: true, evidence: [evidence] };
    const family = features[signal.family];
    features[signal.family] = { value: true, evidence: [...(family?.value ? family.evidence : []), evidence] };
  }
  const all = compiled.deriveFeatures(features);

  for (const rule of compiled.ruleSet.rules) {
    const matched = compiled.evaluateCondition(rule.when, all);
    if (!matched.value) continue;
    const priority = Array.isArray(rule.priority)
      ? (rule.priority.find((p) => p.when === undefined || compiled.evaluateCondition(p.when, all).value)?.value ?? null)
      : rule.priority;
    const reasons = rule.reasons.flatMap((reason) => {
      const applies = reason.when === undefined ? matched : compiled.evaluateCondition(reason.when, all);
      if (!applies.value) return [];
      const preferred = reason.evidence === undefined ? [] : compiled.evaluateCondition(reason.evidence, all).evidence;
      return [{ code: reason.code, evidence: dedupe([...preferred, ...applies.evidence]), rule: rule.id }];
    });
    return { ruleId: rule.id, decision: rule.decision, priority, reasons, actions: rule.actions, features: all };
  }
  // compileRuleSet cannot guarantee a catch-all; a rule set without one still answers safely.
  return {
    ruleId: "no_rule_matched",
    decision: "ask",
    priority: "nurture",
    reasons: [{ code: "missing_data", evidence: [], rule: "no_rule_matched" }],
    actions: [],
    features: all,
  };
}

function dedupe(evidence: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => {
    const key = `${e.source}|${e.fragment}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
