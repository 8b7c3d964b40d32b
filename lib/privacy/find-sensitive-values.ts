import { passesIbanMod97, passesLuhn, spanishIdLetter } from "@/lib/privacy/checksums";
import { maskFor, REMOVED, type SensitiveKind } from "@/lib/privacy/masks";

/** One value the lead should not have sent, where it sits in the text, and what replaces it. */
export type SensitiveMatch = { kind: SensitiveKind; start: number; end: number; masked: string };

/**
 * Card numbers (Luhn), IBANs (mod 97), passwords and tokens, Spanish DNI/NIE (check letter) and US
 * SSNs in free text, English or Spanish. Every candidate must pass its checksum or shape, so the
 * phone numbers, amounts, dates and head counts a lead writes are left as they are.
 */
export function findSensitiveValues(text: string): SensitiveMatch[] {
  if (!mayHoldSensitiveValue.test(text)) return [];
  const found = [...cards(text), ...ibans(text), ...credentials(text), ...tokens(text), ...spanishIds(text), ...ssns(text)];
  // Longest first where two overlap (a card's digits can look like an SSN's), then in reading order.
  found.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: SensitiveMatch[] = [];
  for (const match of found) if (!kept.some((k) => match.start < k.end && k.start < match.end)) kept.push(match);
  return kept.sort((a, b) => a.start - b.start);
}

// A cheap gate: most lead text has no run of digits long enough, no keyword and no token prefix.
const mayHoldSensitiveValue = /\d{3}|pass|pwd|contrase|clave|secret|token|api.?key|cv[vc]|sk-|xox|gh[pousr]_|github_pat|AKIA|ASIA|eyJ|pat-/i;

function cards(text: string): SensitiveMatch[] {
  const out: SensitiveMatch[] = [];
  // Not after "+" or a digit (a phone number's country code), not running into more digits.
  const candidate = /(?<![\d+\-])\d(?:[ -]?\d){12,18}(?![\d])/g;
  for (let m = candidate.exec(text); m; m = candidate.exec(text)) {
    const card = cardAt(m[0]);
    if (card) {
      out.push({ kind: "card", start: m.index, end: m.index + card.length, masked: maskFor("card", card) });
      candidate.lastIndex = m.index + card.length;
    } else {
      // "5 4111 1111 1111 1111": a digit before the card is no card, but the card after it still is.
      candidate.lastIndex = m.index + 1;
    }
  }
  return out;
}

/** The longest card number the run starts with (a trailing group may be something else: "…1111 20"). */
function cardAt(raw: string): string | null {
  for (let end = raw.length; end > 0; end = raw.slice(0, end).search(/[ -]\d*$/)) {
    const written = raw.slice(0, end);
    const digits = written.replace(/\D/g, "");
    if (digits.length < 13) return null;
    if (/^[2-6]/.test(digits) && cardGrouping(written, digits.length) && passesLuhn(digits)) return written;
  }
  return null;
}

/** Written the way cards are printed: one run of 14-19 digits, groups of four, or Amex's 4-6-5. */
function cardGrouping(raw: string, length: number): boolean {
  const groups = raw.split(/[ -]/).map((g) => g.length);
  if (/[ ]/.test(raw) && /-/.test(raw)) return false;
  if (groups.length === 1) return length >= 14 && length <= 19;
  if (groups.slice(0, -1).every((g) => g === 4) && groups.at(-1)! >= 1 && groups.at(-1)! <= 4) return length >= 13;
  return groups.join("-") === "4-6-5" || groups.join("-") === "4-6-4";
}

// IBAN lengths of the countries a lead of ours is likely to bank in; any other country may be 15 to 34.
const ibanLengths: Record<string, number> = {
  ES: 24,
  DE: 22,
  FR: 27,
  GB: 22,
  IT: 27,
  PT: 25,
  NL: 18,
  BE: 16,
  IE: 22,
  AT: 20,
  CH: 21,
  LU: 20,
  PL: 28,
  SE: 24,
  DK: 18,
  FI: 18,
  NO: 15,
  AD: 24,
  MC: 27,
};

function ibans(text: string): SensitiveMatch[] {
  const out: SensitiveMatch[] = [];
  const candidate = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,32}/gi;
  for (let m = candidate.exec(text); m; m = candidate.exec(text)) {
    const end = ibanEnd(text, m.index, m[0]);
    if (end === null) {
      candidate.lastIndex = m.index + 1;
      continue;
    }
    out.push({ kind: "iban", start: m.index, end: m.index + end, masked: maskFor("iban", m[0].slice(0, end).replace(/ /g, "")) });
    candidate.lastIndex = m.index + end;
  }
  return out;
}

/** Where the IBAN starting the candidate ends: the country's length, or the longest prefix that passes the check. */
function ibanEnd(text: string, at: number, raw: string): number | null {
  const country = raw.slice(0, 2).toUpperCase();
  const positions = [...raw].flatMap((ch, i) => (ch === " " ? [] : [i]));
  const lengths = ibanLengths[country] ? [ibanLengths[country]] : Array.from({ length: 20 }, (_, i) => 34 - i);
  for (const length of lengths) {
    if (positions.length < length) continue;
    const end = positions[length - 1]! + 1;
    // A valid IBAN that runs straight into another letter or digit is part of something else.
    if (/[A-Z0-9]/i.test(text[at + end] ?? "")) continue;
    if (passesIbanMod97(raw.slice(0, end).replace(/ /g, "").toUpperCase())) return end;
  }
  return null;
}

