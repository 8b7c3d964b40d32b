import { describe, expect, it } from "vitest";
import { intakeEventSchema } from "@/lib/contract/intake";
import { compileRuleSet } from "./compile";
import { defaultRuleSet } from "./default-rules";
import { parseIntakeJsonl } from "./intake-jsonl";
import { simulateRuleChange } from "./simulate";

const event = (id: string, fields: Record<string, string>) =>
  intakeEventSchema.parse({ externalId: id, channel: "form", receivedAt: "2026-11-10T09:00:00Z", fields });

const midVolume = event("mid", {
  firstname: "Ana",
  email: "ana@northwind-logistics.com",
  company: "Northwind Logistics",
  monthly_leads: "200",
  message: "About 200 inbound leads a month; we want to automate lead qualification before our sales team calls them.",
});
const smallFit = event("small", {
  firstname: "Leo",
  email: "leo@tinyshop.io",
  company: "Tiny Shop",
  monthly_leads: "20",
  message: "Around 20 inbound leads a month; we want to automate lead qualification for our sales team.",
});
const spam = event("spam", { email: "win@casino-prize.biz", message: "Click here now, casino winner prize, buy now!" });

const active = compileRuleSet(defaultRuleSet, 1);
const withThreshold = (monthlyLeads: number) => {
  const rules = structuredClone(defaultRuleSet);
  rules.thresholds.monthlyLeads = monthlyLeads;
  return compileRuleSet(rules, 0);
};

describe("simulating a rule change", () => {
  const intakes = [midVolume, smallFit, spam].map((e) => ({ id: e.externalId!, event: e, handoffId: null }));

  it("reports nothing moved when the candidate equals the active rule set", () => {
    const result = simulateRuleChange({ intakes, active, candidate: compileRuleSet(defaultRuleSet, 0) });
    expect(result.total).toBe(3);
    expect(result.movedCount).toBe(0);
    expect(result.before).toEqual(result.after);
  });

  it("moves a fit lead above a lowered volume threshold from act to escalate, naming the reason it gained", () => {
    const result = simulateRuleChange({ intakes, active, candidate: withThreshold(100) });
    expect(result.movedCount).toBe(1);
    expect(result.moved[0]).toMatchObject({
      id: "mid",
      label: "Ana (Northwind Logistics)",
      from: { decision: "act", priority: null, ruleId: "default.act.low_risk_fit" },
      to: { decision: "escalate", priority: "normal", ruleId: "default.escalate", reasons: ["high_value"] },
    });
    expect(result.before.decisions).toMatchObject({ act: 2, escalate: 0, filter: 1 });
    expect(result.after.decisions).toMatchObject({ act: 1, escalate: 1, filter: 1 });
    expect(result.after.priorities).toMatchObject({ normal: 1, none: 2 });
    expect(result.byReason).toEqual(
      expect.arrayContaining([
        { reason: "high_value", gained: 1, lost: 0 },
        { reason: "low_risk_fit", gained: 0, lost: 1 },
      ]),
    );
    expect(result.byTransition).toEqual([{ from: "act", to: "escalate · normal", count: 1 }]);
  });

  it("caps the list of moved leads but still counts them all", () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ id: `mid-${i}`, event: midVolume }));
    const result = simulateRuleChange({ intakes: many, active, candidate: withThreshold(100), maxMoved: 2 });
    expect(result.movedCount).toBe(5);
    expect(result.moved).toHaveLength(2);
  });
});

describe("simulating against labelled cases", () => {
  it("scores both rule sets per reason when the intakes carry labels", () => {
    const labelled = parseIntakeJsonl(
      [
        JSON.stringify({ input: midVolume, expect: { decision: "escalate", priority: "normal", reasonsInclude: ["high_value"] } }),
        JSON.stringify({ input: smallFit, expect: { decision: "act", reasonsInclude: ["low_risk_fit"] } }),
        JSON.stringify({ input: spam, expect: { decision: "filter", reasonsInclude: ["no_fit"] } }),
      ].join("\n"),
    );
    expect(labelled.problems).toEqual([]);
    const result = simulateRuleChange({ intakes: labelled.intakes, active, candidate: withThreshold(100) });
    expect(result.labelled).toMatchObject({ cases: 3, before: { decisionCorrect: 2 }, after: { decisionCorrect: 3 } });
    const highValue = (s: NonNullable<typeof result.labelled>["before"]) => s.reasons.find((r) => r.reason === "high_value");
    expect(highValue(result.labelled!.before)).toMatchObject({ truePositive: 0, falseNegative: 1, recall: 0 });
    expect(highValue(result.labelled!.after)).toMatchObject({ truePositive: 1, falseNegative: 0, recall: 1, precision: 1 });
    expect(simulateRuleChange({ intakes: [{ id: "x", event: spam }], active, candidate: active }).labelled).toBeNull();
  });

  it("names a line whose label is not one", () => {
    const { problems } = parseIntakeJsonl(JSON.stringify({ input: spam, expect: { decision: "maybe" } }));
    expect(problems[0]).toMatch(/^line 1: expect\.decision/);
  });
});

describe("reading an uploaded JSONL of intake events", () => {
  it("accepts bare events and test cases, and names each bad line", () => {
    const text = [
      JSON.stringify(midVolume),
      JSON.stringify({ input: smallFit, expected: {} }),
      "",
      "{oops",
      JSON.stringify({ channel: "fax", receivedAt: "now" }),
    ].join("\n");
    const { intakes, problems } = parseIntakeJsonl(text);
    expect(intakes.map((i) => i.id)).toEqual(["line 1", "line 2"]);
    expect(problems[0]).toBe("line 4: not valid JSON");
    expect(problems[1]).toMatch(/^line 5: channel: must be one of/);
  });
});
