import { describe, expect, it } from "vitest";
import { validateRuleSet } from "./compile";
import { defaultRuleSet } from "./default-rules";
import { problemsByPath, problemsUnder } from "./problems";

describe("grouping rule set problems by the field they belong to", () => {
  it("puts each problem under the path of its field", () => {
    const rules = structuredClone(defaultRuleSet) as Record<string, unknown> & typeof defaultRuleSet;
    rules.rules[1]!.when = { any: ["risk", "hihgValue"] };
    (rules.thresholds as Record<string, unknown>).monthlyLeads = -5;
    rules.signals["risk.pricing"]!.patterns = ["(unclosed"];
    const result = validateRuleSet(rules);
    expect(result.ok).toBe(false);
    const grouped = problemsByPath(result.ok ? [] : result.problems);
    expect(grouped["thresholds.monthlyLeads"]?.[0]).toBe("The leads-a-month threshold cannot be negative.");
    // Schema problems stop compilation: the condition and pattern problems appear once the threshold is fixed.
    (rules.thresholds as Record<string, unknown>).monthlyLeads = 5;
    const second = validateRuleSet(rules);
    const regrouped = problemsByPath(second.ok ? [] : second.problems);
    expect(regrouped["rules.1.when"]).toEqual(['unknown feature or signal "hihgValue"']);
    expect(problemsUnder(regrouped, "signals.risk.pricing")).toHaveLength(1);
    expect(problemsUnder(regrouped, "rules.1")).toHaveLength(1);
  });

  it("keeps a problem without a path whole", () => {
    expect(problemsByPath(["Invalid input"])).toEqual({ "": ["Invalid input"] });
  });
});
