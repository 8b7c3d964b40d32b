import type { LanguageModel } from "ai";
import { embeddingStamp, getLimitSettings, publishedArticles, publishedEmbeddings, publishedStamp, searchArticleIds } from "@/db/queries/knowledge";
import { answerQuestion, queryTerms, type AnswerOptions, type KnowledgeAnswer } from "@/lib/knowledge/answer";
import type { EmbeddingClient } from "@/lib/knowledge/embedding-model";
import { buildEmbeddingIndex, nearestArticles, type EmbeddingIndex, type NearArticle } from "@/lib/knowledge/embeddings";
import { buildKnowledgeBase, type KnowledgeBase } from "@/lib/knowledge/knowledge-base";
import { readLanguage, type KnowledgeLanguage } from "@/lib/knowledge/language";
import { compileLimits, limitsFromSettings, type CompiledTopic } from "@/lib/knowledge/limits";
import { phraseAnswer } from "@/lib/knowledge/phrase-answer";

// The app's knowledge base: the published articles, indexed in memory once per change (the stamp
// moves on every publish, edit and unpublish), with Postgres full-text search choosing the
// candidates the same scoring code then weighs. One path with `npm run kb:answer`.

type Published = { stamp: string; base: KnowledgeBase; versions: Map<string, number>; limits: CompiledTopic[] };
let cached: Published | null = null;

export async function publishedKnowledgeBase(): Promise<Published> {
  const stamp = await publishedStamp();
  if (cached?.stamp !== stamp) {
    const [articles, settings] = await Promise.all([publishedArticles(), getLimitSettings()]);
    cached = {
      stamp,
      base: buildKnowledgeBase(articles),
      versions: new Map(articles.map((a) => [a.id, a.version])),
      limits: compileLimits(limitsFromSettings(settings)),
    };
  }
  return cached;
}

// The stored vectors of the configured model, reloaded when an embedding is stored or an article's version moves.
let cachedEmbeddings: { key: string; index: EmbeddingIndex } | null = null;

async function embeddingIndex(model: string, publishedAt: string): Promise<EmbeddingIndex> {
  const key = `${model}|${publishedAt}|${await embeddingStamp({ model })}`;
  if (cachedEmbeddings?.key !== key) cachedEmbeddings = { key, index: buildEmbeddingIndex(await publishedEmbeddings({ model })) };
  return cachedEmbeddings.index;
}

/** Past this, the question's embedding is given up and the words alone retrieve: a chat turn does not wait on a slow model. */
export const QUESTION_EMBEDDING_TIMEOUT_MS = 3_000;

export type PublishedAnswer = KnowledgeAnswer & {
  articleVersion: number | null;
  phrasedBy: "llm" | "article" | null;
  /** How the answer was looked for: by words, or by words and then the embedding model ("words" when none is set, the words sufficed, or it failed or was too slow). */
  retrieval: "words" | "words+embedding";
};

/** A lead's question answered from the published articles (or refused), as the chat and the email reply ask it. */
export async function answerFromPublished(
  question: string,
  options: Omit<AnswerOptions, "candidates" | "nearest"> & { model?: LanguageModel | null; timeoutMs?: number; embedding?: EmbeddingClient | null } = {},
): Promise<PublishedAnswer> {
  const published = await publishedKnowledgeBase();
  const { base, versions, limits } = published;
  const read = readLanguage(question, options.fallbackLanguage);
  const languages: KnowledgeLanguage[] = options.language ? [options.language] : read.clear ? [read.language] : ["en", "es"];
  const candidates = new Set<string>();
  for (const language of languages) {
    for (const id of await searchArticleIds({ language, words: searchWords(question, base, language) })) candidates.add(id);
  }
  // The admin's limits move the stamp too: a topic switched on applies to the next question.
  const scoring = { ...options, compiledLimits: options.limits ? undefined : limits };
  let answer = answerQuestion(question, base.indexes, { ...scoring, candidates });
  // With an embedding model, a question its words leave unanswered (never a refused topic) is asked again with the
  // nearest articles by meaning among the candidates; an answer by words stands. A model down or slow costs only this.
  let nearest: NearArticle[] | null = null;
  if (options.embedding && answer.refusal === "no_confident_answer") {
    nearest = await nearestByEmbedding(question, options.embedding, published.stamp, languages, options.timeoutMs);
    if (nearest?.length) {
      for (const near of nearest) candidates.add(near.articleId);
      answer = answerQuestion(question, base.indexes, { ...scoring, candidates, nearest });
    }
  }
  const articleVersion = answer.articles[0] ? (versions.get(answer.articles[0].id) ?? null) : null;
  const retrieval = nearest ? ("words+embedding" as const) : ("words" as const);
  if (!answer.answered || !answer.passage || !options.model) return { ...answer, articleVersion, phrasedBy: answer.answered ? "article" : null, retrieval };
  const phrased = await phraseAnswer({
    question,
    passage: answer.passage,
    language: answer.language,
    model: options.model,
    timeoutMs: options.timeoutMs ?? 8_000,
  });
  return { ...answer, text: phrased.text, articleVersion, phrasedBy: phrased.source, retrieval };
}

async function nearestByEmbedding(
  question: string,
  client: EmbeddingClient,
  stamp: string,
  languages: KnowledgeLanguage[],
  timeoutMs = QUESTION_EMBEDDING_TIMEOUT_MS,
): Promise<NearArticle[] | null> {
  try {
    const index = await embeddingIndex(client.model, stamp);
    if (!index.size) return null;
    const [vector] = await client.embed([question], { signal: AbortSignal.timeout(Math.min(timeoutMs, QUESTION_EMBEDDING_TIMEOUT_MS)) });
    return vector ? nearestArticles(index, vector, { languages }) : null;
  } catch {
    return null;
  }
}

/** The words full-text search looks for: the question's own, the index words its misspellings match, and its concepts. */
export function searchWords(question: string, base: KnowledgeBase, language: KnowledgeLanguage): string[] {
  const index = base.indexes[language];
  const words: string[] = [];
  for (const term of queryTerms(question, index)) {
    words.push(term.term);
    for (const [match] of term.matches) words.push(index.surface.get(match) ?? match);
  }
  return words;
}
