import { describe, expect, it } from "vitest";
import type { KnowledgeArticle } from "@/lib/knowledge/article";
import { answerFrom, buildKnowledgeBase } from "@/lib/knowledge/knowledge-base";

const article = (over: Partial<KnowledgeArticle> & Pick<KnowledgeArticle, "key" | "title" | "body">): KnowledgeArticle => ({
  id: `${over.language ?? "en"}:${over.key}`,
  language: "en",
  tags: [],
  ...over,
});

const base = buildKnowledgeBase([
  article({
    key: "crm",
    title: "Which CRMs we integrate",
    tags: ["CRM", "HubSpot"],
    body: "We integrate with HubSpot and Pipedrive today.\n\nOther CRMs are not integrated today.",
  }),
  article({ key: "hours", title: "When our team answers", tags: ["business hours"], body: "Our team answers Monday to Friday, 9:00 to 18:00." }),
  article({
    key: "cloud",
    title: "Cloud delivery",
    tags: ["cloud", "on-premise"],
    body: "Everything runs as a cloud service. There is no on-premise version.",
  }),
  article({
    key: "crm",
    language: "es",
    title: "Con qué CRM nos integramos",
    tags: ["CRM", "integraciones"],
    body: "Hoy nos integramos con HubSpot y Pipedrive.\n\nOtros CRM no están integrados hoy.",
  }),
  article({
    key: "plazos",
    language: "es",
    title: "Cuánto dura un proyecto",
    tags: ["duración"],
    body: "Un proyecto típico dura entre cuatro y ocho semanas.",
  }),
]);

describe("answerFrom", () => {
  it("answers with the article's own passage and names the article", () => {
    const answer = answerFrom(base, "Do you integrate with HubSpot?");
    expect(answer).toMatchObject({ answered: true, refusal: null, language: "en", articles: [{ key: "crm", title: "Which CRMs we integrate" }] });
    expect(answer.text.startsWith("We integrate with HubSpot and Pipedrive today.")).toBe(true);
    expect(answer.passage).toBe(answer.text);
  });

  it("answers in the lead's language from that language's articles, accents or not", () => {
    for (const q of ["¿Cuánto dura un proyecto?", "cuanto dura un proyecto"]) {
      const answer = answerFrom(base, q);
      expect(answer.language).toBe("es");
      expect(answer.articles[0]?.key).toBe("plazos");
      expect(answer.text).toContain("cuatro y ocho semanas");
    }
  });

  it("matches a misspelt word and a synonym", () => {
    expect(answerFrom(base, "do you integrate with hubspt").articles[0]?.key).toBe("crm");
    expect(answerFrom(base, "Is there a self-hosted version?").articles[0]?.key).toBe("cloud");
  });

  it("refuses a never-answer topic first, even when an article shares its words", () => {
    const priced = buildKnowledgeBase([article({ key: "price", title: "Our prices", body: "The audit costs 4,000 euros and the agent 900 a month." })]);
    for (const q of ["How much does the audit cost?", "whats the pricce", "Do you offer a discount?", "Will you sign our NDA?", "Can you guarantee results?"]) {
      const answer = answerFrom(priced, q);
      expect(answer, q).toMatchObject({ answered: false, refusal: "never_answer", articles: [] });
      expect(answer.text).not.toContain("4,000");
    }
  });

  it("refuses what no article covers, and a single thin word", () => {
    expect(answerFrom(base, "Do you support WhatsApp?")).toMatchObject({ answered: false, refusal: "no_confident_answer", topic: null });
    expect(answerFrom(base, "¿Funciona con Telegram?")).toMatchObject({ answered: false, refusal: "no_confident_answer", language: "es" });
    expect(answerFrom(base, "How can I contact you?").answered).toBe(false);
  });

  it("does not read a real word as a misspelt limit word", () => {
    expect(answerFrom(base, "When does your team answer?").refusal).toBeNull();
    expect(answerFrom(base, "How can I contact you?").refusal).toBe("no_confident_answer");
  });

  it("keeps to the language it is told, and says the refusal in it", () => {
    const answer = answerFrom(base, "WhatsApp?", { language: "es" });
    expect(answer.language).toBe("es");
    expect(answer.text).toMatch(/persona de nuestro equipo/);
  });

  it("scores only the candidates it is given", () => {
    expect(answerFrom(base, "Do you integrate with HubSpot?", { candidates: new Set(["en:hours"]) }).answered).toBe(false);
  });

  it("gives the same answer every time (deterministic)", () => {
    const q = "Which CRMs do you integrate?";
    expect(answerFrom(base, q)).toEqual(answerFrom(base, q));
  });
});

describe("answering with the nearest articles by embedding", () => {
  const paraphrase = "Which weekdays are your staff reachable?";

  it("a question its words do not answer is answered by the nearest article when the similarity reaches the threshold", () => {
    expect(answerFrom(base, paraphrase).answered).toBe(false);
    const answer = answerFrom(base, paraphrase, { nearest: [{ articleId: "en:hours", similarity: 0.82 }] });
    expect(answer).toMatchObject({ answered: true, language: "en", confidence: 0.82, articles: [{ id: "en:hours" }] });
    expect(answer.text).toBe("Our team answers Monday to Friday, 9:00 to 18:00.");
  });

  it("a nearest article below the threshold, or of another language, answers nothing", () => {
    expect(answerFrom(base, paraphrase, { nearest: [{ articleId: "en:hours", similarity: 0.49 }] }).refusal).toBe("no_confident_answer");
    expect(answerFrom(base, paraphrase, { language: "en", nearest: [{ articleId: "es:plazos", similarity: 0.9 }] }).refusal).toBe("no_confident_answer");
  });

  it("never answers a never-answer topic, however near an article is", () => {
    const answer = answerFrom(base, "How much does it cost?", { nearest: [{ articleId: "en:crm", similarity: 0.99 }] });
    expect(answer).toMatchObject({ answered: false, refusal: "never_answer" });
  });

  it("does not answer a question about a name no article knows, however near an article is", () => {
    expect(answerFrom(base, "Do you support WhatsApp?", { nearest: [{ articleId: "en:crm", similarity: 0.9 }] }).refusal).toBe("no_confident_answer");
  });

  it("an answer by words stands, whatever the nearest article is", () => {
    const answer = answerFrom(base, "Do you integrate with Pipedrive?", { nearest: [{ articleId: "en:cloud", similarity: 0.99 }] });
    expect(answer.articles[0]?.id).toBe("en:crm");
  });
});
