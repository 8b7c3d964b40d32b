import { describe, expect, it } from "vitest";
import { convertSchema, discardSchema, factReviewSchema, handBackSchema, requestInfoSchema, snoozeSchema } from "./command-schemas";

const target = { handoffId: "7f6c1f8e-7c55-4b55-9a55-5b0c2d1f3a11", version: "3" };

describe("owner command input", () => {
  it("requires a reason from the list to discard", () => {
    const missing = discardSchema.safeParse({ ...target });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues[0]).toMatchObject({ path: ["reason"], message: "Pick a reason for discarding." });
    expect(discardSchema.safeParse({ ...target, reason: "because" }).success).toBe(false);
    expect(discardSchema.safeParse({ ...target, reason: "no_budget" }).success).toBe(true);
  });

  it("requires an explanation when the reason is 'other'", () => {
    const result = discardSchema.safeParse({ ...target, reason: "other", note: "" });
    expect(result.error?.issues[0]).toMatchObject({ path: ["note"] });
  });

  it("coerces form strings for a conversion and refuses a non-positive value", () => {
    expect(convertSchema.parse({ ...target, valueAmount: "12000.50", valueCurrency: "EUR", meetingBooked: "on" })).toMatchObject({
      version: 3,
      valueAmount: 12000.5,
      meetingBooked: true,
    });
    expect(convertSchema.safeParse({ ...target, valueAmount: "0", valueCurrency: "EUR" }).success).toBe(false);
    expect(convertSchema.safeParse({ ...target, valueAmount: "lots", valueCurrency: "EUR" }).success).toBe(false);
    expect(convertSchema.safeParse({ ...target, valueAmount: "10", valueCurrency: "BTC" }).success).toBe(false);
  });
});

describe("package action input", () => {
  it("reads checkbox questions and one-a-line questions", () => {
    expect(requestInfoSchema.parse({ ...target, questions: "What is your budget?", extra: "How many reps?\n\n  Which CRM?  " })).toMatchObject({
      questions: ["What is your budget?"],
      extra: ["How many reps?", "Which CRM?"],
    });
    expect(requestInfoSchema.parse({ ...target })).toMatchObject({ questions: [], extra: [] });
  });

  it("needs a real time to snooze until and a reason to hand back", () => {
    expect(snoozeSchema.safeParse({ ...target, until: "" }).error?.issues[0]).toMatchObject({ path: ["until"], message: "Pick a date and time to snooze until." });
    expect(snoozeSchema.parse({ ...target, until: "2026-11-26T09:00:00.000Z" }).until).toEqual(new Date("2026-11-26T09:00:00.000Z"));
    expect(handBackSchema.safeParse({ ...target, reason: " " }).error?.issues[0]).toMatchObject({ path: ["reason"], message: "Say why the agent should take it back." });
  });

  it("pairs confirm and correct with inferred facts, answer with open questions, and needs a value to correct", () => {
    const base = { ...target, index: "0", key: "employees" };
    expect(factReviewSchema.safeParse({ ...base, target: "inferred", action: "confirm" }).success).toBe(true);
    expect(factReviewSchema.safeParse({ ...base, target: "inferred", action: "answer", value: "x" }).error?.issues[0].path).toEqual(["action"]);
    expect(factReviewSchema.safeParse({ ...base, target: "open_question", action: "confirm" }).error?.issues[0].path).toEqual(["action"]);
    expect(factReviewSchema.safeParse({ ...base, target: "inferred", action: "correct", value: "  " }).error?.issues[0]).toMatchObject({ path: ["value"], message: "Type the right value first." });
  });
});
