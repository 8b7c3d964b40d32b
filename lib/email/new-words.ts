// Only the new words of a message count: the quoted history and the signature are cut before
// triage and shown folded in the console. The markers are the ones mail clients write (Gmail,
// Apple Mail, Outlook, Thunderbird) in English and Spanish; none depends on a sender.

export type NewWords = { text: string; quoted: string; signature: string };

const WROTE_LINE = [
  /^on\s.{4,300}\bwrote\s*:\s*$/i, // Gmail, Apple Mail: "On Tue, 1 Dec 2026 at 10:00, Ana <ana@x.com> wrote:"
  /^el\s.{4,300}\bescribi[óo]\s*:\s*$/i, // Gmail es: "El mar, 1 dic 2026 a las 10:00, Ana (<ana@x.com>) escribió:"
  /^.{0,200}\b(wrote|escribi[óo])\s*:\s*$/i, // Thunderbird: "Ana Ruiz wrote:" / "Ana escribió:" directly above quoted lines
];
const DIVIDER = [
  /^-{2,}\s*(original message|mensaje original|forwarded message|mensaje reenviado)\s*-{2,}\s*$/i,
  /^_{10,}\s*$/, // Outlook's line above its header block
  /^begin forwarded message:\s*$/i,
];
const HEADER_FROM = /^\*?(from|de)\s*:\*?\s+\S/i;
const HEADER_SENT = /^\*?(sent|date|enviado(?: el)?|fecha|to|para|subject|asunto)\s*:\*?\s/i;
const SIGNATURE_START = [
  /^--\s*$/, // RFC 3676 "-- " (and the common "--")
  /^(sent|enviado) (from|desde) (my|mi) .{1,60}$/i,
  /^get outlook for .{1,40}$/i,
  /^obtener outlook para .{1,40}$/i,
];

/** Splits a plain-text body into the new words, the quoted history and the signature. */
export function extractNewWords(body: string): NewWords {
  const lines = body
    .replace(/\r\n?/g, "\n")
    .replace(/\u0000/g, "")
    .split("\n");
  let cut = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    const joined = i + 1 < lines.length ? `${line} ${lines[i + 1]!.trim()}` : line;
    const nextIsQuote = nextNonBlank(lines, i + 1)?.startsWith(">") ?? false;
    if (WROTE_LINE.slice(0, 2).some((re) => re.test(line))) {
      cut = i;
      break;
    }
    // A "wrote:" line wrapped in two ("On Tue, … <ana@x.com>\nwrote:").
    if (/^(on|el)\s/i.test(line) && WROTE_LINE.slice(0, 2).some((re) => re.test(joined))) {
      cut = i;
      break;
    }
    if (nextIsQuote && WROTE_LINE[2]!.test(line)) {
      cut = i;
      break;
    }
    if (DIVIDER.some((re) => re.test(line))) {
      cut = i;
      break;
    }
    // Outlook's block without a divider: "From: …" then "Sent:/Date:/To:/Subject:" within the next lines.
    if (HEADER_FROM.test(line) && lines.slice(i + 1, i + 4).some((l) => HEADER_SENT.test(l.trim()))) {
      cut = i;
      break;
    }
  }
  let kept = lines.slice(0, cut);
  const quotedParts = [lines.slice(cut).join("\n")];
  // Interleaved or leftover `>` lines are history too.
  const inline = kept.filter((l) => l.trimStart().startsWith(">"));
  if (inline.length) {
    quotedParts.unshift(inline.join("\n"));
    kept = kept.filter((l) => !l.trimStart().startsWith(">"));
  }
  let signature = "";
  const sigAt = kept.findIndex((l, i) => i > 0 && SIGNATURE_START.some((re) => re.test(l.trimEnd())));
  if (sigAt >= 0) {
    signature = kept.slice(sigAt).join("\n").trim();
    kept = kept.slice(0, sigAt);
  }
  return { text: collapse(kept.join("\n")), quoted: collapse(quotedParts.filter(Boolean).join("\n")), signature };
}

function nextNonBlank(lines: string[], from: number): string | undefined {
  for (let i = from; i < lines.length; i++) if (lines[i]!.trim()) return lines[i]!.trim();
  return undefined;
}

function collapse(s: string): string {
  return s
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
