import type { KnowledgeArticle } from "@/lib/knowledge/article";
import { answerQuestion, type AnswerOptions, type KnowledgeAnswer } from "@/lib/knowledge/answer";
import { buildIndex, type KnowledgeIndex } from "@/lib/knowledge/index";
import type { KnowledgeLanguage } from "@/lib/knowledge/language";

/** The published articles of both languages, indexed once: what every answer is scored against. */
export type KnowledgeBase = { indexes: Record<KnowledgeLanguage, KnowledgeIndex>; size: number };

export function buildKnowledgeBase(articles: readonly KnowledgeArticle[]): KnowledgeBase {
  return {
    indexes: { en: buildIndex(articles.filter((a) => a.language === "en")), es: buildIndex(articles.filter((a) => a.language === "es")) },
    size: articles.length,
  };
}

export function answerFrom(base: KnowledgeBase, question: string, options: AnswerOptions = {}): KnowledgeAnswer {
  return answerQuestion(question, base.indexes, options);
}
