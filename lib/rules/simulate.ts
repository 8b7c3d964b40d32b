import { scoreCases, type EvalReport, type Expectation, type LabelledCase } from "@/lib/agent/eval/score-cases";
import type { FactSheet } from "@/lib/agent/facts";
import { evaluateEvent } from "@/lib/agent/triage";
import { decisions, type DecisionKind, type TriageDecision } from "@/lib/contract/decision";
import type { IntakeEvent } from "@/lib/contract/intake";
import { priorities, type Priority, type ReasonCode } from "@/lib/contract/package";
import type { CompiledRuleSet } from "@/lib/rules/compile";

export type SimulatedIntake = {
  /** The stored intake's id, or "line N" for an uploaded file. */
  id: string;
  event: IntakeEvent;
  handoffId?: string | null;
  /** What the contract says should come of it, when the intake is a labelled case. */
  expect?: Expectation;
};

/** Both rule sets scored against the labels: the per-reason table of `npm run triage:eval`. */
export type LabelledScores = { cases: number; before: LabelledScore; after: LabelledScore };
export type LabelledScore = Pick<EvalReport, "decisionCorrect" | "priority" | "reasons" | "unsafe">;

export type SimulatedOutcome = { decision: DecisionKind; priority: Priority | null; reasons: ReasonCode[]; ruleId: string };

export type MovedLead = { id: string; label: string; handoffId: string | null; from: SimulatedOutcome; to: SimulatedOutcome };

export type OutcomeCounts = { decisions: Record<DecisionKind, number>; priorities: Record<Priority | "none", number> };

export type SimulationResult = {
  total: number;
  before: OutcomeCounts;
  after: OutcomeCounts;
  /** Leads whose decision or priority differs, at most `maxMoved` of them (the count says how many in all). */
  moved: MovedLead[];
  movedCount: number;
  /** Among the moved leads: how many gained or lost each reason. */
  byReason: { reason: ReasonCode; gained: number; lost: number }[];
  /** "escalate · normal → escalate · immediate" and how many leads took that path. */
  byTransition: { from: string; to: string; count: number }[];
  /** Present when some intakes carry labels (an uploaded case file). */
  labelled: LabelledScores | null;
};

/**
 * Replays intakes through the active rule set and a candidate one and reports what would change.
 * Pure: the caller reads the intakes. Facts are extracted once per intake when both rule sets
 * extract them the same way (same free-mail domains and injection patterns), halving the work.
 */
