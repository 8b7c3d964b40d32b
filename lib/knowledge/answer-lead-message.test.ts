import { describe, expect, it } from "vitest";
import { criticalQuestion } from "@/lib/agent/questions";
import { answerLeadMessage } from "@/lib/knowledge/answer-lead-message";
import { buildKnowledgeBase } from "@/lib/knowledge/knowledge-base";

const base = buildKnowledgeBase([
  { id: "a1", key: "crm", title: "Which CRMs we integrate", language: "en", tags: ["CRM"], body: "We integrate with HubSpot, Pipedrive and Salesforce today." },
  { id: "a2", key: "crm", title: "Con qué CRM nos integramos", language: "es", tags: ["CRM"], body: "Hoy nos integramos con HubSpot, Pipedrive y Salesforce." },
]);

describe("answerLeadMessage (an email's first reply)", () => {
  it("answers the question in an email body and puts the answer before the reply", () => {
    const result = answerLeadMessage(base, "Hello,\n\nWe are Acme, 40 people.\nDo you integrate with Salesforce?\n\nBest, Ana");
    expect(result.question).toBe("Do you integrate with Salesforce?");
    expect(result.openQuestion).toBeNull();
    expect(result.reply("Thanks, Ana!", { emailKnown: true })).toBe("We integrate with HubSpot, Pipedrive and Salesforce today.\n\nThanks, Ana!");
  });

  it("refuses, records the open question and asks for an email when none is known", () => {
    const result = answerLeadMessage(base, "¿Cuánto cuesta?");
    expect(result.answer).toMatchObject({ answered: false, refusal: "never_answer", language: "es" });
    expect(result.openQuestion).toMatch(/^Asked about prices/);
    expect(result.reply(null, { emailKnown: false })).toContain(criticalQuestion("email", "es"));
  });

  it("leaves a message that asks nothing alone", () => {
    const result = answerLeadMessage(base, "We need help qualifying leads from our forms.");
    expect(result).toMatchObject({ question: null, answer: null, openQuestion: null });
    expect(result.reply("Thanks!", { emailKnown: true })).toBe("Thanks!");
  });
});
