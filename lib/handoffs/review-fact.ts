import type { HandoffPackage } from "@/lib/contract/package";

export type FactReviewKind = "confirm" | "correct" | "answer";

/** What the rep clicked: an inferred fact (confirm or correct) or an open question (answer), by position and content. */
export type FactReview =
  | { target: "inferred"; index: number; field: string; action: "confirm" }
  | { target: "inferred"; index: number; field: string; action: "correct"; value: string }
  | { target: "open_question"; index: number; question: string; action: "answer"; value: string };

export type FactReviewOutcome =
  { ok: true; pkg: HandoffPackage; correction: { kind: FactReviewKind; field: string; before: string | null; after: string } } | { ok: false; message: string };

/**
 * A rep's verdict on what the agent inferred or left open (pure). Confirming moves an inferred fact
 * to the confirmed ones as it is; correcting moves it with the rep's value; answering an open question
 * turns it into a confirmed fact. The correction record says what the agent had and what it became,
 * which is what the agent-accuracy metric counts.
 */
export function applyFactReview(pkg: HandoffPackage, review: FactReview, reviewer: string): FactReviewOutcome {
  const { facts } = pkg;
  if (review.target === "inferred") {
    const fact = facts.inferred[review.index];
    if (!fact || fact.field !== review.field) return { ok: false, message: "That inferred fact is no longer on the package. Reload to see it as it is now." };
    const after = review.action === "confirm" ? fact.value : review.value;
    if (review.action === "correct" && after === fact.value) return { ok: false, message: "That is the value the agent already has; use Confirm instead." };
    const confirmedFact = {
      field: fact.field,
      value: after,
      fragment: fact.fragment ?? `${review.action === "confirm" ? "Confirmed" : "Corrected"} by ${reviewer}`,
    };
    return {
      ok: true,
      pkg: { ...pkg, facts: { ...facts, inferred: facts.inferred.filter((_, i) => i !== review.index), confirmed: [...facts.confirmed, confirmedFact] } },
      correction: { kind: review.action, field: fact.field, before: fact.value, after },
    };
  }
  const question = facts.openQuestions[review.index];
  if (question === undefined || question !== review.question)
    return { ok: false, message: "That question is no longer open on the package. Reload to see it as it is now." };
  return {
    ok: true,
    pkg: {
      ...pkg,
      facts: {
        ...facts,
        openQuestions: facts.openQuestions.filter((_, i) => i !== review.index),
        confirmed: [...facts.confirmed, { field: question, value: review.value, fragment: `Answered by ${reviewer}` }],
      },
    },
    correction: { kind: "answer", field: question, before: null, after: review.value },
  };
}
