import type { ReasonCode } from "@/lib/contract/package";
import type { Archetype } from "./archetype";
import { esRoles, founderRoles, salesRoles } from "./roles";
import { article } from "./text";

// Offer exception (normal): an in-scope need on terms outside the standard offer: resale,
// on-premise, an unsupported CRM or language.
export const offerExceptionArchetypes = {
  "white-label": {
    priority: "normal",
    build: (c) => {
      const co = c.company();
      const big = co.employees >= 50;
      return {
        lang: "en",
        intent: "partnership",
        fit: "partial",
        process: "Lead qualification for agency clients",
        roles: founderRoles,
        subject: "Partnership / white-label",
        turns: [
          `We're [employees:${article(c.num(co.employees))} ${c.num(co.employees)}-person ${co.industry}] and [exception:we'd like to resell your AI sales agent to our clients under our own brand].`,
          `[need:Most of our clients use HubSpot and struggle to qualify the leads their forms bring in].`,
          `Is there a partner or white-label programme?`,
        ],
        needNote: "resell our AI sales agent under their brand to clients who use HubSpot and struggle to qualify form leads",
        employees: co.employees,
        reasons: [
          ["offer_exception", "default.offer_exception.white_label", "exception"],
          ...(big ? [["high_value", "default.high_value.volume", "employees"] as [ReasonCode, string, string]] : []),
        ],
        whyFits: ["Their clients' need is in scope (form lead qualification on HubSpot)"],
        whyNot: ["White-label resale is outside the standard offer"],
        questions: ["How many client accounts would use it in the first year?", "Who would support their clients day to day?"],
        next: { action: "call", why: "qualify the partnership: client count, who supports end clients, and branding limits" },
      };
    },
  },
  "reseller-es": {
    priority: "normal",
    build: () => ({
      lang: "es",
      intent: "partnership",
      fit: "partial",
      process: "Lead qualification for agency clients",
      roles: ["CEO", "Responsable de partners"],
      subject: "Programa de partners",
      turns: [
        `[exception:Somos partner de HubSpot y queremos ofrecer vuestro agente de ventas con nuestra marca] a nuestros clientes.`,
        `[need:Muchos de ellos tienen formularios que generan leads sin cualificar].`,
        `¿Tenéis un programa de partners?`,
      ],
      needNote: "offer our sales agent under their own brand to their HubSpot clients, whose forms bring unqualified leads",
      tools: ["HubSpot"],
      reasons: [["offer_exception", "default.offer_exception.white_label", "exception"]],
      whyFits: ["Their clients' need is in scope (form lead qualification)"],
      whyNot: ["White-label resale is outside the standard offer", "An agency offering similar services"],
      questions: ["How many client accounts would they bring?", "Do they build their own agents today?"],
      next: { action: "call", why: "short call in Spanish to see whether this is a partner or a competitor" },
    }),
  },
  "on-prem": {
    priority: "normal",
    build: (c) => {
      const co = c.company();
      const kind = c.pick(["broker", "corporate client"]);
      return {
        lang: "en",
        intent: "integration",
        fit: "partial",
        process: `${kind === "broker" ? "Broker" : "Corporate client"} enquiry qualification`,
        roles: ["Head of Digital Sales", "Director of Sales Operations", "Head of Distribution"],
        subject: "AI qualification assistant: deployment requirements",
        turns: [
          `[need:We want an AI assistant that qualifies ${kind} enquiries from our website before they reach our sales team].`,
          `[exception:Our security policy requires it to run on our own servers, with no public cloud].`,
          `[employees:We're about ${c.num(co.employees)} employees] and [tools:our CRM is ${co.crm}].`,
        ],
        needNote: `an AI assistant that qualifies ${kind} enquiries from their website before sales sees them`,
        employees: co.employees,
        tools: [co.crm],
        reasons: [
          ["offer_exception", "default.offer_exception.on_prem", "exception"],
          ["high_value", "default.high_value.volume", "employees"],
        ],
        whyFits: [`Business domain ${co.domain} with an in-scope need (lead qualification)`, "Large company"],
        whyNot: ["We deliver as a cloud service; on-premise is outside the standard offer"],
        questions: ["Would a private-cloud or EU-hosted deployment satisfy their security policy?", "Who in security signs off on vendors?"],
        next: { action: "call", why: "call with a solutions architect to test whether a private-cloud option meets their policy" },
      };
    },
  },
  "unsupported-crm": {
    priority: "normal",
    build: (c) => {
      const co = c.company();
      const leadsPerMonth = c.int(150, 600, 50);
      return {
        lang: "en",
        intent: "integration",
        fit: "partial",
        process: "Chat lead capture into the CRM",
        roles: salesRoles,
        turns: [
          `[tools:We run sales on ${co.crm}] and [need:want our website chat to create and qualify leads there automatically].`,
          `[exception:Do you integrate with ${co.crm}? Your site only mentions HubSpot, Pipedrive and Salesforce].`,
          `[leads:We get around ${leadsPerMonth} leads a month].`,
        ],
        needNote: `website chat that creates and qualifies leads in ${co.crm} automatically`,
        monthlyLeads: leadsPerMonth,
        tools: [co.crm],
        reasons: [
          ["offer_exception", "default.offer_exception.unsupported_crm", "exception"],
          ...(leadsPerMonth >= 300 ? [["high_value", "default.high_value.volume", "leads"] as [ReasonCode, string, string]] : []),
        ],
        whyFits: [`Business domain ${co.domain} with an in-scope need (chat qualification)`],
        whyNot: [`${co.crm} is not one of the CRMs we integrate with`],
        questions: [`Would they consider syncing through an intermediate tool, or is ${co.crm} fixed?`, "When would they want it live?"],
        next: { action: "call", why: "call to check whether a custom connector is worth it at their volume" },
      };
    },
  },
  "unsupported-crm-es": {
    priority: "normal",
    build: (c) => {
      const co = c.company();
      return {
        lang: "es",
        intent: "integration",
        fit: "partial",
        process: "Web form lead qualification",
        roles: esRoles,
        turns: [
          `[tools:Trabajamos con Odoo para todo], también como CRM.`,
          `[need:Queremos que los leads del formulario de la web se cualifiquen solos y lleguen al comercial con contexto].`,
          `[exception:¿Podéis integraros con Odoo?] [employees:Somos ${co.employees} personas].`,
        ],
        needNote: "leads from their web form qualified automatically and handed to the rep with context",
        employees: co.employees,
        tools: ["Odoo"],
        reasons: [
          ["offer_exception", "default.offer_exception.unsupported_crm", "exception"],
          ["high_value", "default.high_value.volume", "employees"],
        ],
        whyFits: [`Business domain ${co.domain} with an in-scope need (lead qualification)`],
        whyNot: ["Odoo is not one of the CRMs we integrate with"],
        questions: ["How many leads a month come through the form?", "Is moving the sales pipeline out of Odoo an option?"],
        next: { action: "call", why: "call in Spanish to size the Odoo connector against their volume" },
      };
    },
  },
  "unsupported-language": {
    priority: "normal",
    build: (c) => {
      const co = c.company();
      const [markets, language] =
        co.country === "BR" ? ["Brazil", "Portuguese"] : co.country === "FR" ? ["France and Belgium", "French"] : ["Austria and Germany", "German"];
      const leadsPerMonth = c.int(200, 700, 50);
      return {
        lang: "en",
        intent: "integration",
        fit: "partial",
        process: "Website lead answering and qualification",
        roles: [...salesRoles, "Marketing Director"],
        turns: [
          `[need:We'd like an AI agent to answer and qualify the leads that come in through our website].`,
          `[exception:Most of our customers are in ${markets}, so it has to speak ${language}].`,
          `[leads:That's about ${leadsPerMonth} enquiries a month].`,
        ],
        needNote: "an AI agent that answers and qualifies the leads coming in through their website",
        monthlyLeads: leadsPerMonth,
        reasons: [
          ["offer_exception", "default.offer_exception.unsupported_language", "exception"],
          ...(leadsPerMonth >= 300 ? [["high_value", "default.high_value.volume", "leads"] as [ReasonCode, string, string]] : []),
        ],
        whyFits: [`Business domain ${co.domain} with an in-scope need (lead qualification)`],
        whyNot: [`We deliver in English and Spanish; ${language} is outside the standard offer`],
        questions: [`Would an English-speaking agent work for part of their market, or is ${language} a must?`, "Which CRM do they use?"],
        next: { action: "call", why: `call to see whether a ${language} pilot is worth an exception` },
      };
    },
  },
} satisfies Record<string, Archetype>;
