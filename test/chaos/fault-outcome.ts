/**
 * What one fault scenario found: how many records it expected to reach their destination exactly
 * once, how many never arrived and how many arrived more than once. Survived: none lost, none
 * doubled, and the scenario's own recovery check held (`problems` says which did not).
 */
export type FaultOutcome = {
  fault: string;
  records: number;
  lost: number;
  duplicated: number;
  problems: string[];
  seconds: number;
  /** Figures worth keeping in a record (requests retried, time down, …). */
  details: Record<string, unknown>;
};

export const survived = (outcome: FaultOutcome) => outcome.lost === 0 && outcome.duplicated === 0 && outcome.problems.length === 0;

export type Log = (line: string) => void;

/** Lost and duplicated against "exactly once": `counts` is how many times each expected record arrived. */
export function exactlyOnce(counts: number[]): { lost: number; duplicated: number } {
  return { lost: counts.filter((n) => n === 0).length, duplicated: counts.reduce((sum, n) => sum + Math.max(0, n - 1), 0) };
}
