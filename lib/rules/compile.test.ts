import { describe, expect, it } from "vitest";
import { compileRuleSet, luhnValid, RuleSetError, sentenceAround, validateRuleSet } from "./compile";
import { defaultRuleSet } from "./default-rules";

const clone = () => structuredClone(defaultRuleSet);

describe("compiling a rule set", () => {
  it("compiles the shipped default", () => {
    const compiled = compileRuleSet(defaultRuleSet, 1);
    expect(compiled.version).toBe(1);
    expect(compiled.ruleSet.rules.map((r) => r.decision)).toEqual(["filter", "escalate", "ask", "act", "ask"]);
  });

  it("refuses a condition naming something that does not exist, saying where", () => {
    const rules = clone();
    rules.rules[1]!.when = { any: ["risk", "hihgValue"] };
    const result = validateRuleSet(rules);
    expect(result).toEqual({ ok: false, problems: ['rules.1 (default.escalate).when: unknown feature or signal "hihgValue"'] });
  });

  it("refuses a pattern that is not a regular expression", () => {
    const rules = clone();
    rules.signals["risk.pricing"]!.patterns = ["(unclosed"];
    expect(() => compileRuleSet(rules, 2)).toThrow(RuleSetError);
    expect(() => compileRuleSet(rules, 2)).toThrow(/signals\.risk\.pricing\.patterns\.0/);
  });

  it("refuses a filter with a priority and an ask that is not nurture", () => {
    const rules = clone();
    rules.rules[0]!.priority = "normal";
    rules.rules[2]!.priority = "immediate";
    const result = validateRuleSet(rules);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toHaveLength(2);
  });

  it("refuses malformed data with the path of the problem", () => {
    expect(validateRuleSet({ name: "x" })).toMatchObject({ ok: false });
    const rules = clone() as Record<string, unknown>;
    rules.thresholds = { employees: "fifty" };
    const result = validateRuleSet(rules);
    expect(!result.ok && result.problems.join(" ")).toMatch(/thresholds/);
  });

  it("says what is wrong with each threshold in a sentence, within a bound a real lead can reach", () => {
    const problemsFor = (thresholds: Record<string, unknown>) => {
      const rules = clone() as Record<string, unknown>;
      rules.thresholds = { ...defaultRuleSet.thresholds, ...thresholds };
      const result = validateRuleSet(rules);
      return result.ok ? [] : result.problems;
    };
    expect(problemsFor({ employees: -1 })).toEqual(["thresholds.employees: The employees threshold cannot be negative."]);
    expect(problemsFor({ monthlyLeads: 12.5 })).toEqual(["thresholds.monthlyLeads: The leads-a-month threshold must be a whole number."]);
    expect(problemsFor({ urgentDays: 9_007_199_254_740_991 })).toEqual(["thresholds.urgentDays: The urgency threshold (days) can be at most 365."]);
    expect(problemsFor({ monthlyLeads: 90_071_992_547_409_910 })).toEqual(["thresholds.monthlyLeads: The leads-a-month threshold can be at most 10,000,000."]);
    expect(problemsFor({ budget: 5_000_000_000 })).toEqual(["thresholds.budget: The budget threshold can be at most 1,000,000,000."]);
    expect(problemsFor({ employees: undefined })).toEqual(["thresholds.employees: The employees threshold needs a whole number from 0 to 1,000,000."]);
    expect(problemsFor({ budget: "lots" })).toEqual(["thresholds.budget: The budget threshold needs a number from 0 to 1,000,000,000."]);
    expect(problemsFor({ budgetCurrencies: [] })).toEqual(["thresholds.budgetCurrencies: Name at least one budget currency, such as EUR."]);
    expect(problemsFor({ budgetCurrencies: ["EURO"] })).toEqual(["thresholds.budgetCurrencies.0: A currency is a three-letter code such as EUR or USD."]);
    expect(problemsFor({ budget: 12_500.5, urgentDays: 0 })).toEqual([]);
  });
});

describe("signal detection", () => {
  const compiled = compileRuleSet(defaultRuleSet, 1);

  it("quotes the sentence a signal was found in", () => {
    const [match] = compiled
      .detectSignals({ text: "We love the demo. Can you give us a 20% discount? Thanks.", email: null })
      .filter((s) => s.family === "risk");
    expect(match).toMatchObject({ id: "risk.pricing", fragment: "Can you give us a 20% discount?" });
  });

  it("treats a digit run as a card number only when its check digit is right", () => {
    expect(luhnValid("4111111111111111")).toBe(true);
    const card = compiled.detectSignals({ text: "card 4111 1111 1111 1111 please", email: null });
    const order = compiled.detectSignals({ text: "order 1234 5678 9012 3456 shipped", email: null });
    expect(card.map((s) => s.id)).toContain("risk.sensitive_data");
    expect(order.map((s) => s.id)).not.toContain("risk.sensitive_data");
  });

  it("matches email-targeted signals against the address only", () => {
    expect(compiled.detectSignals({ text: "student", email: "ana@student.uni.ac.at" }).map((s) => s.id)).toContain("noFit.student_email");
    expect(compiled.detectSignals({ text: "ana@student.uni.ac.at", email: "ana@acme.io" }).map((s) => s.id)).not.toContain("noFit.student_email");
  });

  it("keeps long evidence readable", () => {
    const long = "word ".repeat(200) + "discount " + "word ".repeat(200);
    expect(sentenceAround(long, long.indexOf("discount"), 8).length).toBeLessThanOrEqual(210);
  });
});

