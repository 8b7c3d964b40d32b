import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ArticleInput } from "@/lib/knowledge/article";
import { knowledgeLanguages } from "@/lib/knowledge/language";
import { parseArticleFile } from "@/lib/knowledge/markdown-file";

/** Where the shipped knowledge base lives: lib/knowledge/default/<language>/*.md. */
export const defaultKnowledgeDir = join(process.cwd(), "lib", "knowledge", "default");

/**
 * The shipped knowledge base (both languages), read from its Markdown files: what `kb:answer`
 * answers from without a database, and what a new install and the demo start with.
 */
export function defaultArticles(dir = defaultKnowledgeDir): ArticleInput[] {
  const articles: ArticleInput[] = [];
  for (const language of knowledgeLanguages) {
    for (const name of readdirSync(join(dir, language))
      .filter((n) => n.endsWith(".md"))
      .sort()) {
      const parsed = parseArticleFile(readFileSync(join(dir, language, name), "utf8"), { language });
      if (!parsed.ok) throw new Error(`${language}/${name}: ${parsed.message}`);
      articles.push(parsed.article);
    }
  }
  return articles;
}
