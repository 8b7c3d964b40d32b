import { recordKnowledgeAnswer, unansweredQuestions } from "@/db/queries/knowledge";
import { configuredLanguageModel } from "@/lib/agent/llm/configured-model";
import { env } from "@/lib/env";
import type { TriageResult } from "@/lib/agent/triage";
import type { KnowledgeLanguage } from "@/lib/knowledge/language";
import { leadQuestion, openQuestionLine, replyWithKnowledge, withOpenQuestions } from "@/lib/knowledge/lead-question";
import type { NeverAnswerTopicId } from "@/lib/knowledge/limits";
import { configuredEmbeddingModel } from "@/lib/knowledge/embedding-model";
import { answerFromPublished, type PublishedAnswer } from "@/lib/knowledge/published";

export type ChatKnowledge = {
  /** What the knowledge base did with this message's question; null when it asked nothing. */
  answer: PublishedAnswer | null;
  /** The triage result with the conversation's unanswered questions on its packages. */
  onTriage: (result: TriageResult) => TriageResult;
  /** The agent's reply with the answer (or the refusal) first; a "no fit" reply stays as it is (we are not the lead's people). */
  onReply: <R extends { kind: string; text: string | null }>(reply: R) => R;
};

/**
 * One chat turn's part for the knowledge base: answer the lead's question from the published
 * articles (or refuse it), record what happened, and hand back how the package and the reply
 * change. The decision is not touched: the rules still read the question as they always have.
 */
export async function answerChatQuestion(input: {
  conversationId: string;
  message: { id: string; author: string; text: string };
  handoffId: string | null;
  language: KnowledgeLanguage;
  emailKnown: boolean;
  /** The message asks for a person ("Can I talk to a human?"): that is a handoff, not a question for the articles. */
  asksForAPerson?: boolean;
}): Promise<ChatKnowledge> {
  const question = input.message.author === "lead" && !input.asksForAPerson ? leadQuestion(input.message.text) : null;
  let answer: PublishedAnswer | null = null;
  if (question) {
    answer = await answerFromPublished(question, {
      fallbackLanguage: input.language,
      model: await configuredLanguageModel(),
      embedding: await configuredEmbeddingModel(),
      timeoutMs: env().OPENAI_TIMEOUT_MS,
    });
    await recordKnowledgeAnswer({
      messageId: input.message.id,
      conversationId: input.conversationId,
      handoffId: input.handoffId,
      ...answerRecordFields(question, answer),
    });
  }
  const open = (await unansweredQuestions({ conversationId: input.conversationId })).map((q) =>
    openQuestionLine(q.question, { refusal: q.outcome as "never_answer" | "no_confident_answer", topic: q.topic as NeverAnswerTopicId | null }),
  );
  return {
    answer,
    onTriage: (result) =>
      open.length
        ? {
            ...result,
            decision: result.decision.package ? { ...result.decision, package: withOpenQuestions(result.decision.package, open) } : result.decision,
            recordPackage: result.recordPackage ? withOpenQuestions(result.recordPackage, open) : null,
          }
        : result,
    onReply: (reply) =>
      answer && reply.kind !== "filter" ? { ...reply, text: replyWithKnowledge(reply.text, answer, { emailKnown: input.emailKnown }) } : reply,
  };
}

/** What is recorded of one answer (or refusal), whichever channel gave it. */
export function answerRecordFields(question: string, answer: PublishedAnswer) {
  return {
    question,
    language: answer.language,
    outcome: answer.answered ? ("answered" as const) : answer.refusal!,
    topic: answer.topic,
    articleId: answer.articles[0]?.id ?? null,
    articleVersion: answer.articleVersion,
    articleTitle: answer.articles[0]?.title ?? null,
    confidence: answer.confidence,
  };
}
