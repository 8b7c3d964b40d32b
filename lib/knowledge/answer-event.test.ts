import { describe, expect, it } from "vitest";
import { describeKnowledgeAnswerEvent, knowledgeAnswerEvent } from "@/lib/knowledge/answer-event";

const row = {
  id: "00000000-0000-4000-8000-000000000001",
  question: "¿Os integráis con Salesforce?",
  language: "es",
  outcome: "answered",
  topic: null,
  articleId: "00000000-0000-4000-8000-000000000002",
  articleTitle: "Integraciones con CRM",
  articleVersion: 3,
  confidence: 0.8123,
};

describe("the timeline's knowledge-base entry", () => {
  it("names the article, its version, the question and the language of an answer", () => {
    const event = knowledgeAnswerEvent(row, "chat");
    expect(event).toMatchObject({ type: "knowledge_answer", actorKind: "agent", data: { articleId: row.articleId, confidence: 0.81, channel: "chat" } });
    expect(describeKnowledgeAnswerEvent(event.data)).toBe(
      "answered “¿Os integráis con Salesforce?” in the chat (Spanish) from the article “Integraciones con CRM” (version 3)",
    );
  });

  it("says a refused question was a never-answer topic, by its name", () => {
    const event = knowledgeAnswerEvent(
      {
        ...row,
        question: "How much is it?",
        language: "en",
        outcome: "never_answer",
        topic: "prices",
        articleId: null,
        articleTitle: null,
        articleVersion: null,
      },
      "email",
    );
    expect(describeKnowledgeAnswerEvent(event.data)).toBe("did not answer “How much is it?” in the email (English): a person answers questions about prices");
  });

  it("says an unanswered question was left open", () => {
    const event = knowledgeAnswerEvent(
      { ...row, question: "WhatsApp?", language: "en", outcome: "no_confident_answer", articleId: null, articleTitle: null, articleVersion: null },
      "chat",
    );
    expect(describeKnowledgeAnswerEvent(event.data)).toBe("found no confident answer to “WhatsApp?” in the chat (English): left as an open question");
  });

  it("reads an incomplete event without throwing", () => {
    expect(describeKnowledgeAnswerEvent({})).toContain("a question");
  });
});
