import { describe, expect, it } from "vitest";
import { precisionByRule } from "./rule-precision";

const row = (rule: string, ruleVersion: number, good: number, bad: number) => ({
  rule,
  ruleVersion,
  produced: good + bad + 1,
  accepted: good,
  converted: 0,
  discarded: bad,
  flagged: 0,
  good,
  bad,
  precision: null,
});

describe("precision per rule across versions", () => {
  it("sums good and bad over every version of a rule", () => {
    expect(precisionByRule([row("default.escalate", 1, 3, 1), row("default.escalate", 2, 1, 3), row("other", 2, 0, 0)])).toEqual({
      "default.escalate": { produced: 10, good: 4, bad: 4, precision: 0.5 },
      other: { produced: 1, good: 0, bad: 0, precision: null },
    });
  });
});
