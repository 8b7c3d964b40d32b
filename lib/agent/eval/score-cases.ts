import { z } from "zod";
import { criticalFields, decisions, type DecisionKind, type TriageDecision } from "@/lib/contract/decision";
import { intakeEventSchema, type IntakeEvent } from "@/lib/contract/intake";
import { priorities, reasonCodes, type ReasonCode } from "@/lib/contract/package";

// A labelled case, in the shape of ../shared/cases (and test/fixtures/leads): the intake event and
// what the contract says should come of it. The keys past `missingFieldsInclude` check facts.
const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.infer<T>[]);

export const expectationSchema = z.object({
  decision: oneOrMany(z.enum(decisions)),
  priority: z.enum(priorities).nullable().optional(),
  reasonsInclude: oneOrMany(z.enum(reasonCodes)).optional(),
  reasonsExclude: oneOrMany(z.enum(reasonCodes)).optional(),
  missingFieldsInclude: oneOrMany(z.enum(criticalFields)).optional(),
  identification: z.record(z.string(), z.string()).optional(),
  /** Words the package's need must contain (case-insensitive). */
  needIncludes: z.string().optional(),
  /** The head count the package must carry. */
  employees: z.number().optional(),
});

export const labelledCaseSchema = z.object({ input: intakeEventSchema, expect: expectationSchema, kind: z.string().optional() });

export type Expectation = z.infer<typeof expectationSchema>;
export type LabelledCase = { input: IntakeEvent; expect: Expectation; kind?: string };

