import { articleInputSchema, type ArticleInput } from "@/lib/knowledge/article";
import { articleFile, parseArticleFile } from "@/lib/knowledge/markdown-file";

export type ImportParse = { ok: true; articles: ArticleInput[] } | { ok: false; problems: string[] };

/**
 * Articles from an import: JSONL (one {"key","title","language","tags","body"} a line) or one or
 * more Markdown articles, each starting with its --- front matter. Every problem is named by its
 * line or article; nothing is imported unless all of it parses.
 */
export function parseImport(text: string): ImportParse {
  const trimmed = text.replace(/^\uFEFF/, "").trim();
  if (!trimmed) return { ok: false, problems: ["Import: paste JSONL lines or Markdown articles"] };
  const problems: string[] = [];
  const articles: ArticleInput[] = [];
  if (trimmed.startsWith("{")) {
    trimmed.split("\n").forEach((line, i) => {
      if (!line.trim()) return;
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch {
        problems.push(`line ${i + 1}: not valid JSON`);
        return;
      }
      const parsed = articleInputSchema.safeParse(raw);
      if (parsed.success) articles.push(parsed.data);
      else problems.push(`line ${i + 1}: ${parsed.error.issues.map((x) => x.message).join("; ")}`);
    });
  } else {
    const files = splitMarkdownArticles(trimmed);
    files.forEach((file, i) => {
      const parsed = parseArticleFile(file.trim() + "\n");
      if (parsed.ok) articles.push(parsed.article);
      else problems.push(`article ${i + 1}: ${parsed.message}`);
    });
  }
  const seen = new Set<string>();
  for (const a of articles) {
    const id = `${a.key}/${a.language}`;
    if (seen.has(id)) problems.push(`${id}: appears twice in the import`);
    seen.add(id);
  }
  if (articles.length > 500) problems.push("Import: at most 500 articles at once");
  return problems.length ? { ok: false, problems } : { ok: true, articles };
}

export function exportJsonl(articles: readonly (ArticleInput & { status?: string })[]): string {
  return (
    articles.map((a) => JSON.stringify({ key: a.key, title: a.title, language: a.language, tags: a.tags, body: a.body, status: a.status })).join("\n") + "\n"
  );
}

export function exportMarkdown(articles: readonly ArticleInput[]): string {
  return articles.map(articleFile).join("\n");
}

// A new article starts at a "---" line outside front matter whose block (up to the closing "---") holds a key.
function splitMarkdownArticles(text: string): string[] {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const starts: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]?.trim() !== "---") continue;
    const close = lines.findIndex((l, j) => j > i && l.trim() === "---");
    if (close > i && lines.slice(i + 1, close).some((l) => /^key\s*:/i.test(l))) {
      starts.push(i);
      i = close;
    }
  }
  if (!starts.length) return [text];
  return starts.map((start, n) => lines.slice(start, starts[n + 1] ?? lines.length).join("\n"));
}
