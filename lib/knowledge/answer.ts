import type { KnowledgeArticle } from "@/lib/knowledge/article";
import type { IndexedArticle, KnowledgeIndex } from "@/lib/knowledge/index";
import { conceptMatches, pairsOf } from "@/lib/knowledge/index";
import { readLanguage, type KnowledgeLanguage } from "@/lib/knowledge/language";
import { compileLimits, detectNeverAnswer, type CompiledTopic, type NeverAnswerTopic, type NeverAnswerTopicId } from "@/lib/knowledge/limits";
import { refusalText } from "@/lib/knowledge/refusal-text";
import { synonymGroups } from "@/lib/knowledge/synonyms";
import { fold, stem, stopWords, wordMatch } from "@/lib/knowledge/text";

/** Below this share of the question's weight found in one passage, the agent does not answer. */
export const DEFAULT_CONFIDENCE_THRESHOLD = 0.5;

export type Refusal = "never_answer" | "no_confident_answer";

export type KnowledgeAnswer = {
  answered: boolean;
  refusal: Refusal | null;
  language: KnowledgeLanguage;
  /** The articles the answer came from (the answering one first); empty when refused. */
  articles: Pick<KnowledgeArticle, "id" | "key" | "title">[];
  /** What the lead is told: the article's passage, or the refusal. */
  text: string;
  /** The passage quoted, as written in the article (null when refused). */
  passage: string | null;
  confidence: number;
  topic: NeverAnswerTopicId | null;
};

export type AnswerOptions = {
  /** The language to answer in; detected from the question when absent. */
  language?: KnowledgeLanguage;
  /** The conversation's language, which breaks a tie in detection. */
  fallbackLanguage?: KnowledgeLanguage;
  threshold?: number;
  limits?: readonly NeverAnswerTopic[];
  /** The limits already compiled (the app compiles them once per change). */
  compiledLimits?: CompiledTopic[];
  /** Only these articles are scored (the database's full-text candidates); all when absent. */
  candidates?: ReadonlySet<string>;
  /**
   * The articles nearest the question by embedding, best first, with their cosine similarity (an
   * embedding model configured). When no passage reaches the threshold by its words, the nearest
   * article answers if its similarity does; absent or empty, answering is by words alone.
   */
  nearest?: readonly { articleId: string; similarity: number }[];
};

type QueryTerm = { term: string; weight: number; matches: Map<string, number>; optional: boolean };

/**
 * Answers a lead's question from published articles, or refuses (pure, deterministic). Order:
 * a never-answer topic is refused first, whatever the articles say; then the question's terms
 * (misspellings matched to the index's words, synonyms to their concept) are weighed by rarity,
 * and the passage that holds the largest share of that weight answers, if the share reaches the
 * threshold. A word the index has never seen weighs the most, so "Do you support WhatsApp?" is
 * not answered by an article that merely says "support".
 */
export function answerQuestion(question: string, indexes: Record<KnowledgeLanguage, KnowledgeIndex>, options: AnswerOptions = {}): KnowledgeAnswer {
  const read = readLanguage(question, options.fallbackLanguage);
  let language = options.language ?? read.language;
  const refuse = (refusal: Refusal, topic: NeverAnswerTopicId | null, confidence = 0): KnowledgeAnswer => ({
    answered: false,
    refusal,
    language,
    articles: [],
    text: refusalText(refusal, topic, language),
    passage: null,
    confidence,
    topic,
  });

  const known = knownWords(indexes);
  const limit = detectNeverAnswer(question, {
    knownWords: known,
    topics: options.compiledLimits ?? (options.limits ? compileLimits(options.limits) : undefined),
  });
  if (limit) return refuse("never_answer", limit.topic);

  let best = bestPassage(question, indexes[language], options.candidates);
  // Too few words to tell the language ("gdpr?", "instalacion local posible?"): the other language's articles may know it.
  if (!options.language && !read.clear) {
    const other: KnowledgeLanguage = language === "en" ? "es" : "en";
    const there = bestPassage(question, indexes[other], options.candidates);
    if (there && there.confidence > (best?.confidence ?? 0) + 0.05) [best, language] = [there, other];
  }
  const threshold = options.threshold ?? DEFAULT_CONFIDENCE_THRESHOLD;
  if ((!best || best.confidence < threshold) && options.nearest?.length) {
    const near = nearestPassage(question, indexes, options.nearest, options.language ?? (read.clear ? language : null), threshold);
    if (near) [best, language] = [near.passage, near.language];
  }
  if (!best || best.confidence < threshold) return refuse("no_confident_answer", null, best?.confidence ?? 0);
  const { article } = best.article;
  return {
    answered: true,
    refusal: null,
    language,
    articles: [{ id: article.id, key: article.key, title: article.title }],
    text: best.text,
    passage: best.text,
    confidence: best.confidence,
    topic: null,
  };
}

