import type { IntakeEvent } from "@/lib/contract/intake";

// Eight lines of a sales note; far more is a transcript, whatever its line count.
const maxSummaryLength = 1_600;

export type SummaryGrounding = { ok: true; summary: string } | { ok: false; reason: string };

/**
 * Whether a summary written elsewhere (a model) may stand in the package: 5 to 8 lines, and every
 * number, email address and capitalised mid-sentence word (a name) in it occurs in the lead's input.
 * Words at the start of a sentence cannot be told from names, so they are not checked; a summary can
 * still say something odd, but it cannot put a person, company or figure in the lead's mouth.
 */
export function checkSummaryGrounding(summary: string, event: IntakeEvent): SummaryGrounding {
  const lines = summary
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter(Boolean);
  if (lines.length < 5 || lines.length > 8) return { ok: false, reason: `${lines.length} lines (a summary has 5 to 8)` };
  const text = lines.join("\n");
  if (text.length > maxSummaryLength) return { ok: false, reason: `${text.length} characters (a summary is a short note)` };
  const input = inputText(event);

  for (const email of text.match(/[^\s@<>()"',;]+@[^\s@<>()"',;]+\.[\p{L}]{2,}/gu) ?? []) {
    if (!input.includes(email.toLowerCase())) return { ok: false, reason: `an email address not in the input: ${email}` };
  }
  // Numbers inside an email address ("ana2@…") were checked with the address.
  const withoutEmails = text.replace(/\S+@\S+/g, " ");
  for (const raw of withoutEmails.match(/\d[\d.,]*/g) ?? []) {
    const number = raw.replace(/[.,]+$/, "");
    if (!hasWord(input, number) && !hasWord(squashNumbers(input), squashNumbers(number))) return { ok: false, reason: `a number not in the input: ${number}` };
  }
  const midSentenceWords = withoutEmails.split(/\n|[.:;?!]\s+|["“”]/).flatMap((sentence) => sentence.trim().split(/\s+/).slice(1));
  for (const word of midSentenceWords) {
    const bare = word.replace(/^[^\p{L}\d]+|[^\p{L}\d]+$/gu, "");
    if (/^\p{Lu}/u.test(bare) && !hasWord(input, bare.toLowerCase())) return { ok: false, reason: `a name not in the input: ${bare}` };
  }
  return { ok: true, summary: text };
}

/** The lead's input as one lower-case text: contact, fields, the lead's messages and the entry context. */
function inputText(event: IntakeEvent): string {
  const values: string[] = [event.receivedAt];
  const collect = (value: unknown) => {
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") values.push(String(value));
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === "object") Object.entries(value).forEach(([key, v]) => (collect(key), collect(v)));
  };
  collect(event.contact);
  collect(event.fields);
  collect(event.source);
  // The agent's own messages are not the lead's input: a summary cannot borrow a name from them.
  collect((event.messages ?? []).filter((m) => m.from === "lead").map((m) => m.text));
  return values.join("\n").toLowerCase();
}

// Whole words only: "2" is not in "2026", "20" is not in "20,000", and "Al" is not in "sales".
export function hasWord(text: string, word: string): boolean {
  return new RegExp(`(?<![\\p{L}\\d]|\\d[.,])${escapeRegExp(word.toLowerCase())}(?![\\p{L}\\d]|[.,]\\d)`, "u").test(text);
}

// "20,000" and "20000" are the same number for this check.
export function squashNumbers(text: string): string {
  return text.replace(/(\d)[.,](?=\d)/g, "$1");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
