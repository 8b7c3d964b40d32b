// How each kind of sensitive value is shown once removed (triage-contract.md section 4). The masks
// are the record that a value was shared: they are built here only, and read back by describe-masks.ts.

export const sensitiveKinds = ["card", "iban", "credential", "national_id"] as const;
export type SensitiveKind = (typeof sensitiveKinds)[number];

export const REMOVED = "[removed]";
/** U+2022: never typed by accident, so a mask reads as one. */
export const DOT = "•";

/** A card as •••• 1111, an IBAN as ES•• •••• 1332, a national id as •••78Z, a password or token as [removed]. */
export function maskFor(kind: SensitiveKind, value: string): string {
  const plain = value.replace(/[\s-]/g, "").toUpperCase();
  switch (kind) {
    case "card":
      return `${DOT.repeat(4)} ${plain.slice(-4)}`;
    case "iban":
      return `${plain.slice(0, 2)}${DOT.repeat(2)} ${DOT.repeat(4)} ${plain.slice(-4)}`;
    case "national_id":
      return `${DOT.repeat(3)}${plain.slice(-3)}`;
    case "credential":
      return REMOVED;
  }
}
