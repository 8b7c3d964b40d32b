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

  it("reads the deal value with the separators people type, by the browser's locale when it is ambiguous", () => {
    const amount = (valueAmount: string, locale?: string) => convertSchema.parse({ ...target, valueAmount, valueCurrency: "EUR", locale }).valueAmount;
    expect(amount("12,000.50")).toBe(12000.5);
    expect(amount("12.000,50", "es-ES")).toBe(12000.5);
    expect(amount("12.000", "es-ES")).toBe(12000);
    expect(amount("1,234", "en-US")).toBe(1234);
    expect(amount("1,234", "es")).toBe(1.234);
    expect(convertSchema.parse({ ...target, valueAmount: 4500, valueCurrency: "EUR" }).valueAmount).toBe(4500);
  });

  it("says the deal value is required when it is empty, and asks for a number when it is not one", () => {
    const issue = (valueAmount: string) => convertSchema.safeParse({ ...target, valueAmount, valueCurrency: "EUR" }).error?.issues[0];
    expect(issue("")).toMatchObject({ path: ["valueAmount"], message: "The deal value is required." });
    expect(issue("  ")).toMatchObject({ path: ["valueAmount"], message: "The deal value is required." });
    expect(issue("twelve grand")).toMatchObject({ path: ["valueAmount"], message: "Enter the deal value as a number, e.g. 12,000.50." });
    expect(issue("-5")).toMatchObject({ path: ["valueAmount"], message: "The value must be more than zero." });
  });
});

describe("a fact correction", () => {
  it("is held to the type of the fact it corrects, with the fact named in the error", () => {
    const correct = (key: string, value: string) => factReviewSchema.safeParse({ ...target, target: "inferred", index: "0", key, action: "correct", value });
    const refused = correct("website", "<img src=x onerror=alert(1)>kranich.example");
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]).toMatchObject({ path: ["value"], message: expect.stringMatching(/^Website must be a domain or web address/) });
    expect(correct("website", "kranich.example").data).toMatchObject({ key: "website", value: "kranich.example" });
    expect(correct("employees", "1,200").data).toMatchObject({ value: "1200" });
    // An open question's answer is free text.
    expect(
      factReviewSchema.safeParse({ ...target, target: "open_question", index: "0", key: "What is your budget?", action: "answer", value: "About 20k, maybe" })
        .success,
    ).toBe(true);
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
    expect(snoozeSchema.safeParse({ ...target, until: "" }).error?.issues[0]).toMatchObject({
      path: ["until"],
      message: "Pick a date and time to snooze until.",
    });
    expect(snoozeSchema.parse({ ...target, until: "2026-11-26T09:00:00.000Z" }).until).toEqual(new Date("2026-11-26T09:00:00.000Z"));
    expect(handBackSchema.safeParse({ ...target, reason: " " }).error?.issues[0]).toMatchObject({
      path: ["reason"],
      message: "Say why the agent should take it back.",
    });
  });

  it("pairs confirm and correct with inferred facts, answer with open questions, and needs a value to correct", () => {
    const base = { ...target, index: "0", key: "employees" };
    expect(factReviewSchema.safeParse({ ...base, target: "inferred", action: "confirm" }).success).toBe(true);
    expect(factReviewSchema.safeParse({ ...base, target: "inferred", action: "answer", value: "x" }).error?.issues[0]!.path).toEqual(["action"]);
    expect(factReviewSchema.safeParse({ ...base, target: "open_question", action: "confirm" }).error?.issues[0]!.path).toEqual(["action"]);
    expect(factReviewSchema.safeParse({ ...base, target: "inferred", action: "correct", value: "  " }).error?.issues[0]).toMatchObject({
      path: ["value"],
      message: "Type the right value first.",
    });
  });
});
