import { criticalQuestion } from "@/lib/agent/questions";
import type { HandoffPackage } from "@/lib/contract/package";
import type { KnowledgeAnswer } from "@/lib/knowledge/answer";
import type { KnowledgeLanguage } from "@/lib/knowledge/language";
import type { NeverAnswerTopicId } from "@/lib/knowledge/limits";
import { stopWords, words } from "@/lib/knowledge/text";

// What a lead's question does to a reply and to the package, apart from storage (pure): the chat
// uses it turn by turn, and the email channel's first reply can use `replyWithKnowledge` as it is.

const interrogatives =
  /^(?:¿|what|whats|what's|how|which|who|where|when|why|do|does|did|can|could|is|are|will|would|should|have|has|may|qué|que|cómo|como|cuál|cual|cuáles|cuales|cuánto|cuanto|cuánta|cuanta|cuántos|cuantos|cuándo|cuando|dónde|donde|quién|quien|por qué|puedo|podéis|podeis|pueden|puede|tenéis|teneis|tienen|hacéis|haceis|hacen|ofrecéis|ofreceis|ofrecen|trabajáis|trabajais|trabajan|os|se puede|hay|es|son|está|esta)\b/iu;

/** The sentences of a message that ask something: ending in "?" or starting as a question does. */
export function questionsIn(text: string): string[] {
  const sentences = text
    .split(/(?<=[.?!])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
  return sentences.filter((s) => s.endsWith("?") || s.startsWith("¿") || (interrogatives.test(s) && s.split(/\s+/).length >= 3 && !s.endsWith(".")));
}

// Words of a question that asks for attention, not information ("Anyone there?", "¿Sigues ahí?").
const phatic = new Set(
  "anyone anybody someone somebody still there here hello hey alive online around available sure right really yet mean questions few couple ok okay alguien ahi aqui sigues seguis oye vale verdad preguntas dudas hola".split(
    " ",
  ),
);

/** A message's question, as one text (the knowledge base answers a message, not each clause), or null. */
export function leadQuestion(text: string): string | null {
  const questions = questionsIn(text).filter((q) => words(q).some((w) => !stopWords.has(w) && !phatic.has(w) && w.length >= 2));
  return questions.length ? questions.join(" ") : null;
}

export const topicNames: Record<NeverAnswerTopicId, string> = {
  prices: "prices",
  discounts: "discounts",
  legal: "contract or legal terms",
  guarantees: "guaranteed results",
  commitments: "a commitment from us",
};

/** The open question the package carries for a question the agent did not answer: the person taking over answers it. */
export function openQuestionLine(question: string, outcome: { refusal: KnowledgeAnswer["refusal"]; topic: NeverAnswerTopicId | null }): string {
  const quoted = `"${question.length > 200 ? `${question.slice(0, 199)}…` : question}"`;
  return outcome.refusal === "never_answer" && outcome.topic
    ? `Asked about ${topicNames[outcome.topic]} (${quoted}); the agent does not answer that: a person answers`
    : `Asked ${quoted}; not answered by the knowledge base`;
}

/** The package with these open questions added (once each), wherever it came from. */
export function withOpenQuestions(pkg: HandoffPackage, lines: readonly string[]): HandoffPackage {
  const missing = lines.filter((l) => !pkg.facts.openQuestions.includes(l));
  return missing.length ? { ...pkg, facts: { ...pkg.facts, openQuestions: [...pkg.facts.openQuestions, ...missing] } } : pkg;
}

/**
 * The agent's reply with the knowledge base's part first: the article's answer, or the refusal
 * ("a person will answer"). A refused question with no email known asks for one, unless the reply
 * already does. The triage reply that follows is unchanged: answering never replaces what the rules decided.
 */
export function replyWithKnowledge(
  replyText: string | null,
  answer: Pick<KnowledgeAnswer, "answered" | "text" | "language">,
  lead: { emailKnown: boolean },
): string {
  const parts = [answer.text];
  const emailQuestions = (["en", "es"] as KnowledgeLanguage[]).map((l) => criticalQuestion("email", l));
  const asksEmail = replyText !== null && emailQuestions.some((q) => replyText.includes(q));
  if (!answer.answered && !lead.emailKnown && !asksEmail) parts.push(criticalQuestion("email", answer.language));
  if (replyText) parts.push(replyText);
  return parts.join("\n\n");
}
