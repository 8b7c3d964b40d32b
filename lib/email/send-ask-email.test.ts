import { describe, expect, it } from "vitest";
import { askText } from "@/lib/email/send-ask-email";

describe("askText: the agent's first email", () => {
  it("without a question from the lead: the greeting and the questions, as before", () => {
    const text = askText("Ivo Marin", ["What is your company's website?"]);
    expect(text).toBe(
      [
        "Hi Ivo,",
        "",
        "Thanks for writing. So we can put you in touch with the right person, could you tell us:",
        "",
        "- What is your company's website?",
        "",
        "Just reply to this email.",
      ].join("\n"),
    );
  });

  it("with the knowledge base's answer: the answer first, then the questions, in the answer's language", () => {
    const en = askText("Ana", ["What is your email?", "Which company?"], { text: "We integrate with HubSpot.", answered: true, language: "en" });
    expect(en.indexOf("We integrate with HubSpot.")).toBeGreaterThan(0);
    expect(en.indexOf("We integrate with HubSpot.")).toBeLessThan(en.indexOf("- What is your email?"));
    const es = askText("Lucía Gómez", ["¿Cuál es tu empresa?"], { text: "Nos integramos con HubSpot.", answered: true, language: "es" });
    expect(es).toMatch(/^Hola Lucía,\n\nGracias por escribirnos\. Nos integramos con HubSpot\./);
    expect(es).toContain("- ¿Cuál es tu empresa?");
    expect(es).not.toMatch(/Thanks|Just reply/);
  });
});