export function simulateRuleChange(input: {
  intakes: SimulatedIntake[];
  active: CompiledRuleSet;
  candidate: CompiledRuleSet;
  maxMoved?: number;
}): SimulationResult {
  const { active, candidate } = input;
  const maxMoved = input.maxMoved ?? 200;
  const shareFacts = sameExtraction(active, candidate);
  const before = emptyCounts();
  const after = emptyCounts();
  const moved: MovedLead[] = [];
  let movedCount = 0;
  const reasonShift = new Map<ReasonCode, { gained: number; lost: number }>();
  const transitions = new Map<string, { from: string; to: string; count: number }>();

  const labelledCases: LabelledCase[] = [];
  const decided = new Map<LabelledCase, { before: TriageDecision; after: TriageDecision }>();

  for (const intake of input.intakes) {
    const old = evaluateEvent(intake.event, active);
    const next = evaluateEvent(intake.event, candidate, shareFacts ? old.facts : undefined);
    const from = outcomeOf(old.evaluation);
    const to = outcomeOf(next.evaluation);
    if (intake.expect) {
      const labelled: LabelledCase = { input: { ...intake.event, externalId: intake.event.externalId ?? intake.id }, expect: intake.expect };
      labelledCases.push(labelled);
      decided.set(labelled, { before: scored(from, old.missing), after: scored(to, next.missing) });
    }
    count(before, from);
    count(after, to);
    if (from.decision === to.decision && from.priority === to.priority) continue;

    movedCount++;
    if (moved.length < maxMoved) moved.push({ id: intake.id, label: labelOf(old.facts), handoffId: intake.handoffId ?? null, from, to });
    const key = `${describeOutcome(from)}|${describeOutcome(to)}`;
    const transition = transitions.get(key) ?? { from: describeOutcome(from), to: describeOutcome(to), count: 0 };
    transition.count++;
    transitions.set(key, transition);
    for (const reason of new Set([...from.reasons, ...to.reasons])) {
      const had = from.reasons.includes(reason);
      const has = to.reasons.includes(reason);
      if (had === has) continue;
      const shift = reasonShift.get(reason) ?? { gained: 0, lost: 0 };
      if (has) shift.gained++;
      else shift.lost++;
      reasonShift.set(reason, shift);
    }
  }

  return {
    total: input.intakes.length,
    before,
    after,
    moved,
    movedCount,
    byReason: [...reasonShift]
      .map(([reason, shift]) => ({ reason, ...shift }))
      .sort((a, b) => b.gained + b.lost - (a.gained + a.lost) || a.reason.localeCompare(b.reason)),
    byTransition: [...transitions.values()].sort((a, b) => b.count - a.count || a.from.localeCompare(b.from) || a.to.localeCompare(b.to)),
    labelled: labelledCases.length
      ? {
          cases: labelledCases.length,
          before: scoreOf(scoreCases(labelledCases, (c) => decided.get(c)?.before)),
          after: scoreOf(scoreCases(labelledCases, (c) => decided.get(c)?.after)),
        }
      : null,
  };
}

// The rules' verdict in the decision's shape, without a package: the labels score decision, priority and reasons.
function scored(outcome: SimulatedOutcome, missing: TriageDecision["missingFields"]): TriageDecision {
  return {
    externalId: "",
    decision: outcome.decision,
    priority: outcome.priority,
    reasons: outcome.reasons,
    missingFields: missing,
    questions: [],
    actions: [],
    package: null,
  };
}

function scoreOf(report: EvalReport): LabelledScore {
  return { decisionCorrect: report.decisionCorrect, priority: report.priority, reasons: report.reasons, unsafe: report.unsafe };
}

export function describeOutcome(outcome: Pick<SimulatedOutcome, "decision" | "priority">): string {
  return outcome.priority ? `${outcome.decision} · ${outcome.priority}` : outcome.decision;
}

function outcomeOf(evaluation: ReturnType<typeof evaluateEvent>["evaluation"]): SimulatedOutcome {
  return {
    decision: evaluation.decision,
    priority: evaluation.priority,
    reasons: [...new Set(evaluation.reasons.map((r) => r.code))],
    ruleId: evaluation.ruleId,
  };
}

function emptyCounts(): OutcomeCounts {
  return {
    decisions: Object.fromEntries(decisions.map((d) => [d, 0])) as Record<DecisionKind, number>,
    priorities: Object.fromEntries([...priorities, "none"].map((p) => [p, 0])) as Record<Priority | "none", number>,
  };
}

function count(counts: OutcomeCounts, outcome: SimulatedOutcome) {
  counts.decisions[outcome.decision]++;
  counts.priorities[outcome.priority ?? "none"]++;
}

function labelOf(facts: FactSheet): string {
  const { name, email, company } = facts.identity;
  const who = name?.value ?? email?.value ?? "Unnamed lead";
  return company ? `${who} (${company.value})` : who;
}

function sameExtraction(a: CompiledRuleSet, b: CompiledRuleSet): boolean {
  const injection = (rules: CompiledRuleSet) => Object.entries(rules.ruleSet.signals).filter(([id]) => id.startsWith("injection."));
  return (
    JSON.stringify(a.ruleSet.freeEmailDomains) === JSON.stringify(b.ruleSet.freeEmailDomains) && JSON.stringify(injection(a)) === JSON.stringify(injection(b))
  );
}