describe("rule ids", () => {
  it("refuses two rules with the same id, naming the second", () => {
    const rules = structuredClone(defaultRuleSet);
    rules.rules[3]!.id = rules.rules[2]!.id;
    expect(validateRuleSet(rules)).toEqual({
      ok: false,
      problems: ['rules.3 (default.ask.missing_data).id: another rule already has the id "default.ask.missing_data"'],
    });
  });
});

describe("derived features", () => {
  it("are evaluated after the features they name, whatever order they are stored in (jsonb sorts keys)", () => {
    const rules = structuredClone(defaultRuleSet);
    const { highValue, fit, ...rest } = rules.features!;
    rules.features = { highValue, ...rest, fit };
    const compiled = compileRuleSet(rules, 2);
    const derived = compiled.deriveFeatures({
      business: { value: true, evidence: [] },
      scope: { value: true, evidence: [] },
      volume: { value: true, evidence: [] },
    });
    expect(derived.highValue!.value).toBe(true);
  });

  it("refuses a feature that depends on itself", () => {
    const rules = structuredClone(defaultRuleSet);
    rules.features = { ...rules.features, loopA: { all: ["loopB"] }, loopB: { any: ["loopA", "risk"] } };
    const result = validateRuleSet(rules);
    expect(!result.ok && result.problems).toContain("features.loopA: depends on itself (loopA → loopB → loopA)");
  });
});

describe("counting conditions (at least N of)", () => {
  const yes = { value: true, evidence: [{ source: "x", fragment: "x" }] };
  it("holds when at least N of its conditions do, with their evidence", () => {
    const rules = structuredClone(defaultRuleSet);
    rules.features = { ...rules.features, twoOfThree: { atLeast: 2, of: ["risk", "scope", "volume"] } };
    const compiled = compileRuleSet(rules, 2);
    expect(compiled.deriveFeatures({ risk: yes, volume: yes }).twoOfThree).toEqual({ value: true, evidence: [yes.evidence[0], yes.evidence[0]] });
    expect(compiled.deriveFeatures({ risk: yes }).twoOfThree!.value).toBe(false);
  });

  it("refuses a count larger than its list and names inside it that do not exist", () => {
    const rules = structuredClone(defaultRuleSet);
    rules.features = { ...rules.features, never: { atLeast: 3, of: ["risk", "nosuch"] } };
    const result = validateRuleSet(rules);
    expect(!result.ok && result.problems).toEqual(
      expect.arrayContaining(["features.never: at least 3 of 2 conditions can never hold", 'features.never: unknown feature or signal "nosuch"']),
    );
  });
});

describe("keyword lists per language", () => {
  it("names a broken pattern by its language list", () => {
    const rules = structuredClone(defaultRuleSet);
    rules.signals["risk.pricing"]!.languages = { ...rules.signals["risk.pricing"]!.languages, es: ["\\bdescuento\\b", "(sin cerrar"] };
    const result = validateRuleSet(rules);
    expect(!result.ok && result.problems[0]).toMatch(/^signals\.risk\.pricing\.languages\.es\.1: /);
  });

  it("still reads a signal stored with a single list (rule sets saved before the lists per language)", () => {
    const rules = structuredClone(defaultRuleSet);
    rules.signals["risk.pricing"] = { label: "pricing", patterns: ["\\bdescuentos?\\b", "\\bdiscounts?\\b"] };
    const compiled = compileRuleSet(rules, 1);
    expect(compiled.detectSignals({ text: "¿Hay descuento?", email: null }).map((s) => s.id)).toContain("risk.pricing");
  });

  it("matches every list whatever the lead's language, and refuses a signal with no pattern at all", () => {
    const compiled = compileRuleSet(defaultRuleSet, 1);
    expect(compiled.detectSignals({ text: "We need a descuento please", email: null }).map((s) => s.id)).toContain("risk.pricing");
    const rules = structuredClone(defaultRuleSet);
    rules.signals["risk.pricing"] = { label: "pricing", patterns: [], languages: { en: [], es: [] } };
    expect(validateRuleSet(rules)).toEqual({ ok: false, problems: ["signals.risk.pricing.patterns: give the signal at least one pattern"] });
  });
});