// "password: …", "my password is …", "contraseña: …", "la clave es …", "pwd=…", "CVV 123".
// Strong words may be followed by "is"/"es"; "clave" ("the key point") and "pass" only by ":" or "=".
const strongKeyword = String.raw`passwords?|passwd|pwd|passcode|passphrase|contraseñas?|contrasenas?|clave de acceso|api[ _-]?key|access[ _-]?key|secret(?:[ _-]access[ _-]key)?|token`;
const weakKeyword = String.raw`clave|pass|pin|cvv2?|cvc`;
const qualifier = String.raw`(?:\s+(?:de|del|for|of|para|to|en|on)\s+(?:the\s+|la\s+|el\s+)?[\p{L}\d.-]+)?`;
const credentialPattern = new RegExp(
  String.raw`\b(?:(?<strong>${strongKeyword})${qualifier}\s*(?<sep>[:=]|\s(?:is|was|es|era)\b)|(?<weak>${weakKeyword})\s*[:=]|(?<code>cvv2?|cvc)\s+(?=\d{3,4}\b))\s*(?<value>"[^"\n]{1,200}"|'[^'\n]{1,200}'|\S+)`,
  "giu",
);

function credentials(text: string): SensitiveMatch[] {
  const out: SensitiveMatch[] = [];
  for (const m of text.matchAll(credentialPattern)) {
    const groups = m.groups!;
    let value = groups.value;
    if (value!.startsWith(REMOVED)) continue;
    // A sentence's own full stop or comma is not part of the password.
    value = value!.replace(/[.,;:)\]]+$/, "");
    if (!value) continue;
    const byWord = groups.sep !== undefined && !/[:=]/.test(groups.sep);
    const quoted = /^["']/.test(value);
    if (!quoted && (value.length < 3 || notACredential.test(value))) continue;
    // "the password is wrong": after "is"/"es" only something shaped like a secret counts.
    if (byWord && !quoted && !secretShaped(value)) continue;
    const end = m.index + m[0].length - groups.value!.length + value.length;
    out.push({ kind: "credential", start: end - value.length, end, masked: maskFor("credential", value) });
  }
  return out;
}

const notACredential =
  /^(reset|expired?|forgotten|forgot|wrong|incorrect|weak|required|needed|missing|none|n\/a|olvidada|caducada|incorrecta|obligatoria|\[removed\])$/i;

function secretShaped(value: string): boolean {
  return value.length >= 6 && (/\d/.test(value) || /[^\p{L}\d]/u.test(value) || /\p{Lu}/u.test(value.slice(1)));
}

// Tokens known by their shape wherever they appear: OpenAI, Slack, GitHub, AWS access key ids, HubSpot private apps, JWTs.
const tokenPattern =
  /\b(?:sk-(?:proj-|live-|test-|ant-)?[A-Za-z0-9_-]{16,}|xox[abposr]-[A-Za-z0-9-]{10,}|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|(?:AKIA|ASIA)[0-9A-Z]{16}|pat-(?:na|eu|ap)\d-[0-9a-f-]{30,}|eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})/g;

function tokens(text: string): SensitiveMatch[] {
  return [...text.matchAll(tokenPattern)].map((m) => ({
    kind: "credential" as const,
    start: m.index,
    end: m.index + m[0].length,
    masked: maskFor("credential", m[0]),
  }));
}

function spanishIds(text: string): SensitiveMatch[] {
  const out: SensitiveMatch[] = [];
  for (const m of text.matchAll(/(?<![\p{L}\d-])(?:(\d{8})|([XYZ])[ -]?(\d{7}))[ -]?([A-Z])(?![\p{L}\d])/giu)) {
    const body = m[1] ?? `${m[2]!.toUpperCase()}${m[3]}`;
    const letter = m[4]!.toUpperCase();
    if (spanishIdLetter(body) !== letter) continue;
    out.push({ kind: "national_id", start: m.index, end: m.index + m[0].length, masked: maskFor("national_id", body + letter) });
  }
  return out;
}

function ssns(text: string): SensitiveMatch[] {
  const out: SensitiveMatch[] = [];
  // 123-45-6789 (or spaced), or nine digits right after "SSN" / "social security".
  for (const m of text.matchAll(
    /(?<![\d+-])(\d{3})([- ])(\d{2})\2(\d{4})(?![\d-])|\b(?:SSN|social security(?: number| no\.?)?)\s*(?:#|:|is|es)?\s*(\d{9})\b/gi,
  )) {
    const digits = m[5] ?? `${m[1]}${m[3]}${m[4]}`;
    const area = Number(digits.slice(0, 3));
    if (area === 0 || area === 666 || area >= 900 || digits.slice(3, 5) === "00" || digits.slice(5) === "0000") continue;
    const start = m[5] ? m.index + m[0].length - 9 : m.index;
    out.push({ kind: "national_id", start, end: m.index + m[0].length, masked: maskFor("national_id", digits) });
  }
  return out;
}
