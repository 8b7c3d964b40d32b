import { extractTools } from "@/lib/agent/need";
import { findBudget, findEmployees, findMonthlyLeads, findTimelineDays } from "@/lib/agent/numbers";

/** What a question asks about, when it is one the agent can recognise in an answer. */
export type AnswerTopic = "tools" | "volume" | "timeline" | "budget";

const questionTopics: [AnswerTopic, RegExp][] = [
  ["tools", /\b(crm|tools?|software|herramientas?|stack)\b/iu],
  ["volume", /\b(how many|leads|team|volume|employees|people|cu[aá]nt[oa]s|equipo|empleados|personas)\b/iu],
  ["timeline", /\b(when|timeline|deadline|by when|start|cu[aá]ndo|plazo|para cu[aá]ndo)\b/iu],
  ["budget", /\b(budget|spend|presupuesto|invertir)\b/iu],
];

export function questionTopic(question: string): AnswerTopic | null {
  return questionTopics.find(([, pattern]) => pattern.test(question))?.[0] ?? null;
}

/**
 * One message can answer several questions: "We use Pipedrive, about 400 leads a month, we need it
 * in 6 weeks". Split at commas, semicolons, sentence ends and "and"/"y", and say which topics each
 * part answers, with the part's exact words.
 */
export function answerParts(text: string): { words: string; topics: AnswerTopic[] }[] {
  return (
    text
      // A comma inside a number ("20,000") does not split.
      .split(/,(?!\d)\s*|;\s*|(?<=[.!?])\s+|\s+(?:and|y|plus|also)\s+/iu)
      .map((words) => words.trim())
      .filter((words) => /\p{L}|\d/u.test(words))
      .map((words) => ({ words, topics: topicsOf(words) }))
  );
}

function topicsOf(words: string): AnswerTopic[] {
  const topics: AnswerTopic[] = [];
  if (extractTools(words).length || /\b(we use|usamos|trabajamos con|spreadsheets?|hojas de c[aá]lculo|no crm|ning[uú]n crm)\b/iu.test(words))
    topics.push("tools");
  if (
    findMonthlyLeads(words) ||
    findEmployees(words) ||
    /\b\d[\d.,]*\s*(leads?|inquiries|requests|solicitudes|people|reps|personas|comerciales)\b/iu.test(words)
  )
    topics.push("volume");
  if (findTimelineDays(words) || /\b(no rush|asap|urgent(ly)?|sin prisa|cuanto antes|urgente|next (quarter|year)|q[1-4])\b/iu.test(words))
    topics.push("timeline");
  if (findBudget(words) || /[$€£]\s?\d|\d\s?(k|€|eur|usd)\b/iu.test(words)) topics.push("budget");
  return topics;
}