export type ScoredPassage = { article: IndexedArticle; text: string; confidence: number };

/**
 * The nearest article by meaning, when its similarity reaches the threshold: its passage that best
 * matches the question's words (its first when none does), with the similarity as the confidence.
 * Not when the question names something no article knows ("Do you support WhatsApp?"): a model
 * would find the channels article near, but the question is about what it does not say.
 */
function nearestPassage(
  question: string,
  indexes: Record<KnowledgeLanguage, KnowledgeIndex>,
  nearest: readonly { articleId: string; similarity: number }[],
  language: KnowledgeLanguage | null,
  threshold: number,
): { passage: ScoredPassage; language: KnowledgeLanguage } | null {
  const top = nearest[0];
  if (!top || !(top.similarity >= threshold)) return null;
  for (const lang of language ? [language] : (["en", "es"] as const)) {
    const index = indexes[lang];
    if (!index.articles.some((a) => a.article.id === top.articleId)) continue;
    const names = namesIn(question);
    if (queryTerms(question, index).some((t) => t.matches.size === 0 && names.has(t.term))) return null;
    const passage = bestPassage(question, index, new Set([top.articleId]), { scoreEmpty: true });
    return passage ? { passage: { ...passage, confidence: top.similarity }, language: lang } : null;
  }
  return null;
}

/** The passage that carries the largest share of the question's weight, with that share. */
export function bestPassage(
  question: string,
  index: KnowledgeIndex,
  candidates?: ReadonlySet<string>,
  options: { scoreEmpty?: boolean } = {},
): ScoredPassage | null {
  const terms = queryTerms(question, index);
  const queryPairs = [...pairsOf(question)];
  // A word inside a synonym phrase is stood for by its concept: it adds when found, and weighs nothing when not.
  const total = terms.reduce((sum, t) => sum + (t.optional ? 0 : t.weight), 0);
  // A question of no known words has no passage by its words; one found by meaning still has its first.
  if (!terms.some((t) => !t.optional) && !options.scoreEmpty) return null;
  let best: ScoredPassage | null = null;
  let bestScore = -1;
  for (const entry of index.articles) {
    if (candidates && !candidates.has(entry.article.id)) continue;
    entry.passages.forEach((passage, position) => {
      let covered = 0;
      let headHits = 0;
      for (const t of terms) {
        let m = 0;
        for (const [term, weight] of t.matches) {
          if (weight > m && (entry.headTerms.has(term) || passage.terms.has(term))) m = weight;
          if (entry.headTerms.has(term)) headHits += t.weight * weight;
        }
        covered += t.weight * m;
      }
      // One word alone that the article's title and tags do not hold is too thin to answer on
      // ("How can I contact you?" is not a question about the CRM article's "contacts").
      const matchedTerms = terms.filter((t) => [...t.matches.keys()].some((term) => entry.headTerms.has(term) || passage.terms.has(term))).length;
      const weight = total + terms.reduce((sum, t) => sum + (t.optional && matchesHere(t, entry, passage) ? t.weight : 0), 0);
      const share = weight > 0 ? covered / weight : 0;
      const confidence = matchedTerms >= 2 || headHits > 0 ? share : share * 0.5;
      // The article whose title and tags hold the question's words ranks first, then the earlier passage.
      const pairHits = queryPairs.filter((p) => entry.headPairs.has(p) || passage.pairs.has(p)).length;
      const score = confidence + (weight > 0 ? (0.5 * headHits) / weight : 0) + 0.1 * pairHits - position / 10_000;
      if (score > bestScore) {
        bestScore = score;
        best = { article: entry, text: passageText(entry, position), confidence };
      }
    });
  }
  return best;
}

