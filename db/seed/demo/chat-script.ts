import type { Lang } from "./archetype";

// What the chat widget says around the lead's turns. Before each turn after the first it asks the
// scripted question for that turn's first marked fact, so the transcript reads as a real exchange;
// turns with no scripted fact get a generic prompt.

export const chatScript: Record<Lang, { greeting: string; closing: string; byKey: Record<string, string>; fallback: string[] }> = {
  en: {
    greeting: "Hi! I can help with a sales process audit, an AI sales agent or a CRM integration. What would you like to improve?",
    closing: "Thanks, that's clear. I'm passing this to a colleague on the sales team, who will get back to you shortly.",
    byKey: {
      employees: "How large is the company, and roughly how many inbound leads do you get a month?",
      leads: "Roughly how many inbound leads do you get a month?",
      tools: "Which CRM or tools do you use today?",
      urgency: "Is there a date you need this working by?",
      timeline: "When would you like to start?",
      budget: "Have you set a budget for this?",
      pricing: "Understood. Do you have a budget or a reference price in mind?",
      discount: "Thanks for reviewing it. Is anything holding you back?",
      legal: "Is there anything you need from us before going ahead?",
      complaint: "I'm sorry to hear that. Can you tell me more?",
      sensitive: "Is there any existing data you'd want to bring across?",
      exception: "Are there any requirements we should know about?",
      action: "How can we help with the next step?",
      noemail: "Could you leave an email so a colleague can follow up?",
    },
    fallback: ["Got it. Anything else the team should know?", "Thanks. Is there anything else?"],
  },
  es: {
    greeting: "¡Hola! Puedo ayudarte con una auditoría comercial, un agente de ventas con IA o una integración con tu CRM. ¿Qué te gustaría mejorar?",
    closing: "Gracias, queda claro. Paso tu caso a un compañero del equipo comercial, que te contactará enseguida.",
    byKey: {
      employees: "¿Cuántas personas sois y cuántos leads recibís al mes, más o menos?",
      leads: "¿Cuántos leads recibís al mes, más o menos?",
      tools: "¿Qué CRM o herramientas usáis ahora?",
      urgency: "¿Para cuándo lo necesitáis?",
      timeline: "¿Cuándo os gustaría empezar?",
      pricing: "Entendido. ¿Tenéis un presupuesto en mente?",
      legal: "¿Necesitáis algo de nuestra parte antes de empezar?",
      exception: "¿Hay algún requisito que debamos conocer?",
    },
    fallback: ["Entendido. ¿Algo más que deba saber el equipo?", "Gracias. ¿Algo más?"],
  },
};
