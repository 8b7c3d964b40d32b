import { describe, expect, it } from "vitest";
import { convertSchema, discardSchema } from "./command-schemas";

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
