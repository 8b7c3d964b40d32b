import type { AnswerOptions, KnowledgeAnswer } from "@/lib/knowledge/answer";
import { answerFrom, type KnowledgeBase } from "@/lib/knowledge/knowledge-base";
import { leadQuestion, openQuestionLine, replyWithKnowledge } from "@/lib/knowledge/lead-question";

export type LeadMessageKnowledge = {
  /** The question the message asks, or null (then nothing below applies). */
  question: string | null;
  answer: KnowledgeAnswer | null;
  /** For the package's open questions when the agent did not answer; null when it did or nothing was asked. */
  openQuestion: string | null;
  /** The agent's reply with the knowledge base's part first (the reply unchanged when nothing was asked). */
  reply: (replyText: string | null, lead: { emailKnown: boolean }) => string | null;
};

/**
 * A lead's message through the knowledge base, purely: the question it asks, the answer or refusal,
 * the open question to record, and the reply to send. The chat does this turn by turn with storage
 * around it (chat-knowledge.ts), and so does the email channel's first reply (lib/email/email-knowledge.ts,
 * with the published articles, the model and embeddings); a command can call this with `defaultKnowledgeBase()`.
 */
export function answerLeadMessage(base: KnowledgeBase, text: string, options: AnswerOptions = {}): LeadMessageKnowledge {
  const question = leadQuestion(text);
  if (!question) return { question: null, answer: null, openQuestion: null, reply: (replyText) => replyText };
  const answer = answerFrom(base, question, options);
  return {
    question,
    answer,
    openQuestion: answer.answered ? null : openQuestionLine(question, { refusal: answer.refusal, topic: answer.topic }),
    reply: (replyText, lead) => replyWithKnowledge(replyText, answer, lead),
  };
}
