import { criticalQuestion } from "@/lib/agent/questions";
import type { TranscriptLine } from "@/lib/chat/next-reply";

export type Answer = { value: string; fragment: string };
export type ChatAnswers = { company: Answer | null; need: Answer | null };

const refusal =
  /^(no+|nope|n\/?a|none|nothing|-+|\?+|why\??|prefer not( to say)?|i'?d rather not( say)?|not telling|ninguna?|nada|prefiero no( decirlo)?|no s[eé]|hi|hello|hey|hola|ok(ay)?|thanks?( you)?|gracias)[\s.!]*$/iu;
const companyLead =
  /^(?:(?:it'?s|it is|we'?re|we are|i'?m with|i am with|i work (?:at|for)|the company is|company:?|my company is|at|from|with|for|somos|soy de|trabajo en|la empresa es|mi empresa es|empresa:?|de|en)\s+)+/iu;

/**
 * What the lead answered to the agent's own questions. A bare "Northwind Logistics" after "Which
 * company are you with?" says nothing on its own; next to the question it is the company. Only
 * the message right after a question counts, only if it reads like an answer, and the words kept
 * are exactly the lead's (they are the fact's fragment).
 */
export function readAnswers(transcript: readonly TranscriptLine[], ignore: (sentence: string) => boolean): ChatAnswers {
  const answers: ChatAnswers = { company: null, need: null };
  for (let i = 0; i < transcript.length - 1; i++) {
    const asked = transcript[i];
    const reply = transcript[i + 1];
    if (asked!.author !== "agent" || reply!.author !== "lead") continue;
    const text = reply!.text.trim();
    if (!text || refusal.test(text) || ignore(text)) continue;
    if (!answers.company && asksFor(asked!.text, "company")) answers.company = companyAnswer(text);
    if (!answers.need && asksFor(asked!.text, "need")) answers.need = needAnswer(text);
  }
  return answers;
}

/** "No", "I'd rather not say", a bare greeting: a reply that answers nothing. */
export function isRefusal(text: string): boolean {
  return refusal.test(text.trim());
}

function companyAnswer(text: string): Answer | null {
  const value = text
    .replace(companyLead, "")
    .replace(/[.!]+$/u, "")
    .trim();
  const words = value.split(/\s+/).length;
  // A company name is short and plain: a sentence, a question or an address is something else.
  if (!value || value.length > 80 || words > 6 || /[?@\n]/u.test(value) || !/\p{L}/u.test(value)) return null;
  return { value, fragment: text };
}

function needAnswer(text: string): Answer | null {
  if (text.length < 3 || !/\p{L}{2,}/u.test(text) || /^\S+@\S+$/u.test(text)) return null;
  const value = text.length > 500 ? `${text.slice(0, 497)}…` : text;
  return { value, fragment: text };
}

function asksFor(text: string, field: "company" | "need"): boolean {
  return text.includes(criticalQuestion(field, "en")) || text.includes(criticalQuestion(field, "es"));
}
