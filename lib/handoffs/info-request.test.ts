import { describe, expect, it } from "vitest";
import type { HandoffPackage } from "@/lib/contract/package";
import { applyLeadAnswer, collectQuestions, markAnsweredByRep, type InfoRequest } from "./info-request";
import { chatLineFor, infoRequestEmail } from "./info-request-messages";

const open = ["What is your budget?", "When do you want to start?"];

function pkg(): HandoffPackage {
  return { facts: { confirmed: [], inferred: [], openQuestions: [...open] } } as unknown as HandoffPackage;
}

function request(texts: string[]): InfoRequest {
  return {
    id: "5a0d4c3e-8d7f-4a39-9d53-0f5f4f7b9a11",
    channel: "chat",
    requestedById: "rep-1",
    requestedByName: "Dana Reyes",
    requestedAt: "2026-11-25T10:00:00Z",
    approvalRequestId: null,
    questions: texts.map((text) => ({ text, openQuestion: open.includes(text), answer: null, messageId: null, answeredAt: null })),
  };
}

describe("collecting the owner's questions", () => {
  it("keeps picked open questions and own questions, once each, in order", () => {
    expect(collectQuestions([open[1]!], ["  How many reps?  ", "how many reps?", "", open[1]!], open)).toEqual({
      ok: true,
      questions: [
        { text: open[1], openQuestion: true },
        { text: "How many reps?", openQuestion: false },
      ],
    });
  });

  it("refuses nothing to ask, a question that is no longer open, and too many", () => {
    expect(collectQuestions([], [" "], open)).toMatchObject({ ok: false, field: "questions" });
    expect(collectQuestions(["Who are you?"], [], open)).toMatchObject({
      ok: false,
      message: expect.stringContaining("no longer one of this package's open questions"),
    });
    expect(
      collectQuestions(
        [],
        Array.from({ length: 9 }, (_, i) => `Q${i}?`),
        open,
      ),
    ).toMatchObject({ ok: false, message: "Ask at most 8 questions at a time." });
  });
});

describe("the lead's answers in chat", () => {
  const at = new Date("2026-11-25T10:05:00Z");

  it("answers the next question in order, moves an open question to the confirmed facts, and closes when all are answered", () => {
    const first = applyLeadAnswer(request([open[0]!, "How many reps?"]), pkg(), { text: "About 20k a year", messageId: "m1", at, declined: false })!;
    expect(first.answered).toMatchObject({ text: open[0], answer: "About 20k a year", messageId: "m1" });
    expect(first.pkg.facts.openQuestions).toEqual([open[1]]);
    expect(first.pkg.facts.confirmed).toEqual([{ field: open[0], value: "About 20k a year", fragment: "About 20k a year" }]);
    expect(first.request?.questions.map((q) => q.answer)).toEqual(["About 20k a year", null]);

    const second = applyLeadAnswer(first.request!, first.pkg, { text: "Twelve", messageId: "m2", at, declined: false })!;
    expect(second.request).toBeNull();
    expect(second.pkg.facts.confirmed.map((f) => f.field)).toEqual([open[0], "How many reps?"]);
  });

  it("lets one message answer several questions, each with its own words, and does not ask those again", () => {
    const asked = [
      "Which CRM and tools do you use today?",
      "Roughly how many inbound leads do you get a month, and how big is the team?",
      "When do you need this in place?",
      "Who signs off on it?",
    ];
    const withOpen = { facts: { confirmed: [], inferred: [], openQuestions: asked.slice(0, 3) } } as unknown as HandoffPackage;
    const applied = applyLeadAnswer(request(asked), withOpen, {
      text: "We use Pipedrive, about 400 leads a month, we need it in 6 weeks",
      messageId: "m1",
      at,
      declined: false,
    })!;
    expect(applied.request?.questions.map((q) => q.answer)).toEqual(["We use Pipedrive", "about 400 leads a month", "we need it in 6 weeks", null]);
    expect(applied.pkg.facts.confirmed).toEqual([
      { field: asked[0], value: "We use Pipedrive", fragment: "We use Pipedrive" },
      { field: asked[1], value: "about 400 leads a month", fragment: "about 400 leads a month" },
      { field: asked[2], value: "we need it in 6 weeks", fragment: "we need it in 6 weeks" },
    ]);
    expect(applied.pkg.facts.openQuestions).toEqual([]);
    // The next question asked is the one still unanswered, not the CRM question again.
    expect(chatLineFor(applied.request, { first: false, ownerName: null })).toBe(`Thanks! And finally: ${asked[3]}`);
  });

  it("records a refusal without confirming anything, and ignores a message it already recorded", () => {
    const declined = applyLeadAnswer(request([open[0]!, open[1]!]), pkg(), { text: "I'd rather not say", messageId: "m1", at, declined: true })!;
    expect(declined.confirmed).toBe(false);
    expect(declined.pkg.facts.openQuestions).toEqual(open);
    expect(applyLeadAnswer(declined.request!, declined.pkg, { text: "I'd rather not say", messageId: "m1", at, declined: true })).toBeNull();
  });

  it("marks a question answered when the rep answers it on the page", () => {
    expect(markAnsweredByRep(request([open[0]!]), open[0]!, "20k", at)).toBeNull();
    expect(markAnsweredByRep(request([open[0]!, open[1]!]), open[0]!, "20k", at)?.questions[0]).toMatchObject({ answer: "20k" });
    expect(markAnsweredByRep(null, open[0]!, "20k", at)).toBeNull();
  });
});

describe("what the agent says", () => {
  it("asks one question at a time in the owner's name, then thanks the lead", () => {
    const r = request([open[0]!, open[1]!]);
    expect(chatLineFor(r, { first: true, ownerName: "Dana Reyes" })).toBe(
      `Dana Reyes from our team has 2 quick questions so they can help you properly. First: ${open[0]}`,
    );
    r.questions[0]!.answer = "20k";
    expect(chatLineFor(r, { first: false, ownerName: "Dana Reyes" })).toBe(`Thanks! And finally: ${open[1]}`);
    expect(chatLineFor(null, { first: false, ownerName: "Dana Reyes" })).toBe("Thank you! I've passed your answers on to Dana Reyes.");
  });

  it("drafts an email listing every question", () => {
    const mail = infoRequestEmail({ leadName: "Ana Ruiz", ownerName: "Dana Reyes", questions: open });
    expect(mail.subject).toBe("A few questions about your request");
    expect(mail.body).toContain("Hi Ana,");
    expect(mail.body).toContain(`1. ${open[0]}\n2. ${open[1]}`);
    expect(mail.body).toContain("Dana Reyes");
  });
});
