import type { KnowledgeArticle } from "@/lib/knowledge/article";
import { markdownToPlain, splitPassages } from "@/lib/knowledge/markdown-text";
import { synonymGroups, type SynonymGroup } from "@/lib/knowledge/synonyms";
import { fold, stem, stopWords } from "@/lib/knowledge/text";

// The in-memory index the answering code scores: built from any set of articles (the shipped
// files, the published rows of the database), so the command line and the app share one path.

export type IndexedPassage = { text: string; terms: ReadonlySet<string>; pairs: ReadonlySet<string> };
export type IndexedArticle = { article: KnowledgeArticle; headTerms: ReadonlySet<string>; headPairs: ReadonlySet<string>; passages: IndexedPassage[] };
export type KnowledgeIndex = {
  articles: IndexedArticle[];
  /** Articles each term occurs in (title, tags or body). */
  documentFrequency: ReadonlyMap<string, number>;
  /** Every indexed term, for the misspelling scan. */
  vocabulary: readonly string[];
  /** The terms by their first letter: a prefix or a typo keeps the first letter, so a scan needs only these. */
  vocabularyByInitial: ReadonlyMap<string, readonly string[]>;
  vocabularySet: ReadonlySet<string>;
  /** A word as written for each stem: what a full-text query looks for. */
  surface: ReadonlyMap<string, string>;
};

export function buildIndex(articles: readonly KnowledgeArticle[], synonyms: readonly SynonymGroup[] = synonymGroups): KnowledgeIndex {
  const df = new Map<string, number>();
  const surface = new Map<string, string>();
  const indexed = articles.map((article) => {
    const head = `${article.title}\n${article.tags.join(" ")}`;
    const headTerms = termsOf(head, synonyms, surface);
    const passages = splitPassages(article.body).map((p) => ({ text: markdownToPlain(p), terms: termsOf(p, synonyms, surface), pairs: pairsOf(p) }));
    for (const term of new Set([...headTerms, ...passages.flatMap((p) => [...p.terms])])) df.set(term, (df.get(term) ?? 0) + 1);
    return { article, headTerms, headPairs: pairsOf(`${article.title}, ${article.tags.join(", ")}`), passages };
  });
  const vocabulary = [...df.keys()];
  const vocabularyByInitial = new Map<string, string[]>();
  for (const term of vocabulary) {
    const bucket = vocabularyByInitial.get(term.charAt(0));
    if (bucket) bucket.push(term);
    else vocabularyByInitial.set(term.charAt(0), [term]);
  }
  return { articles: indexed, documentFrequency: df, vocabulary, vocabularyByInitial, vocabularySet: new Set(vocabulary), surface };
}

/** A text's terms: stems of its words that carry meaning, plus the concepts of the synonym groups it contains. */
export function termsOf(text: string, synonyms: readonly SynonymGroup[] = synonymGroups, surface?: Map<string, string>): Set<string> {
  const folded = fold(text);
  const terms = new Set<string>();
  for (const word of folded ? folded.split(" ") : []) {
    if (stopWords.has(word) || word.length < 2) continue;
    const s = stem(word);
    terms.add(s);
    if (surface && !surface.has(s)) surface.set(s, word);
  }
  for (const concept of conceptsIn(folded, synonyms)) terms.add(concept);
  return terms;
}

export function conceptsIn(folded: string, synonyms: readonly SynonymGroup[] = synonymGroups): string[] {
  return conceptMatches(folded, synonyms).map((m) => m.concept);
}

/** The synonym groups a folded text contains, with the words of the phrases that matched. */
export function conceptMatches(folded: string, synonyms: readonly SynonymGroup[] = synonymGroups): { concept: string; words: string[] }[] {
  const byFirstWord = phraseIndex(synonyms);
  const tokens = folded ? folded.split(" ") : [];
  const found = new Map<string, string[]>();
  tokens.forEach((token, i) => {
    for (const { concept, words } of byFirstWord.get(token) ?? []) {
      if (words.every((w, j) => tokens[i + j] === w)) found.set(concept, [...(found.get(concept) ?? []), ...words]);
    }
  });
  // In the groups' order, as the data lists them.
  return synonyms.filter((g) => found.has(g.concept)).map((g) => ({ concept: g.concept, words: found.get(g.concept)! }));
}

// The phrases of a set of groups by their first word: a text is read once, word by word.
const phraseIndexes = new WeakMap<readonly SynonymGroup[], Map<string, { concept: string; words: string[] }[]>>();
function phraseIndex(synonyms: readonly SynonymGroup[]) {
  let index = phraseIndexes.get(synonyms);
  if (!index) {
    index = new Map();
    for (const group of synonyms) {
      for (const phrase of group.phrases) {
        const words = phrase.split(" ");
        const first = words[0] ?? "";
        index.set(first, [...(index.get(first) ?? []), { concept: group.concept, words }]);
      }
    }
    phraseIndexes.set(synonyms, index);
  }
  return index;
}

/** Neighbouring meaningful words, as stems ("first call", "sales audit"): a phrase shared ranks higher than the same words apart. */
export function pairsOf(text: string): Set<string> {
  const pairs = new Set<string>();
  for (const clause of text.split(/[,.;:!?\n()]+/)) {
    const stems = fold(clause)
      .split(" ")
      .filter((w) => w.length >= 2 && !stopWords.has(w))
      .map(stem);
    for (let i = 1; i < stems.length; i++) pairs.add(`${stems[i - 1]} ${stems[i]}`);
  }
  return pairs;
}

/** The words full-text search indexes for an article: folded, with its concepts, so the database and this index agree. */
export function searchText(article: Pick<KnowledgeArticle, "title" | "tags" | "body">, synonyms: readonly SynonymGroup[] = synonymGroups): string {
  const folded = fold(`${article.title} ${article.tags.join(" ")} ${markdownToPlain(article.body)}`);
  return `${folded} ${conceptsIn(folded, synonyms).join(" ")}`.trim();
}
