import type { AnswerOptions, KnowledgeAnswer } from "@/lib/knowledge/answer";
import { defaultArticles } from "@/lib/knowledge/default-articles";
import { answerFrom, buildKnowledgeBase, type KnowledgeBase } from "@/lib/knowledge/knowledge-base";

export type Answerer = { source: string; answer: (question: string, options?: AnswerOptions) => Promise<KnowledgeAnswer>; close: () => Promise<void> };

/**
 * What a command answers from, as `npm run triage` picks its rules: with DATABASE_URL, the app's
 * published articles through the app's own path (full-text candidates, the same scoring); without
 * one, or when that database has no knowledge base, the shipped default articles.
 */
export async function commandAnswerer(options: { databaseUrl: string | undefined; say: (line: string) => void }): Promise<Answerer> {
  if (options.databaseUrl) {
    const { sql } = await import("@/db");
    const close = () => sql.end({ timeout: 5 });
    try {
      const { answerFromPublished, publishedKnowledgeBase } = await import("@/lib/knowledge/published");
      const { base } = await publishedKnowledgeBase();
      if (base.size > 0) return { source: `the published articles of DATABASE_URL (${base.size})`, answer: (q, o) => answerFromPublished(q, o), close };
      options.say("no published articles in the database: using the default knowledge base");
    } catch (error) {
      options.say(`could not read the published articles (${(error as Error).message}): using the default knowledge base`);
    }
    await close();
  }
  const base = defaultKnowledgeBase();
  return { source: `the default knowledge base (${base.size} articles)`, answer: async (q, o) => answerFrom(base, q, o), close: async () => {} };
}

export function defaultKnowledgeBase(): KnowledgeBase {
  return buildKnowledgeBase(defaultArticles().map((a) => ({ ...a, id: `default:${a.language}:${a.key}` })));
}
