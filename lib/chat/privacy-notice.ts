import type { Language } from "@/lib/chat/agent-lines";
import type { NextReply } from "@/lib/chat/next-reply";
import type { MaskedValue } from "@/lib/privacy/mask-text";
import type { SensitiveKind } from "@/lib/privacy/masks";

const names: Record<Language, Record<SensitiveKind, string>> = {
  en: { card: "the card number", iban: "the bank account number", credential: "the password or access key", national_id: "the ID number" },
  es: { card: "el número de tarjeta", iban: "el número de cuenta", credential: "la contraseña o clave", national_id: "el número de identificación" },
};

/** What the agent tells a lead whose message held a sensitive value: it was removed, and not to send such data. */
export function privacyNotice(removed: readonly MaskedValue[], language: Language): string | null {
  const kinds = [...new Set(removed.map((r) => r.kind))];
  if (!kinds.length) return null;
  const what = list(
    kinds.map((k) => names[language][k]),
    language === "es" ? "y" : "and",
  );
  return language === "es"
    ? `He eliminado ${what} que enviaste: no se guarda ni se comparte. Por favor, no envíes por este chat números de tarjeta, contraseñas, datos bancarios ni documentos de identidad.`
    : `I've removed ${what} you sent: it is not stored or passed on. Please don't send card numbers, passwords, bank details or ID numbers in this chat.`;
}

/** The agent's reply with the notice first; a reply that would have been silent says only the notice. */
export function withPrivacyNotice(reply: NextReply, removed: readonly MaskedValue[], language: Language): NextReply {
  const notice = privacyNotice(removed, language);
  if (!notice) return reply;
  return { ...reply, text: reply.text ? `${notice} ${reply.text}` : notice };
}

function list(items: string[], and: string): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} ${and} ${items.at(-1)}`;
}
