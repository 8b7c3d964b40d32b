import type { ReasonCode } from "@/lib/contract/package";
import type { Archetype } from "./archetype";
import { esRoles, founderRoles, salesRoles } from "./roles";

// Risk (immediate): the lead asks for a price, a discount or a legal commitment that only someone
// with authority can give.
export const riskTermsArchetypes = {
  "discount-annual": {
    priority: "immediate",
    build: (c) => {
      const co = c.company();
      const budget = c.int(16000, 32000, 500);
      const pct = c.pick([15, 20, 25]);
      const months = c.pick([12, 24]);
      return {
        lang: "en",
        intent: "quote",
        fit: "good",
        process: "Inbound lead qualification and meeting booking",
        subject: "Re: proposal for the lead qualification agent",
        roles: [...salesRoles, ...founderRoles],
        turns: [
          c.pick([
            `Thanks for the proposal for [need:an AI agent that qualifies our inbound leads and books discovery calls straight into ${co.crm}].`,
            `We've gone through your proposal for [need:the agent that qualifies our website leads and hands the good ones to sales in ${co.crm}].`,
          ]),
          `[discount:Can you do ${pct}% off if we commit for ${months} months?]`,
          `[budget:Our approved budget is ${c.money(budget)}] and [urgency:we want to make a decision this week].`,
        ],
        needNote: `an AI agent that qualifies inbound leads and passes the good ones to sales in ${co.crm}; they are reviewing our proposal`,
        budget: { amount: budget, currency: c.currency },
        timelineDays: 7,
        tools: [co.crm],
        reasons: [
          ["risk", "default.risk.discount", "discount"],
          ...(c.budgetCounts ? [["high_value", "default.high_value.budget", "budget"] as [ReasonCode, string, string]] : []),
        ],
        whyFits: [`Business domain ${co.domain} with an in-scope need (lead qualification and handoff)`, "Approved budget above the high-value threshold"],
        inferred: [{ field: "stage", value: "Proposal under review", basis: "They refer to the proposal we sent", from: "need" }],
        questions: ["Who else signs off on a multi-month commitment?", "Is the discount a condition to sign, or a nice-to-have?"],
        caution: "discount and term length need someone with pricing authority; nothing is agreed in writing yet",
        next: { action: "call", why: "call today with pricing authority to settle term and discount before they decide" },
      };
    },
  },
  "pricing-match": {
    priority: "immediate",
    build: (c) => {
      const co = c.company();
      const quote = c.int(6000, 12000, 500);
      return {
        lang: "en",
        intent: "quote",
        fit: "good",
        process: "Form-to-CRM lead routing",
        roles: salesRoles,
        turns: [
          `We need [need:our website forms connected to ${co.crm} so each new lead is qualified and routed to the right rep].`,
          `[pricing:Another agency quoted ${c.money(quote)} for the same scope. Can you match that price?]`,
          `[urgency:We have to pick a provider by Friday].`,
        ],
        needNote: `website forms connected to ${co.crm} so every new lead is qualified and routed to the right rep`,
        tools: [co.crm],
        reasons: [["risk", "default.risk.pricing", "pricing"]],
        whyFits: [`Business domain ${co.domain} with an in-scope need (forms and CRM routing)`],
        inferred: [
          { field: "competition", value: "Competing quote from another agency", basis: "They mention another agency's quote", from: "pricing" },
          { field: "timeline", value: "Under a week", basis: "They decide by Friday", from: "urgency" },
        ],
        questions: ["What exactly is in the other agency's scope?", "How many leads a month come through the forms?"],
        caution: "price match requested against a competitor's quote; do not confirm any price in chat or email",
        next: { action: "call", why: "call before Friday to scope it properly and position on value rather than price" },
      };
    },
  },
  "pricing-es": {
    priority: "immediate",
    build: (c) => {
      const co = c.company();
      return {
        lang: "es",
        intent: "quote",
        fit: "good",
        process: "Sales process and web form to CRM",
        roles: esRoles,
        turns: [
          `[need:Queremos una auditoría de nuestro proceso comercial y conectar el formulario de la web con ${co.crm}].`,
          `[pricing:¿Cuánto cuesta? Necesitamos un precio cerrado] y [discount:un descuento si contratamos también la integración].`,
          `[urgency:Tenemos que decidirlo antes del viernes].`,
        ],
        needNote: `an audit of their sales process and their web form connected to ${co.crm}`,
        tools: [co.crm],
        reasons: [["risk", "default.risk.pricing", "pricing"]],
        whyFits: [`Business domain ${co.domain} with an in-scope need (audit and integration)`],
        inferred: [{ field: "timeline", value: "Under a week", basis: "They decide before Friday", from: "urgency" }],
        questions: ["How many leads a month come through the form?", "Who takes the decision on their side?"],
        caution: "fixed price and bundle discount requested; only someone with pricing authority should answer",
        next: { action: "call", why: "call in Spanish before Friday to scope the audit and the integration before talking price" },
      };
    },
  },
  "legal-guarantee": {
    priority: "immediate",
    build: (c) => {
      const pct = c.pick([30, 40, 50]);
      const budget = c.int(14000, 26000, 1000);
      return {
        lang: "en",
        intent: "quote",
        fit: "good",
        process: "Inbound qualification and meeting booking",
        roles: founderRoles,
        subject: "Guarantee on results",
        turns: [
          `We're interested in [need:an AI sales agent that qualifies inbound leads and books meetings for our reps].`,
          `[legal:Can you guarantee in writing that qualified meetings will grow by ${pct}% in the first quarter?]`,
          `Our board will only approve [budget:the ${c.money(budget)} budget] with that commitment.`,
        ],
        needNote: "an AI sales agent that qualifies inbound leads and books meetings for their reps",
        budget: { amount: budget, currency: c.currency },
        reasons: [
          ["risk", "default.risk.legal_commitment", "legal"],
          ...(c.budgetCounts && budget >= 15000 ? [["high_value", "default.high_value.budget", "budget"] as [ReasonCode, string, string]] : []),
        ],
        whyFits: ["Business with an in-scope need (AI sales agent)", "Budget already discussed with their board"],
        inferred: [{ field: "approval", value: "Board approval required", basis: "They say the board must approve", from: "budget" }],
        questions: ["When does the board decide?", "What is their current rate of qualified meetings?"],
        caution: "they want a written performance guarantee; no outcome commitments without leadership and legal sign-off",
        next: { action: "call", why: "call to turn the guarantee into measurable pilot milestones before the board decides" },
      };
    },
  },
  "nda-dpa": {
    priority: "immediate",
    build: (c) => {
      const co = c.company();
      const leadsPerMonth = c.int(500, 1500, 50);
      const countries = c.pick([3, 4, 5, 6]);
      return {
        lang: "en",
        intent: "audit",
        fit: "good",
        process: "Web form to CRM to sales team handoff",
        roles: ["Head of Revenue Operations", "Sales Operations Director", "VP of Sales"],
        subject: "Sales process audit: legal requirements",
        turns: [
          `We'd like [need:an audit of how inbound leads move from our web forms into ${co.crm} and on to the sales teams].`,
          `[employees:We have about ${c.num(co.employees)} employees] and [leads:roughly ${c.num(leadsPerMonth)} inbound leads a month across ${countries} countries].`,
          `Before we share any pipeline data, [legal:you would need to sign our NDA and our data processing agreement].`,
          `[contract:Procurement will also want liability caps and SLA penalties written into the contract].`,
        ],
        needNote: `an audit of how inbound leads move from web forms into ${co.crm} and on to the sales teams`,
        employees: co.employees,
        monthlyLeads: leadsPerMonth,
        tools: [co.crm],
        reasons: [
          ["risk", "default.risk.nda", "legal"],
          ["high_value", "default.high_value.volume", "leads"],
        ],
        whyFits: [`Business domain ${co.domain} with an in-scope need (sales process audit)`, "Inbound volume well above the high-value threshold"],
        inferred: [
          { field: "buying_process", value: "Formal procurement with legal review", basis: "They mention procurement, an NDA and a DPA", from: "contract" },
        ],
        questions: ["Who in their legal team owns the NDA and DPA?", "Which countries and teams are in scope for the audit?", "Is there a target start date?"],
        caution: "NDA, DPA, liability caps and SLA penalties must go through our legal review before anything is signed",
        next: { action: "call", why: "call to confirm scope and send the NDA and DPA to our legal team before any data changes hands" },
      };
    },
  },
  "dpa-es": {
    priority: "immediate",
    build: (c) => {
      const co = c.company();
      const leadsPerMonth = c.int(800, 2000, 100);
      return {
        lang: "es",
        intent: "integration",
        fit: "good",
        process: "Events and group booking enquiries",
        roles: ["Responsable de ventas de grupos", "Responsable comercial"],
        subject: "Agente de cualificación: requisitos legales",
        turns: [
          `[need:Nos interesa el agente de cualificación para las solicitudes de eventos y grupos que llegan por el formulario de la web] y acaban en ${co.crm}.`,
          `[leads:Recibimos más de ${c.numEs(leadsPerMonth)} solicitudes al mes] entre todos los hoteles.`,
          `[legal:Antes de empezar necesitamos firmar un acuerdo de confidencialidad y un DPA], porque los formularios incluyen datos de clientes.`,
        ],
        needNote: `a qualification agent for event and group enquiries from their web form, which end up in ${co.crm}`,
        monthlyLeads: leadsPerMonth,
        tools: [co.crm],
        reasons: [
          ["risk", "default.risk.dpa", "legal"],
          ["high_value", "default.high_value.volume", "leads"],
        ],
        whyFits: [`Business domain ${co.domain} with an in-scope need (lead qualification)`, "Inbound volume well above the high-value threshold"],
        inferred: [{ field: "language", value: "Spanish", basis: "The lead wrote in Spanish, a supported language" }],
        questions: ["Who on their side reviews the NDA and the DPA?", "How many hotels are in scope?"],
        caution: "confidentiality agreement and DPA requested; route both to our legal team, sign nothing from sales",
        next: { action: "call", why: "call in Spanish to confirm scope and start the legal review of the NDA and DPA" },
      };
    },
  },
} satisfies Record<string, Archetype>;
