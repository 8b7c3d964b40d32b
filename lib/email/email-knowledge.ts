import type { Transaction } from "@/db";
import { recordKnowledgeAnswer } from "@/db/queries/knowledge";
import type { AgentRun } from "@/lib/agent/run-agent";
import type { IntakeEvent } from "@/lib/contract/intake";
import { env } from "@/lib/env";
import { configuredLanguageModel } from "@/lib/agent/llm/configured-model";
import { answerRecordFields } from "@/lib/knowledge/chat-knowledge";
import { configuredEmbeddingModel } from "@/lib/knowledge/embedding-model";
import { leadQuestion, openQuestionLine, withOpenQuestions } from "@/lib/knowledge/lead-question";
import { answerFromPublished, type PublishedAnswer } from "@/lib/knowledge/published";
import { maskText } from "@/lib/privacy/mask-text";

/** The most of the knowledge base's answer the agent's email carries (an article's passage, or the model's phrasing of it). */
export const EMAIL_ANSWER_MAX_CHARS = 1_500;

/** What the agent's first email says from the knowledge base: its answer, or its refusal ("a person will answer"). */
export type EmailKnowledgeReply = { text: string; answered: boolean; language: "en" | "es" };

export type EmailKnowledge = {
  /** The triage result with the unanswered question on its packages (the decision itself untouched). */
  onTriaged: (result: AgentRun, event: IntakeEvent) => Promise<AgentRun>;
  /** In the intake's transaction: the answer (or refusal) recorded on the package, channel "email"; the email's part back, or null. */
  record: (tx: Transaction, ids: { conversationId: string; handoffId: string; leadMessageId: string | null }) => Promise<EmailKnowledgeReply | null>;
};

/**
 * A new email lead's question through the knowledge base, as the chat does a turn: answered from the
 * published articles in the lead's language above the confidence threshold, or refused (a never-answer
 * topic, or no confident answer), recorded, and an unanswered one kept as an open question on the
 * package. Only when the rules `ask`: that is the one decision the agent writes back on (an
 * escalation or an `act` goes to a person, who answers). Answering never changes the decision.
 */
export function emailKnowledge(): EmailKnowledge {
  let asked: { question: string; answer: PublishedAnswer } | null = null;
  return {
    onTriaged: async (result, event) => {
      if (result.decision.decision !== "ask") return result;
      // The event is already masked; masked once more so nothing the lead shared can reach the answer or the record.
      const leadText = (event.messages ?? [])
        .filter((m) => m.from === "lead")
        .map((m) => m.text)
        .join("\n");
      const question = leadQuestion(maskText(leadText).value);
      if (!question) return result;
      const answer = await answerFromPublished(question, {
        fallbackLanguage: result.facts.language,
        model: await configuredLanguageModel(),
        embedding: await configuredEmbeddingModel(),
        timeoutMs: env().OPENAI_TIMEOUT_MS,
      });
      asked = { question, answer };
      if (answer.answered) return result;
      const open = [openQuestionLine(question, { refusal: answer.refusal, topic: answer.topic })];
      return {
        ...result,
        decision: result.decision.package ? { ...result.decision, package: withOpenQuestions(result.decision.package, open) } : result.decision,
        recordPackage: result.recordPackage ? withOpenQuestions(result.recordPackage, open) : null,
      };
    },
    record: async (tx, ids) => {
      if (!asked) return null;
      const { question, answer } = asked;
      await recordKnowledgeAnswer(
        {
          messageId: ids.leadMessageId,
          conversationId: ids.conversationId,
          handoffId: ids.handoffId,
          ...answerRecordFields(question, answer),
        },
        { channel: "email", executor: tx },
      );
      return { text: boundedAnswer(answer.text), answered: answer.answered, language: answer.language };
    },
  };
}

/** The answer as the email carries it (pure): masked, and cut at a sentence or word within the bound. */
export function boundedAnswer(text: string, max = EMAIL_ANSWER_MAX_CHARS): string {
  const masked = maskText(text.trim()).value;
  if (masked.length <= max) return masked;
  const cut = masked.slice(0, max - 1);
  const end = Math.max(cut.lastIndexOf(". "), cut.lastIndexOf(".\n"));
  return end > max / 2 ? cut.slice(0, end + 1) : `${cut.slice(0, cut.lastIndexOf(" ") > 0 ? cut.lastIndexOf(" ") : cut.length).trimEnd()}…`;
}