/** The question's weighed terms, each with the index terms it matches and how well. */
export function queryTerms(question: string, index: KnowledgeIndex): QueryTerm[] {
  const folded = fold(question);
  const n = index.articles.length;
  const idf = (df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));
  // A word no article holds weighs as much as the rarest word that one does: it is what the question is about.
  const unknownWeight = idf(1);
  const concepts = conceptMatches(folded, synonymGroups);
  const inPhrase = new Set(concepts.flatMap((c) => c.words));
  const stems = new Map<string, boolean>();
  for (const word of folded ? folded.split(" ") : []) {
    if (stopWords.has(word) || word.length < 2) continue;
    const s = stem(word);
    stems.set(s, (stems.get(s) ?? true) && inPhrase.has(word));
  }

  const names = namesIn(question);
  const terms: QueryTerm[] = [];
  for (const [s, optional] of stems) {
    const matches = new Map<string, number>();
    const typos = !index.vocabularySet.has(s);
    // wordMatch only matches words that share their first letter.
    for (const term of index.vocabularyByInitial.get(s.charAt(0)) ?? []) {
      const m = wordMatch(s, term, typos);
      if (m > 0) matches.set(term, m);
    }
    // A name no article knows ("WhatsApp", "Zapier", "Japan") is what the question is about: it weighs double.
    let weight = names.has(s) ? 2 * unknownWeight : unknownWeight;
    if (matches.size) {
      const best = [...matches].sort((a, b) => b[1] - a[1] || (index.documentFrequency.get(a[0]) ?? 0) - (index.documentFrequency.get(b[0]) ?? 0))[0];
      weight = idf(best ? (index.documentFrequency.get(best[0]) ?? 0) : 0);
    }
    // Optional only when no article knows the word either: a known word still counts where it is missing.
    terms.push({ term: s, weight, matches, optional: optional && matches.size === 0 });
  }
  // A concept (synonym group) stands beside its words: found by any of its phrases, weighed as rare as it is.
  for (const { concept } of concepts) {
    const df = index.documentFrequency.get(concept) ?? 0;
    terms.push({ term: concept, weight: idf(df), matches: new Map(df ? [[concept, 1]] : []), optional: false });
  }
  return terms;
}

/** Stems of the words written as names: capitalised after a sentence's first word, or with a capital inside ("HubSpot"). */
function namesIn(question: string): Set<string> {
  const names = new Set<string>();
  for (const sentence of question.split(/[.?!¿¡\n]+/)) {
    sentence
      .trim()
      .split(/\s+/)
      .forEach((word, i) => {
        const bare = word.replace(/^[^\p{L}\d]+|[^\p{L}\d]+$/gu, "");
        if ((i > 0 && /^\p{Lu}/u.test(bare)) || /^\p{L}+\p{Lu}/u.test(bare)) names.add(stem(fold(bare)));
      });
  }
  return names;
}

function matchesHere(t: QueryTerm, entry: IndexedArticle, passage: IndexedArticle["passages"][number]): boolean {
  for (const term of t.matches.keys()) if (entry.headTerms.has(term) || passage.terms.has(term)) return true;
  return false;
}

const knownCache = new WeakMap<object, ReadonlySet<string>>();
function knownWords(indexes: Record<KnowledgeLanguage, KnowledgeIndex>): ReadonlySet<string> {
  let known = knownCache.get(indexes);
  if (!known) knownCache.set(indexes, (known = new Set([...indexes.en.vocabularySet, ...indexes.es.vocabularySet])));
  return known;
}

// A passage that is only a heading or a line says little alone: the next one completes it.
function passageText(entry: IndexedArticle, position: number): string {
  const text = entry.passages[position]?.text ?? "";
  const next = entry.passages[position + 1];
  return text.length < 80 && next ? `${text}\n${next.text}` : text;
}
