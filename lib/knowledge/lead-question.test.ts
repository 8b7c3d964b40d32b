import { describe, expect, it } from "vitest";
import { criticalQuestion } from "@/lib/agent/questions";
import type { HandoffPackage } from "@/lib/contract/package";
import { leadQuestion, openQuestionLine, replyWithKnowledge, withOpenQuestions } from "@/lib/knowledge/lead-question";

describe("leadQuestion", () => {
  it("finds the question in a message, in either language", () => {
    expect(leadQuestion("Hi, we're Acme. Do you integrate with Salesforce?")).toBe("Do you integrate with Salesforce?");
    expect(leadQuestion("Somos Acme. ¿Trabajáis con HubSpot?")).toBe("¿Trabajáis con HubSpot?");
    expect(leadQuestion("what languages do you support")).toBe("what languages do you support");
  });
  it("ignores statements and calls for attention", () => {
    for (const text of ["We need lead qualification for our forms.", "Anyone there?", "Hello?", "¿Hay alguien ahí?", "Are you still there?"]) {
      expect(leadQuestion(text), text).toBeNull();
    }
  });
});

describe("replyWithKnowledge", () => {
  it("puts the answer before the rules' reply", () => {
    expect(
      replyWithKnowledge("Which company are you with?", { answered: true, text: "We integrate with HubSpot.", language: "en" }, { emailKnown: false }),
    ).toBe("We integrate with HubSpot.\n\nWhich company are you with?");
  });
  it("asks for an email after a refusal when none is known, once", () => {
    const refusal = { answered: false, text: "A person will answer.", language: "es" as const };
    expect(replyWithKnowledge("¡Gracias!", refusal, { emailKnown: false })).toBe(`A person will answer.\n\n${criticalQuestion("email", "es")}\n\n¡Gracias!`);
    expect(replyWithKnowledge(`Hi! ${criticalQuestion("email", "en")}`, refusal, { emailKnown: false }).split(criticalQuestion("email", "en")).length).toBe(2);
    expect(replyWithKnowledge("¡Gracias!", refusal, { emailKnown: true })).toBe("A person will answer.\n\n¡Gracias!");
  });
});

describe("open questions", () => {
  it("names what was not answered, and adds each to the package once", () => {
    const line = openQuestionLine("Do you support WhatsApp?", { refusal: "no_confident_answer", topic: null });
    expect(line).toBe('Asked "Do you support WhatsApp?"; not answered by the knowledge base');
    expect(openQuestionLine("What does it cost?", { refusal: "never_answer", topic: "prices" })).toMatch(/^Asked about prices/);
    const pkg = withOpenQuestions(
      withOpenQuestions({ summary: "s", facts: { confirmed: [], inferred: [], openQuestions: ["Which CRM?"] } } as unknown as HandoffPackage, [line]),
      [line],
    );
    expect(pkg.facts.openQuestions.filter((q) => q === line)).toHaveLength(1);
  });
});
