// An amount as a person types it into a form: "12,000.50", "12.000,50", "12 000", "1'250.75".

export type TypedAmount = { ok: true; value: number } | { ok: false; problem: "empty" | "not_a_number" };

/**
 * Reads the separators people type. How a separator is read, in order:
 *
 * 1. Spaces (plain, no-break, narrow no-break) and apostrophes between digits group thousands
 *    ("12 000", "1'250.75") and are dropped.
 * 2. Both "," and "." appear: the last one is the decimal separator, the other groups thousands
 *    ("12,000.50" and "12.000,50" are both twelve thousand and a half). Unambiguous.
 * 3. One kind, more than once: it groups thousands ("1,234,567", "1.234.567"); a decimal
 *    separator appears once at most.
 * 4. One kind, once, followed by other than three digits: the decimal separator ("12,5", "12.50",
 *    "1234.567" — a group of thousands never follows four digits). Unambiguous.
 * 5. One kind, once, after one to three digits (not a lone 0) and before exactly three: ambiguous
 *    ("1,234" is 1234 to an English reader and 1.234 to a Spanish one). The person's locale
 *    decides: its own decimal separator is read as decimal, the other as thousands. So for "en"
 *    "1,234" is 1234 and "1.234" is 1.234; for "es" "1.234" is 1234 and "1,234" is 1.234.
 *
 * Groups of thousands must be well formed (1–3 digits, then groups of exactly 3), so "1,23,456"
 * (Indian grouping) and "12.34.56" are refused rather than guessed.
 */
export function parseTypedAmount(text: string, locale = "en"): TypedAmount {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, problem: "empty" };
  const compact = trimmed.replace(/(?<=\d)[\s\u00a0\u202f'’](?=\d)/g, "");
  const match = /^(-?)(\d[\d.,]*)$/.exec(compact);
  if (!match || /[.,]{2}|[.,]$/.test(match[2]!)) return { ok: false, problem: "not_a_number" };
  const [, sign, digits] = match;

  const lastComma = digits!.lastIndexOf(",");
  const lastDot = digits!.lastIndexOf(".");
  let decimal: "," | "." | null;
  if (lastComma >= 0 && lastDot >= 0) decimal = lastComma > lastDot ? "," : ".";
  else if (lastComma < 0 && lastDot < 0) decimal = null;
  else {
    const separator = lastComma >= 0 ? "," : ".";
    const parts = digits!.split(separator);
    if (parts.length > 2) decimal = null;
    else if (parts[1]!.length === 3 && /^[1-9]\d{0,2}$/.test(parts[0]!)) decimal = decimalSeparatorOf(locale) === separator ? separator : null;
    else decimal = separator;
  }

  const group = decimal === "," ? "." : decimal === "." ? "," : digits!.includes(",") ? "," : ".";
  const cut = decimal ? digits!.lastIndexOf(decimal) : digits!.length;
  const whole = digits!.slice(0, cut);
  const fraction = decimal ? digits!.slice(cut + 1) : "";
  if (whole.includes(group) && !new RegExp(`^\\d{1,3}(?:\\${group}\\d{3})+$`).test(whole)) return { ok: false, problem: "not_a_number" };
  if (/[.,]/.test(whole.replaceAll(group, "")) || /[.,]/.test(fraction)) return { ok: false, problem: "not_a_number" };

  const value = Number(`${sign}${whole.replaceAll(group, "")}${fraction ? `.${fraction}` : ""}`);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, problem: "not_a_number" };
}

/** "," for es, de, fr…; "." for en and anything Intl does not know. */
function decimalSeparatorOf(locale: string): string {
  try {
    return new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === "decimal")?.value ?? ".";
  } catch {
    return ".";
  }
}
