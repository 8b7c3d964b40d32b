import { describe, expect, it } from "vitest";
import { defaultRuleSet } from "@/lib/rules/default-rules";
import { ruleNameInWords, ruleReferenceInWords, signalInWords } from "@/lib/rules/rule-words";

describe("rules in words", () => {
  it("names the default rules by what they decide, without their ids", () => {
    expect(ruleNameInWords("default.escalate")).toBe("Escalate rule");
    expect(ruleNameInWords("default.filter.no_fit")).toBe("Filter rule (no fit)");
    expect(ruleNameInWords("default.act.low_risk_fit")).toBe("Act rule (low risk fit)");
    expect(ruleNameInWords("no_rule_matched")).toBe("No rule matched");
    for (const rule of defaultRuleSet.rules) {
      const name = ruleNameInWords(rule.id);
      expect(name).not.toContain(".");
      expect(name).not.toContain("_");
      expect(name).not.toContain("default");
    }
  });

  it("reads a custom rule's id as words", () => {
    expect(ruleNameInWords("acme.vipAccounts")).toBe("Acme vip accounts rule");
  });

  it("says the signal a reason matched", () => {
    expect(signalInWords("risk.complaint")).toBe("complaint (risk)");
    expect(signalInWords("volume.monthly_leads")).toBe("monthly leads (volume)");
    expect(signalInWords("missing.email")).toBe("missing email");
    expect(signalInWords("action.create_deal")).toBe("proposed action: create deal");
  });

  it("turns a package reason's reference into one sentence", () => {
    expect(ruleReferenceInWords("default.escalate:risk.complaint")).toBe("Escalate rule, on complaint (risk)");
    expect(ruleReferenceInWords("default.ask.missing_data")).toBe("Ask rule (missing data)");
  });
});
