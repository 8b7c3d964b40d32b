import type { Archetype } from "./archetype";
import { esRoles, founderRoles, salesRoles } from "./roles";
import { article } from "./text";

// High value: inbound volume, headcount or budget above the threshold. Urgency makes it immediate.
export const highValueArchetypes = {
  // Immediate: they need it within weeks.
  "volume-urgent": {
    priority: "immediate",
    build: (c) => {
      const co = c.company();
      const leadsPerMonth = c.int(350, 900, 50);
      return {
        lang: "en",
        intent: "diagnosis",
        fit: "good",
        process: "Inbound form qualification",
        roles: [...salesRoles, ...founderRoles],
        subject: "Lead qualification before month end",
        turns: [
          c.pick([
            `[need:Every form lead lands in a shared inbox and the reps pick them by hand, so nobody qualifies them properly].`,
            `[need:Our reps spend hours sorting form leads by hand and the good ones wait days for a reply].`,
          ]),
          c.pick([
            `We're [employees:${article(c.num(co.employees))} ${c.num(co.employees)}-person ${co.industry} company] and [leads:get around ${leadsPerMonth} inbound leads a month] through the website.`,
            `[employees:We have ${c.num(co.employees)} employees] and [leads:our forms bring in about ${leadsPerMonth} leads every month].`,
          ]),
          `[tools:Everything ends up in ${co.crm}]. [urgency:We want a qualification agent live before the end of the month].`,
        ],
        needNote: "form leads are sorted by hand and nobody qualifies them, so good ones wait",
        employees: co.employees,
        monthlyLeads: leadsPerMonth,
        tools: [co.crm],
        timelineDays: 30,
        reasons: [["high_value", "default.high_value.volume", "leads"]],
        whyFits: [
          `Business domain ${co.domain} with an in-scope need (lead qualification)`,
          "Inbound volume above the high-value threshold",
          "Deadline within the month",
        ],
        inferred: [{ field: "pain", value: "Slow first response to inbound leads", basis: "Leads are sorted by hand", from: "need" }],
        questions: ["What budget have they set for this?", "Who owns the sales process internally?"],
        next: { action: "call", why: "call now: high volume with a deadline inside the month; offer a diagnosis call this week" },
      };
    },
  },
  "volume-urgent-es": {
    priority: "immediate",
    build: (c) => {
      const co = c.company();
      const leadsPerMonth = c.int(300, 800, 50);
      return {
        lang: "es",
        intent: "diagnosis",
        fit: "good",
        process: "Inbound lead qualification and routing",
        roles: esRoles,
        subject: "Cualificación de leads",
        turns: [
          `[need:Queremos un agente que cualifique los leads y los pase al comercial adecuado en ${co.crm}].`,
          `Somos [employees:una empresa de ${co.sector ?? co.industry} con ${c.numEs(co.employees)} empleados] y [leads:recibimos unas ${leadsPerMonth} solicitudes al mes] desde la web y LinkedIn.`,
          `[urgency:Lo necesitamos funcionando este mes], porque arrancamos campaña.`,
        ],
        needNote: `an agent that qualifies leads and routes each one to the right rep in ${co.crm}`,
        employees: co.employees,
        monthlyLeads: leadsPerMonth,
        tools: [co.crm],
        timelineDays: 30,
        reasons: [["high_value", "default.high_value.volume", "leads"]],
        whyFits: [
          `Business domain ${co.domain} with an in-scope need (lead qualification)`,
          "Inbound volume above the high-value threshold",
          "Needs it this month",
        ],
        inferred: [{ field: "trigger", value: "Campaign launch", basis: "They start a campaign this month", from: "urgency" }],
        questions: ["What budget do they have for this?", "Which channels bring most of the requests?"],
        next: { action: "call", why: "call in Spanish today: volume and a deadline this month; offer a diagnosis call" },
      };
    },
  },
  "budget-urgent": {
    priority: "immediate",
    build: (c) => {
      const co = c.company();
      const budget = c.int(18000, 40000, 1000);
      const reps = c.int(6, 18);
      return {
        lang: "en",
        intent: "integration",
        fit: "good",
        process: "Form-to-sales handoff",
        roles: [...salesRoles, ...founderRoles],
        turns: [
          `[budget:We have ${c.money(budget)} approved this quarter] to [need:rebuild how leads from our ${co.crm} forms get qualified and handed to sales].`,
          `[urgency:We'd like to start within two weeks].`,
          `[team:Sales is ${reps} reps split between new business and renewals].`,
        ],
        needNote: `rebuild how leads from their ${co.crm} forms are qualified and handed to sales`,
        budget: { amount: budget, currency: c.currency },
        timelineDays: 14,
        tools: [co.crm],
        reasons: [["high_value", "default.high_value.budget", "budget"]],
        whyFits: [`Business domain ${co.domain} with an in-scope need (handoff and qualification)`, "Approved budget above the high-value threshold"],
        questions: ["How many leads a month come through the forms?", "Who signs the order on their side?"],
        next: { action: "call", why: "call today to book the diagnosis: budget approved and they want to start within two weeks" },
      };
    },
  },
  // Normal: no rush on their side.
  "volume-planning": {
    priority: "normal",
    build: (c) => {
      const co = c.company();
      const leadsPerMonth = c.int(300, 700, 25);
      return {
        lang: "en",
        intent: "audit",
        fit: "good",
        process: "Marketing-to-sales handoff",
        roles: salesRoles,
        turns: [
          `[employees:We're ${c.num(co.employees)} people] and [leads:receive roughly ${leadsPerMonth} demo requests a month].`,
          `[need:Before automating anything we want to understand where leads drop between marketing and sales].`,
          `[tools:Marketing runs on ${co.crm}; sales still tracks follow-ups in spreadsheets].`,
          `[timeline:We're planning this for next quarter].`,
        ],
        needNote: "understand where leads drop between marketing and sales before automating anything",
        employees: co.employees,
        monthlyLeads: leadsPerMonth,
        tools: [co.crm, "spreadsheets"],
        reasons: [["high_value", "default.high_value.volume", "leads"]],
        whyFits: [`Business domain ${co.domain} with an in-scope need (sales process audit)`, "Volume above the high-value threshold"],
        questions: ["Who owns the marketing-to-sales handoff today?", "What budget is planned for next quarter?"],
        next: { action: "call", why: "book a diagnosis call this week: good fit and volume, no rush on their side" },
      };
    },
  },
  "budget-audit": {
    priority: "normal",
    build: (c) => {
      const co = c.company();
      const budget = c.int(20000, 45000, 1000);
      const sellers = c.int(8, 30);
      return {
        lang: "en",
        intent: "audit",
        fit: "good",
        process: "End-to-end sales process",
        roles: [...salesRoles, ...founderRoles],
        subject: "Sales process audit",
        turns: [
          `[budget:We've set aside ${c.money(budget)} for this project].`,
          `[need:We want a full audit of our sales process, then an AI agent to qualify inbound leads before they reach the reps].`,
          `[tools:We use ${co.crm} and far too many spreadsheets].`,
          `[team:Our sales team is ${sellers} people across two offices].`,
        ],
        needNote: "a full audit of their sales process, then an AI agent that qualifies inbound leads before the reps",
        budget: { amount: budget, currency: c.currency },
        tools: [co.crm, "spreadsheets"],
        reasons: [["high_value", "default.high_value.budget", "budget"]],
        whyFits: [`Business domain ${co.domain} with an in-scope need (audit and AI agent)`, "Budget above the high-value threshold"],
        questions: ["When would they like the audit to start?", "How many inbound leads a month reach the reps?"],
        next: { action: "call", why: "call to plan the audit: budget set aside and a clear two-step scope" },
      };
    },
  },
  "webinar-volume": {
    priority: "normal",
    build: (c) => {
      const co = c.company();
      const leadsPerMonth = c.int(400, 1000, 50);
      const sellers = c.int(8, 20);
      return {
        lang: "en",
        intent: "diagnosis",
        fit: "good",
        process: "Marketing-to-sales handoff",
        roles: ["Head of Growth", "Revenue Operations Lead", "Marketing Director"],
        page: "Webinar: human handoff",
        turns: [
          `[leads:We get about ${leadsPerMonth} leads a month from LinkedIn ads and webinars], [need:and the handoff from marketing to sales is a mess: no context, and reps ask the same questions again].`,
          `[tools:Our stack is HubSpot plus Slack].`,
          `[employees:We're ${co.employees} people], with [team:a sales team of ${sellers}].`,
        ],
        needNote: "the handoff from marketing to sales loses context, so reps ask the same questions again",
        employees: co.employees,
        monthlyLeads: leadsPerMonth,
        tools: ["HubSpot", "Slack"],
        reasons: [["high_value", "default.high_value.volume", "leads"]],
        whyFits: [`Business domain ${co.domain} with an in-scope need (handoff)`, "Volume above the high-value threshold"],
        questions: ["What does a rep receive today when a lead is handed over?", "Is there a budget for this year?"],
        next: { action: "call", why: "book a diagnosis call: exactly the handoff problem the webinar covered" },
      };
    },
  },
  "volume-es-normal": {
    priority: "normal",
    build: (c) => {
      const co = c.company();
      const leadsPerMonth = c.int(300, 600, 25);
      return {
        lang: "es",
        intent: "diagnosis",
        fit: "good",
        process: "Inbound information requests",
        roles: esRoles,
        turns: [
          `[employees:Somos ${co.employees} personas] y [leads:captamos unas ${leadsPerMonth} solicitudes de información al mes] para nuestros cursos para empresas.`,
          `[need:El equipo comercial tarda días en responder y muchas se pierden].`,
          `[tools:Usamos ${co.crm}]. [timeline:Queremos empezar después del verano].`,
        ],
        needNote: "their sales team takes days to answer information requests and many are lost",
        employees: co.employees,
        monthlyLeads: leadsPerMonth,
        tools: [co.crm],
        reasons: [["high_value", "default.high_value.volume", "leads"]],
        whyFits: [`Business domain ${co.domain} with an in-scope need (response and qualification)`, "Volume above the high-value threshold"],
        questions: ["What budget do they have?", "Who answers the requests today?"],
        next: { action: "call", why: "call in Spanish to book a diagnosis; no rush, start planned after summer" },
      };
    },
  },
  "salesforce-enterprise": {
    priority: "normal",
    build: (c) => {
      const co = c.company();
      const leadsPerMonth = c.int(2000, 5000, 250);
      return {
        lang: "en",
        intent: "audit",
        fit: "good",
        process: "Lead qualification and handoff across regions",
        roles: ["VP of Sales Operations", "Head of Revenue Operations"],
        subject: "Standardising lead handoff",
        turns: [
          `We have [team:four regional sales teams] working in [tools:Salesforce], and [leads:more than ${c.num(leadsPerMonth)} inbound enquiries a month].`,
          `[need:We want to standardise how leads are qualified and what context reps receive when a lead is handed over].`,
          `[timeline:We're budgeting for it in the next financial year].`,
        ],
        needNote: "standardise how leads are qualified and what context reps receive at handoff, across regional teams",
        monthlyLeads: leadsPerMonth,
        tools: ["Salesforce"],
        reasons: [["high_value", "default.high_value.volume", "leads"]],
        whyFits: [`Business domain ${co.domain} with an in-scope need (qualification and handoff)`, "Very high inbound volume"],
        questions: ["Who owns the budget for the next financial year?", "Do all four teams use the same qualification criteria today?"],
        next: { action: "call", why: "call to scope an audit across the regions in time for their budget cycle" },
      };
    },
  },
} satisfies Record<string, Archetype>;
