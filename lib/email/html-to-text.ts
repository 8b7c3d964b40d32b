// HTML mail turned into plain text for triage and display. Nothing here is rendered: the console
// shows the text this returns, so no lead-written HTML reaches a browser as markup.

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  copy: "©",
  reg: "®",
  hellip: "…",
  mdash: "—",
  ndash: "–",
  rsquo: "’",
  lsquo: "‘",
  rdquo: "”",
  ldquo: "“",
  euro: "€",
  aacute: "á",
  eacute: "é",
  iacute: "í",
  oacute: "ó",
  uacute: "ú",
  ntilde: "ñ",
  Aacute: "Á",
  Eacute: "É",
  Iacute: "Í",
  Oacute: "Ó",
  Uacute: "Ú",
  Ntilde: "Ñ",
  uuml: "ü",
  iexcl: "¡",
  iquest: "¿",
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : "";
    }
    return ENTITIES[name] ?? ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * Block elements become line breaks, `<blockquote>` lines are prefixed with `> ` (so the quote
 * stripper folds them as it does in plain text), Outlook's reply divider becomes its underscore
 * line, and every other tag is dropped.
 */
export function htmlToText(html: string): string {
  let s = html
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<(script|style|head|title|template)\b[\s\S]*?<\/\1\s*>/gi, "")
    // Outlook (desktop and web) opens the quoted original with this div or an <hr>.
    .replace(/<div[^>]*\bid\s*=\s*["']?(divRplyFwdMsg|appendonsend)["']?[^>]*>/gi, "\n________________________________\n")
    .replace(/<hr\b[^>]*>/gi, "\n________________________________\n")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<li\b[^>]*>/gi, "\n- ")
    .replace(/<\/(p|div|tr|h[1-6]|li|ul|ol|table|section|article|header|footer)\s*>/gi, "\n")
    .replace(/<(p|div|tr|h[1-6]|table)\b[^>]*>/gi, "\n")
    .replace(/<\/t[dh]\s*>/gi, "\t");
  // Blockquotes, innermost first, become `> ` lines.
  for (let guard = 0; guard < 20 && /<blockquote\b/i.test(s); guard++) {
    const next = s.replace(
      /<blockquote\b[^>]*>((?:(?!<blockquote\b)[\s\S])*?)<\/blockquote\s*>/gi,
      (_m, inner: string) =>
        "\n" +
        stripTags(inner)
          .split("\n")
          .map((line) => `> ${line}`)
          .join("\n") +
        "\n",
    );
    if (next === s) break;
    s = next;
  }
  return tidy(decodeEntities(stripTags(s)));
}

function stripTags(s: string): string {
  return s.replace(/<\/?[a-z][^>]*>/gi, "").replace(/<\/?blockquote[^>]*>/gi, "");
}

function tidy(s: string): string {
  return s
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t\u00a0]+/g, (ws) => (ws.includes("\t") ? "\t" : " "))
    .split("\n")
    .map((line) => line.trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
