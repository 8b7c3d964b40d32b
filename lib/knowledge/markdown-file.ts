import { articleInputSchema, type ArticleInput } from "@/lib/knowledge/article";

// One article as a Markdown file: a front matter block (key, title, language, tags) and the body.
// The shipped knowledge base is written this way, and import and export use the same shape.

export type ParsedArticleFile = { ok: true; article: ArticleInput } | { ok: false; message: string };

export function parseArticleFile(text: string, defaults: { language?: string } = {}): ParsedArticleFile {
  const match = text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .match(/^---\n([\s\S]*?)\n---\n?([\s\S]*)$/);
  if (!match) return { ok: false, message: "front matter: the file must start with a --- block holding key and title" };
  const meta: Record<string, string> = {};
  for (const line of (match[1] ?? "").split("\n")) {
    if (!line.trim()) continue;
    const at = line.indexOf(":");
    if (at < 1) return { ok: false, message: `front matter: "${line.slice(0, 40)}" is not a "name: value" line` };
    meta[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
  }
  const tags = (meta.tags ?? "")
    .replace(/^\[|\]$/g, "")
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
  const parsed = articleInputSchema.safeParse({ key: meta.key, title: meta.title, language: meta.language ?? defaults.language, tags, body: match[2] });
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => i.message).join("; ") };
  return { ok: true, article: parsed.data };
}

export function articleFile(article: ArticleInput): string {
  const line = (value: string) => value.replace(/\n/g, " ");
  return `---\nkey: ${article.key}\ntitle: ${line(article.title)}\nlanguage: ${article.language}\ntags: ${article.tags.map(line).join(", ")}\n---\n${article.body.trim()}\n`;
}
