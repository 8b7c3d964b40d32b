import type { CriticalField } from "@/lib/contract/decision";

// Everything the chat agent says in its own words, in the languages the seller serves (EN, ES).
// The questions about missing fields come from lib/agent/questions.ts, so the chat and the
// packages ask the same things.

export type Language = "en" | "es";

/** Where an `act` sends the lead. A placeholder until the booking integration (and its setting) lands. */
export const DEFAULT_BOOKING_URL = "https://example.com/book/diagnosis-call";

/** Shown before the lead writes, and stored as the first line of every chat transcript. */
export const GREETING =
  "Hi! I'm the assistant of our sales team. Tell me a little about what you're looking for, and I'll make sure the right person gets back to you. (¿Prefieres español? Escríbeme en español.)";

const fieldNames: Record<Language, Record<CriticalField, string>> = {
  en: { email: "the best email to reach you", company: "your company", need: "what you'd like help with" },
  es: { email: "el mejor email para contactarte", company: "tu empresa", need: "en qué te podemos ayudar" },
};

export const lines = {
  en: {
    hello: "Hi, thanks for reaching out!",
    thanks: "Thanks!",
    again: "Just so I can pass this on properly:",
    closing: (fields: CriticalField[]) =>
      `No problem. Whenever you're ready, tell me ${list(fields.map((f) => fieldNames.en[f]), "and")} here, and I'll pass everything on to our team.`,
    moreDetail: "Thanks! Tell me a bit more about what you're looking for, and I'll get it to the right person.",
    filter:
      "Thanks for reaching out! We're a B2B consultancy that helps companies with their sales process, lead qualification and CRM integrations, so I'm afraid this isn't something we can help with. Best of luck!",
    filterAgain: "Thanks for your message. As I said, this is outside what we do, but we appreciate you thinking of us.",
    act: (url: string) =>
      `Thanks, that sounds like a good fit! The next step is a free diagnosis call, and you can pick a time that suits you here: ${url}. I've also passed your details to our team.`,
    actAgain: (url: string) => `Noted, thanks! Here's the booking link again whenever you're ready: ${url}`,
    escalate: (name: string | null, email: string | null) =>
      `Thank you${name ? `, ${name}` : ""}! I'm passing this to a person on our sales team, who will follow up with you personally${email ? ` at ${email}` : ""}.`,
    escalateAgain: "Thanks, I've added that for our team. A person will follow up with you soon.",
    reachYou: "So they can reach you:",
    takeover: (owner: string | null) => `${owner ?? "A colleague"} from our team is taking over from here and will reply to you personally.`,
  },
  es: {
    hello: "¡Hola, gracias por escribirnos!",
    thanks: "¡Gracias!",
    again: "Para poder pasárselo bien al equipo:",
    closing: (fields: CriticalField[]) =>
      `Sin problema. Cuando quieras, cuéntame aquí ${list(fields.map((f) => fieldNames.es[f]), "y")} y se lo paso todo a nuestro equipo.`,
    moreDetail: "¡Gracias! Cuéntame un poco más sobre lo que buscas y se lo hago llegar a la persona adecuada.",
    filter:
      "¡Gracias por escribirnos! Somos una consultora B2B que ayuda a las empresas con su proceso comercial, la calificación de leads y las integraciones con el CRM, así que me temo que no podemos ayudarte con esto. ¡Mucha suerte!",
    filterAgain: "Gracias por tu mensaje. Como te decía, esto queda fuera de lo que hacemos, pero te agradecemos que hayas pensado en nosotros.",
    act: (url: string) =>
      `¡Gracias, encaja muy bien con lo que hacemos! El siguiente paso es una llamada de diagnóstico gratuita; puedes elegir la hora que mejor te venga aquí: ${url}. También he pasado tus datos a nuestro equipo.`,
    actAgain: (url: string) => `¡Anotado, gracias! Aquí tienes otra vez el enlace para reservar cuando quieras: ${url}`,
    escalate: (name: string | null, email: string | null) =>
      `¡Gracias${name ? `, ${name}` : ""}! Voy a pasar tu mensaje a una persona de nuestro equipo comercial, que te contactará personalmente${email ? ` en ${email}` : ""}.`,
    escalateAgain: "Gracias, lo he añadido para nuestro equipo. Una persona te contactará pronto.",
    reachYou: "Para que puedan contactarte:",
    takeover: (owner: string | null) => `${owner ?? "Una persona"} de nuestro equipo se encarga a partir de ahora y te responderá personalmente.`,
  },
} as const;

function list(items: string[], and: string): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${and} ${items.at(-1)}`;
}
