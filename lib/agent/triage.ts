import { extractFacts } from "@/lib/agent/extract";
import type { FactSheet } from "@/lib/agent/facts";
import { baseFeatures } from "@/lib/agent/features";
import { buildPackage, type Traceability } from "@/lib/agent/build-package";
import { openQuestions } from "@/lib/agent/questions";
import { canonicalExternalId } from "@/lib/agent/external-id";
import { sensitiveValueSignals } from "@/lib/agent/sensitive-value-signals";
import type { IntakeEvent } from "@/lib/contract/intake";
import type { HandoffPackage } from "@/lib/contract/package";
import type { TriageDecision } from "@/lib/contract/decision";
import type { CompiledRuleSet, SignalMatch } from "@/lib/rules/compile";
import { evaluateRules, type Evaluation } from "@/lib/rules/evaluate";

export type TriageResult = {
  decision: TriageDecision;
  /** What to store for the console: the decision's package, or one built for a filter/act record. */
  recordPackage: HandoffPackage | null;
  facts: FactSheet;
  signals: SignalMatch[];
  evaluation: Evaluation;
};

const noTrace: Traceability = { leadId: null, conversationId: null, intakeId: null, crmRecord: null };

/**
 * Intake event in, contract decision out. Pure and synchronous: the rules engine decides, the
 * facts only feed it. Lead text can raise signals, never change a rule or a permission.
 */
export function triage(
  event: IntakeEvent,
  rules: CompiledRuleSet,
  options: { trace?: Traceability; owner?: string | null; facts?: FactSheet; summary?: string; canAskLive?: boolean } = {},
): TriageResult {
  const ruleSet = rules.ruleSet;
  const { facts, signals, missing, evaluation } = evaluateEvent(event, rules, options.facts);
  const questions = evaluation.decision === "filter" ? [] : openQuestions(facts, missing, { urgencyStated: signals.some((s) => s.family === "urgency") });

  // A package for every escalation, and for an ask where the agent cannot ask live (forms, email, or
  // a chat whose lead asked for a person: the agent no longer asks them anything).
  const canAskLive = options.canAskLive ?? event.channel === "chat";
  const wantsPackage = evaluation.decision === "escalate" || (evaluation.decision === "ask" && !canAskLive);
  const keepsRecord = evaluation.decision === "filter" || evaluation.decision === "act";
  const built =
    wantsPackage || keepsRecord
      ? buildPackage({
          event,
          facts,
          signals,
          features: evaluation.features,
          decision: evaluation.decision,
          priority: evaluation.priority,
          reasons: evaluation.reasons,
          missing,
          questions,
          sensitiveActions: ruleSet.sensitiveActions,
          thresholds: ruleSet.thresholds,
          ruleVersion: rules.version,
          owner: options.owner ?? null,
          trace: options.trace ?? noTrace,
          summary: options.summary,
        })
      : null;
  const pkg = wantsPackage ? built : null;

  // Proposed actions ride along only when the lead reaches a person or the agent acts; sensitive ones wait for approval.
  const proposed = evaluation.decision === "escalate" || evaluation.decision === "act" ? (event.proposedActions ?? []) : [];
  const actions: TriageDecision["actions"] = [
    ...evaluation.actions.map((type) => ({ type, requiresApproval: (ruleSet.sensitiveActions as string[]).includes(type) })),
    ...(evaluation.decision === "escalate" ? [{ type: "create_task" as const, requiresApproval: false }] : []),
    ...proposed.map((a) => ({ type: a.type, requiresApproval: (ruleSet.sensitiveActions as string[]).includes(a.type), params: a.params })),
  ];

  return {
    recordPackage: built,
    facts,
    signals,
    evaluation,
    decision: {
      externalId: event.externalId ?? canonicalExternalId(event),
      decision: evaluation.decision,
      priority: evaluation.priority,
      reasons: [...new Set(evaluation.reasons.map((r) => r.code))],
      missingFields: missing,
      questions,
      actions: dedupeActions(actions),
      package: pkg,
    },
  };
}

/**
 * The rules' verdict on one event, without the package: what triage decides and what the rules
 * simulation replays. Facts may be passed in when they are already known (they depend only on the
 * rule set's free-mail domains and injection patterns).
 */
export function evaluateEvent(event: IntakeEvent, rules: CompiledRuleSet, knownFacts?: FactSheet) {
  const injection = (sentence: string) => rules.hasFamily(sentence, "injection");
  const facts = knownFacts ?? extractFacts(event, { freeEmailDomains: rules.ruleSet.freeEmailDomains, ignoreSentence: injection });
  const signals = [...rules.detectSignals({ text: facts.leadText, email: facts.identity.email?.value ?? null }), ...sensitiveValueSignals(event)];
  const { features, missing } = baseFeatures(facts, event, rules.ruleSet);
  return { facts, signals, missing, evaluation: evaluateRules(rules, features, signals) };
}

function dedupeActions(actions: TriageDecision["actions"]): TriageDecision["actions"] {
  const seen = new Set<string>();
  return actions.filter((a) => {
    const key = `${a.type}|${JSON.stringify(a.params ?? null)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
