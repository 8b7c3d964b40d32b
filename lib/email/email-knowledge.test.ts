import { describe, expect, it } from "vitest";
import { boundedAnswer } from "@/lib/email/email-knowledge";

describe("boundedAnswer: the knowledge base's part of an email", () => {
  it("keeps a short answer as it is", () => {
    expect(boundedAnswer("  We integrate with HubSpot, Pipedrive and Salesforce.  ")).toBe("We integrate with HubSpot, Pipedrive and Salesforce.");
  });

  it("cuts a long answer at a sentence within the bound, else at a word with an ellipsis", () => {
    const sentences = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} says something.`).join(" ");
    const cut = boundedAnswer(sentences, 200);
    expect(cut.length).toBeLessThanOrEqual(200);
    expect(cut.endsWith("something.")).toBe(true);
    const words = boundedAnswer("word ".repeat(100), 50);
    expect(words.length).toBeLessThanOrEqual(50);
    expect(words.endsWith("word…")).toBe(true);
  });

  it("masks a sensitive value (an echoed card number never goes out)", () => {
    expect(boundedAnswer("Your card 4111 1111 1111 1111 is noted.")).not.toContain("4111 1111 1111 1111");
  });
});
