import type { FactSheet } from "@/lib/agent/facts";
import type { CriticalField } from "@/lib/contract/decision";

const wording = {
  en: {
    email: "What is the best email address to reach you?",
    company: "Which company are you with?",
    need: "What would you like help with: qualifying leads, connecting forms to your CRM, an AI sales agent, or something else?",
    timeline: "When do you need this in place?",
    volume: "Roughly how many inbound leads do you get a month, and how big is the team?",
    tools: "Which CRM and tools do you use today?",
    budget: "Is there a budget set aside for this?",
  },
  es: {
    email: "¿Cuál es el mejor email para contactarte?",
    company: "¿De qué empresa nos escribes?",
    need: "¿En qué te podemos ayudar: calificar leads, conectar formularios con tu CRM, un agente de ventas con IA u otra cosa?",
    timeline: "¿Para cuándo lo necesitáis?",
    volume: "¿Cuántos leads entrantes recibís al mes, más o menos, y cuántas personas sois?",
    tools: "¿Qué CRM y herramientas usáis hoy?",
    budget: "¿Tenéis un presupuesto asignado para esto?",
  },
} as const;

/** The question for one critical field: the chat asks them one at a time and reads the answer that follows. */
export function criticalQuestion(field: CriticalField, language: FactSheet["language"]): string {
  return wording[language][field];
}

/** Critical gaps first (in the order the agent asks them), then the unknowns that would sharpen the call. */
export function openQuestions(facts: FactSheet, missing: CriticalField[], known: { urgencyStated?: boolean } = {}): string[] {
  const w = wording[facts.language];
  const questions: string[] = missing.map((field) => w[field]);
  // "asap" answers "when?" well enough: asking again would repeat what the lead already said.
  if (!facts.timelineDays && !known.urgencyStated) questions.push(w.timeline);
  if (!facts.employees && !facts.monthlyLeads) questions.push(w.volume);
  if (facts.tools.length === 0) questions.push(w.tools);
  if (!facts.budget) questions.push(w.budget);
  return questions;
}
