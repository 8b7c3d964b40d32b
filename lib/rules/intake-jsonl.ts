import { expectationSchema } from "@/lib/agent/eval/score-cases";
import { describeIntakeErrors, intakeEventSchema } from "@/lib/contract/intake";
import type { SimulatedIntake } from "@/lib/rules/simulate";

export const MAX_SIMULATION_INTAKES = 10_000;

/**
 * An uploaded JSONL of intake events, one a line: a bare event, or a test case `{ "input": event, … }`
 * (the shape of the triage case files), whose `expect` is kept. Every line that is not an event is
 * named with its problem.
 */
export function parseIntakeJsonl(text: string): { intakes: SimulatedIntake[]; problems: string[] } {
  const intakes: SimulatedIntake[] = [];
  const problems: string[] = [];
  text.split("\n").forEach((line, index) => {
    if (!line.trim()) return;
    const where = `line ${index + 1}`;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      problems.push(`${where}: not valid JSON`);
      return;
    }
    const labelled = isRecord(raw) && isRecord(raw.input) && !("channel" in raw) ? raw : null;
    const candidate = labelled ? labelled.input : raw;
    const parsed = intakeEventSchema.safeParse(candidate);
    // A labelled case's `expect` (the shape of the triage case files) lets the simulation score both rule sets.
    const expected = labelled && "expect" in labelled ? expectationSchema.safeParse(labelled.expect) : null;
    if (!parsed.success) problems.push(`${where}: ${describeIntakeErrors(parsed.error).join("; ")}`);
    else if (expected && !expected.success)
      problems.push(`${where}: ${expected.error.issues.map((i) => `expect.${i.path.join(".")}: ${i.message}`).join("; ")}`);
    else intakes.push({ id: where, event: parsed.data, ...(expected ? { expect: expected.data } : {}) });
  });
  if (intakes.length > MAX_SIMULATION_INTAKES)
    problems.push(`the file has ${intakes.length} events; at most ${MAX_SIMULATION_INTAKES.toLocaleString("en")} are simulated at once`);
  return { intakes, problems };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
