import { describe, expect, it } from "vitest";
import { intakeEventSchema } from "@/lib/contract/intake";
import { checkSummaryGrounding } from "./summary-grounding";

const event = intakeEventSchema.parse({
  channel: "chat",
  receivedAt: "2026-11-24T08:30:00Z",
  source: { pageName: "Sales audit" },
  contact: { name: "Marta Vidal", email: "marta@quanta-logistics.com" },
  messages: [
    { from: "agent", text: "Hi, I'm Baxter from Northwind. How many leads do you get?" },
    { from: "lead", text: "About 900 a month at Quanta Logistics, and the budget is 20,000 EUR." },
  ],
});
const lines = (...extra: string[]) =>
  [
    "Marta Vidal came in through the Sales audit page.",
    "She gets about 900 leads a month.",
    "Budget: 20,000 EUR.",
    "Email: marta@quanta-logistics.com.",
    ...extra,
  ].join("\n");

describe("the grounding check for a summary written by a model", () => {
  it("accepts 5 to 8 lines whose names, numbers and emails are all in the input, tidying blank lines", () => {
    expect(checkSummaryGrounding(lines("Works at Quanta Logistics."), event)).toEqual({ ok: true, summary: lines("Works at Quanta Logistics.") });
    expect(checkSummaryGrounding(`\n${lines("Works at   Quanta Logistics.  ")}\n\n`, event)).toEqual({
      ok: true,
      summary: lines("Works at Quanta Logistics."),
    });
    expect(checkSummaryGrounding(lines("A budget of 20000 EUR is set.", "x", "y", "z"), event)).toMatchObject({ ok: true });
  });

  it("refuses the wrong length", () => {
    expect(checkSummaryGrounding(lines(), event)).toEqual({ ok: false, reason: "4 lines (a summary has 5 to 8)" });
    expect(checkSummaryGrounding(lines("a", "b", "c", "d", "e"), event)).toMatchObject({ ok: false, reason: "9 lines (a summary has 5 to 8)" });
  });

  it("refuses numbers, emails and names the lead never gave, including the agent's own words", () => {
    expect(checkSummaryGrounding(lines("The team is 2 people."), event)).toEqual({ ok: false, reason: "a number not in the input: 2" });
    expect(checkSummaryGrounding(lines("Copy marta@quanta.com on it."), event)).toEqual({
      ok: false,
      reason: "an email address not in the input: marta@quanta.com",
    });
    expect(checkSummaryGrounding(lines("She spoke to Baxter."), event)).toEqual({ ok: false, reason: "a name not in the input: Baxter" });
    expect(checkSummaryGrounding(lines("She compares us with (Northwind)."), event)).toEqual({ ok: false, reason: "a name not in the input: Northwind" });
  });
});
