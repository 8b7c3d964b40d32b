import { DOT, REMOVED } from "@/lib/privacy/masks";
import type { MaskedValue } from "@/lib/privacy/mask-text";

// The masks left in stored text are the record that a value was shared: a chat re-read from the
// database, or an intake replayed by the rules simulation, still says so without the value.
const maskPattern = new RegExp(
  String.raw`(?<iban>[A-Z]{2})${DOT}{2} ${DOT}{4} (?<ibanEnd>[A-Z0-9]{4})|(?<!${DOT})${DOT}{4} (?<card>\d{4})|(?<!${DOT})${DOT}{3}(?<id>[0-9A-Z]{3})(?![0-9A-Za-z])|(?<removed>${escape(REMOVED)})`,
  "g",
);
// Only the words of the same clause: "password: [removed], key [removed]" is a password, then something else.
const passwordWord = /(password|passwd|pwd|passcode|passphrase|contraseña|contrasena|clave|pass|pin)\b[^\n,;.]{0,30}$/i;
const cardCodeWord = /\b(cvv2?|cvc)\b[^\n,;.]{0,10}$/i;

export type SharedValue = MaskedValue & { evidence: string };

/** The sensitive values masked in a text, each with evidence naming its kind, never its value. */
export function sharedValuesIn(text: string): SharedValue[] {
  if (!text.includes(DOT) && !text.includes(REMOVED)) return [];
  const out: SharedValue[] = [];
  for (const m of text.matchAll(maskPattern)) {
    const g = m.groups!;
    if (g.iban) out.push({ kind: "iban", masked: m[0], evidence: `the lead shared a bank account number (${g.iban} IBAN ending ${g.ibanEnd})` });
    else if (g.card) out.push({ kind: "card", masked: m[0], evidence: `the lead shared a card number ending ${g.card}` });
    else if (g.id) out.push({ kind: "national_id", masked: m[0], evidence: `the lead shared a national id number ending ${g.id}` });
    else {
      const before = text.slice(Math.max(0, m.index - 60), m.index);
      const what = cardCodeWord.test(before) ? "a card security code" : passwordWord.test(before) ? "a password" : "a password or access token";
      out.push({ kind: "credential", masked: m[0], evidence: `the lead shared ${what} (removed)` });
    }
  }
  return out;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
