import { detectLanguage } from "@/lib/agent/need";
import { words } from "@/lib/knowledge/text";

export type KnowledgeLanguage = "en" | "es";
export const knowledgeLanguages = ["en", "es"] as const;

// Short questions ("¿Integráis con HubSpot?") carry few of the words lib/agent counts, so a question
// is also read for what marks Spanish on its own: ¿ ¡ ñ, accents, and the common words below.
const spanishCues = new Set(
  "que como cuanto cuanta cuantos cual cuales donde cuando quien por para con sin los las una unos del al es son hay de el la un y se lo nos os esta este tienen teneis ofrecen ofreceis hacen haceis puedo pueden podeis trabajan trabajais integran integrais usan usais necesito queremos somos mi mis nuestro nuestra vuestro vuestra tambien precio empresa datos idioma llamada cuesta".split(
    " ",
  ),
);
const englishCues = new Set(
  "what how which where when who why is are do does did can could will would the a an of for with your you our we my to in on it this that have has price company data language call cost".split(
    " ",
  ),
);

/** The language of a lead's question; `fallback` (the conversation's) breaks a tie. */
export function questionLanguage(text: string, fallback: KnowledgeLanguage = "en"): KnowledgeLanguage {
  return readLanguage(text, fallback).language;
}

/** The language and whether the words said so clearly (a margin of two cues or more). */
export function readLanguage(text: string, fallback: KnowledgeLanguage = "en"): { language: KnowledgeLanguage; clear: boolean } {
  let spanish = /[¿¡ñáéíóú]/i.test(text) ? 2 : 0;
  let english = 0;
  for (const word of words(text)) {
    if (spanishCues.has(word)) spanish++;
    if (englishCues.has(word)) english++;
  }
  const clear = Math.abs(spanish - english) >= 2;
  if (spanish === english) return { language: spanish === 0 ? fallback : detectLanguage(text) === "es" ? "es" : fallback, clear };
  return { language: spanish > english ? "es" : "en", clear };
}
