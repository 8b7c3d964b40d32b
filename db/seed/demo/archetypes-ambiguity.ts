import type { Archetype } from "./archetype";
import { esRoles, founderRoles } from "./roles";

// Ambiguity (normal): several needs at once and no stated objective.
export const ambiguityArchetypes = {
  ambiguity: {
    priority: "normal",
    build: (c) => {
      const variant = c.pick([0, 1]);
      return {
        lang: "en",
        intent: "other",
        fit: "partial",
        process: null,
        roles: [...founderRoles, "Marketing Director"],
        turns:
          variant === 0
            ? [
                `[need:Honestly we need help with a few things: our website feels outdated, we might want a chatbot, and the sales team keeps missing its targets].`,
                `[goal:Not sure where to start], can you advise?`,
              ]
            : [
                `[need:We're looking at AI for several things: answering questions on the website, maybe a new booking system, and winning more corporate clients].`,
                `[goal:We haven't decided what matters most yet].`,
              ],
        needNote:
          variant === 0
            ? "several needs at once (an outdated website, maybe a chatbot, sales missing targets) with no stated objective"
            : "several needs at once (website answers, maybe a booking system, more corporate clients) with no stated objective",
        reasons: [["ambiguity", "default.ambiguity.mixed_needs", "need"]],
        whyFits: ["Business with a sales problem that is in scope"],
        whyNot: ["Part of the request (website, booking system) is not a service we offer", "No stated objective yet"],
        questions: ["Which of these problems costs them the most today?", "How many leads a month reach the sales team?", "Which CRM do they use?"],
        next: { action: "call", why: "short discovery call to separate the sales-process problem from the rest" },
      };
    },
  },
  "ambiguity-es": {
    priority: "normal",
    build: () => ({
      lang: "es",
      intent: "other",
      fit: "partial",
      process: null,
      roles: esRoles,
      subject: "Ayuda",
      turns: [
        `[need:Necesitamos mejorar varias cosas: la web, las redes sociales y que el equipo comercial venda más].`,
        `[goal:No tenemos claro por dónde empezar].`,
      ],
      needNote: "several needs at once (website, social media, sales results) and no clear starting point",
      reasons: [["ambiguity", "default.ambiguity.mixed_needs", "need"]],
      whyFits: ["Business with a sales problem that is in scope"],
      whyNot: ["Website and social media are not services we offer", "No stated objective yet"],
      questions: ["What is the main sales problem: too few leads, or leads not converting?", "Which CRM do they use?"],
      next: { action: "call", why: "discovery call in Spanish to find the sales problem behind the request" },
    }),
  },
} satisfies Record<string, Archetype>;
