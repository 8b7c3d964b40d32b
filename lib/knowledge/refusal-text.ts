import type { Refusal } from "@/lib/knowledge/answer";
import type { KnowledgeLanguage } from "@/lib/knowledge/language";
import type { NeverAnswerTopicId } from "@/lib/knowledge/limits";

// What the agent says when it does not answer, in the lead's language. A never-answer topic is
// named, so the lead knows why; the promise is always the same: a person answers.
const topicLines: Record<KnowledgeLanguage, Record<NeverAnswerTopicId, string>> = {
  en: {
    prices: "Prices and quotes are prepared by a person on our team, who will answer that for you directly.",
    discounts: "Discounts are decided by a person on our team, who will answer that for you directly.",
    legal: "Contract and legal terms are handled by a person on our team, who will answer that for you directly.",
    guarantees: "I can't promise results, so a person on our team will answer that for you directly.",
    commitments: "I can't make commitments on the team's behalf, so a person on our team will answer that for you directly.",
  },
  es: {
    prices: "Los precios y presupuestos los prepara una persona de nuestro equipo, que te responderá directamente.",
    discounts: "Los descuentos los decide una persona de nuestro equipo, que te responderá directamente.",
    legal: "Los contratos y las condiciones legales los lleva una persona de nuestro equipo, que te responderá directamente.",
    guarantees: "No puedo prometer resultados, así que una persona de nuestro equipo te responderá directamente.",
    commitments: "No puedo asumir compromisos en nombre del equipo, así que una persona de nuestro equipo te responderá directamente.",
  },
};

const notAnswered: Record<KnowledgeLanguage, string> = {
  en: "I don't have a reliable answer to that, so I've passed your question to a person on our team, who will answer it.",
  es: "No tengo una respuesta fiable a eso, así que he pasado tu pregunta a una persona de nuestro equipo, que te la responderá.",
};

export function refusalText(refusal: Refusal, topic: NeverAnswerTopicId | null, language: KnowledgeLanguage): string {
  return refusal === "never_answer" && topic ? topicLines[language][topic] : notAnswered[language];
}
