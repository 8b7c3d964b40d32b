import { describe, expect, it } from "vitest";
import type { HandoffPackage } from "@/lib/contract/package";
import { applyFactReview } from "./review-fact";
import { snoozeProblem } from "./snooze";

function pkg(): HandoffPackage {
  return {
    facts: {
      confirmed: [{ field: "email", value: "ana@acme.io", fragment: "ana@acme.io" }],
      inferred: [
        { field: "employees", value: "200", basis: "a '200-person team'", fragment: "our 200-person team" },
        { field: "intent", value: "quote", basis: "asks for prices", fragment: null },
      ],
      openQuestions: ["What is your budget?"],
    },
  } as unknown as HandoffPackage;
}

describe("reviewing the agent's facts", () => {
  it("confirms an inferred fact: it moves to confirmed as it was, with the lead's words when there are some", () => {
    const out = applyFactReview(pkg(), { target: "inferred", index: 0, field: "employees", action: "confirm" }, "Dana Reyes");
    expect(out).toMatchObject({ ok: true, correction: { kind: "confirm", field: "employees", before: "200", after: "200" } });
    if (!out.ok) return;
    expect(out.pkg.facts.inferred.map((f) => f.field)).toEqual(["intent"]);
    expect(out.pkg.facts.confirmed.at(-1)).toEqual({ field: "employees", value: "200", fragment: "our 200-person team" });
  });

  it("corrects an inferred fact with the rep's value and says who, when there are no lead words", () => {
    const out = applyFactReview(pkg(), { target: "inferred", index: 1, field: "intent", action: "correct", value: "audit" }, "Dana Reyes");
    expect(out).toMatchObject({ ok: true, correction: { kind: "correct", before: "quote", after: "audit" } });
    if (out.ok) expect(out.pkg.facts.confirmed.at(-1)).toEqual({ field: "intent", value: "audit", fragment: "Corrected by Dana Reyes" });
  });

  it("answers an open question", () => {
    const out = applyFactReview(
      pkg(),
      { target: "open_question", index: 0, question: "What is your budget?", action: "answer", value: "15k EUR" },
      "Dana Reyes",
    );
    expect(out).toMatchObject({ ok: true, correction: { kind: "answer", field: "What is your budget?", before: null, after: "15k EUR" } });
    if (out.ok) expect(out.pkg.facts.openQuestions).toEqual([]);
  });

  it("refuses an item that moved or is gone, and a 'correction' to the same value", () => {
    expect(applyFactReview(pkg(), { target: "inferred", index: 0, field: "intent", action: "confirm" }, "x")).toMatchObject({ ok: false });
    expect(applyFactReview(pkg(), { target: "inferred", index: 5, field: "intent", action: "confirm" }, "x")).toMatchObject({ ok: false });
    expect(applyFactReview(pkg(), { target: "open_question", index: 0, question: "Other?", action: "answer", value: "y" }, "x")).toMatchObject({ ok: false });
    expect(applyFactReview(pkg(), { target: "inferred", index: 0, field: "employees", action: "correct", value: "200" }, "x")).toMatchObject({
      ok: false,
      message: expect.stringContaining("use Confirm"),
    });
  });
});

describe("snooze times", () => {
  const now = new Date("2026-11-25T10:00:00Z");
  it("takes a time in the future, up to 90 days", () => {
    expect(snoozeProblem(new Date("2026-11-26T09:00:00Z"), now)).toBeNull();
    expect(snoozeProblem(new Date("2026-11-25T09:00:00Z"), now)).toBe("Pick a time in the future.");
    expect(snoozeProblem(new Date("2027-06-01T09:00:00Z"), now)).toBe("Snooze for at most 90 days.");
  });
});
