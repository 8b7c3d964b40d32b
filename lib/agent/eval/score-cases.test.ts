import { describe, expect, it } from "vitest";
import type { TriageDecision } from "@/lib/contract/decision";
import { parseLabelledCases, scoreCases, type LabelledCase } from "./score-cases";

const line = (id: string, expect: Record<string, unknown>) =>
  JSON.stringify({ input: { externalId: id, channel: "form", receivedAt: "2026-11-24T08:30:00Z" }, expect });
const decision = (id: string, d: Partial<TriageDecision>): TriageDecision => ({
  externalId: id,
  decision: "ask",
  priority: "nurture",
  reasons: ["missing_data"],
  missingFields: [],
  questions: [],
  actions: [],
  package: null,
  ...d,
});

describe("scoreCases", () => {
  const { cases, problems } = parseLabelledCases(
    [
      line("a", { decision: "filter", priority: null, reasonsInclude: ["no_fit"] }),
      line("b", { decision: "escalate", priority: "immediate", reasonsInclude: ["risk"] }),
      line("c", { decision: ["act"], reasonsInclude: "low_risk_fit" }),
    ].join("\n"),
  );
  const decided: Record<string, TriageDecision> = {
    a: decision("a", { decision: "act", priority: null, reasons: ["low_risk_fit"] }),
    b: decision("b", { decision: "escalate", priority: "immediate", reasons: ["risk"] }),
    c: decision("c", { decision: "act", priority: null, reasons: ["low_risk_fit"] }),
  };
  const report = scoreCases(cases, (c: LabelledCase) => decided[c.input.externalId!]);

  it("counts decisions into the confusion matrix and flags a no-fit lead acted on as unsafe", () => {
    expect(problems).toEqual([]);
    expect(report.decisionCorrect).toBe(2);
    expect(report.confusion.filter.act).toBe(1);
    expect(report.confusion.escalate.escalate).toBe(1);
    expect(report.unsafe).toBe(1);
    expect(report.misses).toHaveLength(1);
    expect(report.misses[0]).toMatch(/^UNSAFE a: decision act \(want filter\)/);
  });

  it("scores precision and recall per reason", () => {
    const lowRisk = report.reasons.find((r) => r.reason === "low_risk_fit")!;
    expect(lowRisk).toMatchObject({ truePositive: 1, falsePositive: 1, falseNegative: 0, precision: 0.5, recall: 1 });
    expect(report.reasons.find((r) => r.reason === "no_fit")).toMatchObject({ truePositive: 0, falseNegative: 1, recall: 0 });
    expect(report.priority).toEqual({ checked: 2, correct: 2 });
  });

  it("names the line and field of a bad case", () => {
    const bad = parseLabelledCases(`${line("x", { decision: "maybe" })}\nnot json`);
    expect(bad.cases).toEqual([]);
    expect(bad.problems[0]).toMatch(/^line 1: expect\.decision/);
    expect(bad.problems[1]).toBe("line 2: not valid JSON");
  });
});