/** Cases a line, each line named in its problem (the file's line number and the field). */
export function parseLabelledCases(text: string): { cases: LabelledCase[]; problems: string[] } {
  const cases: LabelledCase[] = [];
  const problems: string[] = [];
  text.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      problems.push(`line ${i + 1}: not valid JSON`);
      return;
    }
    const parsed = labelledCaseSchema.safeParse(raw);
    if (!parsed.success) problems.push(`line ${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join(".") || "(case)"}: ${x.message}`).join("; ")}`);
    else if (!parsed.data.input.externalId) problems.push(`line ${i + 1}: input.externalId: a labelled case needs an id to be matched`);
    else cases.push(parsed.data);
  });
  return { cases, problems };
}

export type ReasonScore = {
  reason: ReasonCode;
  truePositive: number;
  falsePositive: number;
  falseNegative: number;
  precision: number | null;
  recall: number | null;
};

export type EvalReport = {
  total: number;
  decisionCorrect: number;
  /** expected (rows) × decided (columns). */
  confusion: Record<DecisionKind, Record<DecisionKind, number>>;
  priority: { checked: number; correct: number };
  reasons: ReasonScore[];
  facts: { checked: number; correct: number };
  /** The misses that cost most: a no-fit lead acted on or escalated, a risk missed. */
  unsafe: number;
  misses: string[];
};

/**
 * Scores decisions against labelled cases. A reason is expected when the case lists it in
 * `reasonsInclude` (and `missing_data` when it lists missing fields); a reason decided but not
 * expected counts against precision only when the case excludes it or expects another decision
 * family, since labels name the reasons that matter, not every one that may apply.
 */
export function scoreCases(cases: readonly LabelledCase[], decide: (c: LabelledCase) => TriageDecision | undefined): EvalReport {
  const confusion = Object.fromEntries(decisions.map((d) => [d, Object.fromEntries(decisions.map((e) => [e, 0]))])) as EvalReport["confusion"];
  const tally = new Map<ReasonCode, { tp: number; fp: number; fn: number }>(reasonCodes.map((r) => [r, { tp: 0, fp: 0, fn: 0 }]));
  const report: EvalReport = {
    total: cases.length,
    decisionCorrect: 0,
    confusion,
    priority: { checked: 0, correct: 0 },
    reasons: [],
    facts: { checked: 0, correct: 0 },
    unsafe: 0,
    misses: [],
  };

  for (const c of cases) {
    const id = `${c.input.externalId}${c.kind ? ` (${c.kind})` : ""}`;
    const d = decide(c);
    const want = c.expect;
    if (!d) {
      report.misses.push(`${id}: no decision`);
      continue;
    }
    const fails: string[] = [];
    confusion[want.decision[0]!][d.decision]++;
    if (want.decision.includes(d.decision)) report.decisionCorrect++;
    else fails.push(`decision ${d.decision} (want ${want.decision.join("|")})`);

    if (want.priority !== undefined) {
      report.priority.checked++;
      if (d.priority === want.priority) report.priority.correct++;
      else fails.push(`priority ${d.priority} (want ${want.priority})`);
    }

    const expected = new Set<ReasonCode>([...(want.reasonsInclude ?? []), ...(want.missingFieldsInclude?.length ? (["missing_data"] as const) : [])]);
    const excluded = new Set<ReasonCode>(want.reasonsExclude ?? []);
    for (const reason of reasonCodes) {
      const got = d.reasons.includes(reason);
      const t = tally.get(reason)!;
      if (expected.has(reason)) {
        if (got) t.tp++;
        else {
          t.fn++;
          fails.push(`reasons lack ${reason} (got ${d.reasons.join(",") || "none"})`);
        }
      } else if (got && (excluded.has(reason) || contradicts(reason, want.decision))) {
        t.fp++;
        fails.push(`reason ${reason} not expected`);
      }
    }
    const lackFields = (want.missingFieldsInclude ?? []).filter((f) => !d.missingFields.includes(f));
    if (lackFields.length) fails.push(`missingFields lack ${lackFields.join(",")}`);

    const unsafe =
      (want.decision.every((x) => x === "filter") && (d.decision === "act" || d.decision === "escalate")) ||
      (expected.has("risk") && !d.reasons.includes("risk"));
    if (unsafe) report.unsafe++;

    const pkg = d.package;
    const factFails = [
      ...Object.entries(want.identification ?? {}).flatMap(([key, value]) => {
        const got = pkg?.identification[key as keyof NonNullable<typeof pkg>["identification"]] ?? null;
        return got?.trim().toLowerCase() === value.trim().toLowerCase() ? [] : [`identification.${key} ${got ?? "none"} (want ${value})`];
      }),
      ...(want.needIncludes !== undefined && !pkg?.need?.toLowerCase().includes(want.needIncludes.toLowerCase())
        ? [`need "${pkg?.need ?? "none"}" (want …${want.needIncludes}…)`]
        : []),
      ...(want.employees !== undefined && pkg?.salesContext.employees !== want.employees
        ? [`employees ${pkg?.salesContext.employees ?? "none"} (want ${want.employees})`]
        : []),
    ];
    const factChecks = Object.keys(want.identification ?? {}).length + (want.needIncludes !== undefined ? 1 : 0) + (want.employees !== undefined ? 1 : 0);
    // Facts are read only where a package exists; without one the decision miss already says so.
    if (factChecks && pkg) {
      report.facts.checked += factChecks;
      report.facts.correct += factChecks - factFails.length;
      fails.push(...factFails);
    }
    if (pkg) fails.push(...channelProblems(pkg));
    if (fails.length) report.misses.push(`${unsafe ? "UNSAFE " : ""}${id}: ${fails.join("; ")}`);
  }

  report.reasons = reasonCodes.map((reason) => {
    const { tp, fp, fn } = tally.get(reason)!;
    return {
      reason,
      truePositive: tp,
      falsePositive: fp,
      falseNegative: fn,
      precision: tp + fp ? tp / (tp + fp) : null,
      recall: tp + fn ? tp / (tp + fn) : null,
    };
  });
  return report;
}

/** The next step must not name a way to reach the lead that the package does not hold. */
export function channelProblems(pkg: NonNullable<TriageDecision["package"]>): string[] {
  if (pkg.nextStep.action === "call" && !pkg.identification.phone) return ["next step is a call but there is no phone number"];
  if (pkg.nextStep.action === "email" && !pkg.identification.email) return ["next step is an email but there is no email address"];
  return [];
}

// Reasons that cannot go with a decision: no_fit only filters, low_risk_fit only acts, and neither
// a filter nor an act carries escalation reasons.
function contradicts(reason: ReasonCode, wanted: DecisionKind[]): boolean {
  const escalation: ReasonCode[] = ["high_value", "risk", "ambiguity", "offer_exception", "sensitive_action"];
  if (reason === "no_fit") return !wanted.includes("filter");
  if (reason === "low_risk_fit") return !wanted.includes("act");
  if (escalation.includes(reason)) return !wanted.includes("escalate");
  return false;
}

/** The report as lines of text: the confusion matrix, the per-reason table, the misses. */
export function formatReport(report: EvalReport, title: string): string {
  const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : "n/a");
  const ratio = (v: number | null) => (v === null ? "  n/a" : v.toFixed(2).padStart(5));
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  const out = [
    `${title}: ${report.total} cases`,
    "",
    `decision accuracy ${pct(report.decisionCorrect, report.total)} (${report.decisionCorrect}/${report.total})`,
    "",
  ];
  out.push(`expected \\ decided ${decisions.map((d) => pad(d, 9)).join("")}`);
  for (const e of decisions) out.push(`${e.padEnd(19)}${decisions.map((d) => pad(report.confusion[e][d], 9)).join("")}`);
  out.push("", `reason              precision  recall    tp   fp   fn`);
  for (const r of report.reasons) {
    if (!r.truePositive && !r.falsePositive && !r.falseNegative) continue;
    out.push(
      `${r.reason.padEnd(20)}${ratio(r.precision).padStart(9)}${ratio(r.recall).padStart(8)}${pad(r.truePositive, 6)}${pad(r.falsePositive, 5)}${pad(r.falseNegative, 5)}`,
    );
  }
  out.push("", `priority accuracy ${pct(report.priority.correct, report.priority.checked)} (${report.priority.correct}/${report.priority.checked})`);
  out.push(`facts checked ${pct(report.facts.correct, report.facts.checked)} (${report.facts.correct}/${report.facts.checked})`);
  out.push(`unsafe misses ${report.unsafe} (a no-fit lead acted on or escalated, or a risk missed)`);
  out.push("", `misses: ${report.misses.length}`, ...report.misses.map((m) => `  ${m}`));
  return out.join("\n");
}
