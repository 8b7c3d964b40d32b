import type { CriticalField } from "@/lib/contract/decision";

// Everything the chat agent says in its own words, in the languages the seller serves (EN, ES).
// The questions about missing fields come from lib/agent/questions.ts, so the chat and the
// packages ask the same things.

export type Language = "en" | "es";

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
      `No problem. Whenever you're ready, tell me ${list(
        fields.map((f) => fieldNames.en[f]),
        "and",
      )} here, and I'll pass everything on to our team.`,
    moreDetail: "Thanks! Tell me a bit more about what you're looking for, and I'll get it to the right person.",
    filter:
      "Thanks for reaching out! We're a B2B consultancy that helps companies with their sales process, lead qualification and CRM integrations, so I'm afraid this isn't something we can help with. Best of luck!",
    filterAgain: "Thanks for your message. As I said, this is outside what we do, but we appreciate you thinking of us.",
    act: (url: string) =>
      `Thanks, that sounds like a good fit! The next step is a free diagnosis call, and you can pick a time that suits you here: ${url}. I've also passed your details to our team.`,
    actAgain: (url: string) => `Noted, thanks! Here's the booking link again whenever you're ready: ${url}`,
    // No booking link is set (owner, team or default): the agent promises a person, not a booking.
    actNoLink:
      "Thanks, that sounds like a good fit! I've passed your details to our team, and someone will get in touch with you to arrange a free diagnosis call.",
    actAgainNoLink: "Noted, thanks! Our team has your details and will be in touch to arrange the call.",
    escalate: (name: string | null, email: string | null) =>
      `Thank you${name ? `, ${name}` : ""}! I'm passing this to a person on our sales team, who will follow up with you personally${email ? ` at ${email}` : ""}.`,
    escalateAgain: "Thanks, I've added that for our team. A person will follow up with you soon.",
    reachYou: "So they can reach you:",
    takeover: (owner: string | null) => `${owner ?? "A colleague"} from our team is taking over from here and will reply to you personally.`,
    personRequested: (who: string | null, email: string | null) =>
      `Of course. I'm passing you to ${who ?? "a person on our sales team"} now; they will answer you right here${email ? ` (or at ${email})` : ""}.`,
    personRequestedAgain: (who: string | null) => `Thanks, I've added that for ${who ?? "our team"}.`,
    reachYouIfAway: "So they can reach you if you leave the chat:",
  },
  es: {
    hello: "¡Hola, gracias por escribirnos!",
    thanks: "¡Gracias!",
    again: "Para poder pasárselo bien al equipo:",
    closing: (fields: CriticalField[]) =>
      `Sin problema. Cuando quieras, cuéntame aquí ${list(
        fields.map((f) => fieldNames.es[f]),
        "y",
      )} y se lo paso todo a nuestro equipo.`,
    moreDetail: "¡Gracias! Cuéntame un poco más sobre lo que buscas y se lo hago llegar a la persona adecuada.",
    filter:
      "¡Gracias por escribirnos! Somos una consultora B2B que ayuda a las empresas con su proceso comercial, la calificación de leads y las integraciones con el CRM, así que me temo que no podemos ayudarte con esto. ¡Mucha suerte!",
    filterAgain: "Gracias por tu mensaje. Como te decía, esto queda fuera de lo que hacemos, pero te agradecemos que hayas pensado en nosotros.",
    act: (url: string) =>
      `¡Gracias, encaja muy bien con lo que hacemos! El siguiente paso es una llamada de diagnóstico gratuita; puedes elegir la hora que mejor te venga aquí: ${url}. También he pasado tus datos a nuestro equipo.`,
    actAgain: (url: string) => `¡Anotado, gracias! Aquí tienes otra vez el enlace para reservar cuando quieras: ${url}`,
    actNoLink:
      "¡Gracias, encaja muy bien con lo que hacemos! He pasado tus datos a nuestro equipo y alguien se pondrá en contacto contigo para concertar una llamada de diagnóstico gratuita.",
    actAgainNoLink: "¡Anotado, gracias! Nuestro equipo tiene tus datos y te contactará para concertar la llamada.",
    escalate: (name: string | null, email: string | null) =>
      `¡Gracias${name ? `, ${name}` : ""}! Voy a pasar tu mensaje a una persona de nuestro equipo comercial, que te contactará personalmente${email ? ` en ${email}` : ""}.`,
    escalateAgain: "Gracias, lo he añadido para nuestro equipo. Una persona te contactará pronto.",
    reachYou: "Para que puedan contactarte:",
    takeover: (owner: string | null) => `${owner ?? "Una persona"} de nuestro equipo se encarga a partir de ahora y te responderá personalmente.`,
    personRequested: (who: string | null, email: string | null) =>
      `Por supuesto. Te paso ahora con ${who ?? "una persona de nuestro equipo comercial"}; te responderá aquí mismo${email ? ` (o en ${email})` : ""}.`,
    personRequestedAgain: (who: string | null) => `Gracias, lo he añadido para ${who ?? "nuestro equipo"}.`,
    reachYouIfAway: "Para que puedan contactarte si sales del chat:",
  },
} as const;

function list(items: string[], and: string): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${and} ${items.at(-1)}`;
}
