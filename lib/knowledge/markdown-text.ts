// Markdown reduced to the plain words a lead reads in a chat bubble or an email: no markers, links
// as their text, no HTML. The article's words stay the article's words.
export function markdownToPlain(markdown: string): string {
  return markdown
    .replace(/<[^>]*>/g, "")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/^#{1,6}\s+/gm, "")
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/gm, "")
    .replace(/^>\s?/gm, "")
    .replace(/(\*\*|__)(.+?)\1/g, "$2")
    .replace(/(\*|_)(\S(?:.*?\S)?)\1/g, "$2")
    .replace(/`([^`]+)`/g, "$1")
    .replace(/[ \t]+/g, " ")
    .trim();
}

/**
 * An article's passages, in order: paragraphs and lists, a heading joined to what follows it.
 * Each is what an answer may quote.
 */
export function splitPassages(markdown: string): string[] {
  const blocks = markdown
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  const passages: string[] = [];
  let heading: string | null = null;
  for (const block of blocks) {
    if (/^#{1,6}\s/.test(block) && !block.includes("\n")) {
      heading = heading ? `${heading}\n${block}` : block;
      continue;
    }
    passages.push(heading ? `${heading}\n${block}` : block);
    heading = null;
  }
  if (heading) passages.push(heading);
  return passages;
}
