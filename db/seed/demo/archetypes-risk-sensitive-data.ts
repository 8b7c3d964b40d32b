import type { Archetype } from "./archetype";

// Risk (immediate): the lead's data includes health or payment details that must not flow through.
export const riskSensitiveDataArchetypes = {
  "sensitive-health": {
    priority: "immediate",
    build: (c) => {
      const co = c.company();
      const clinics = c.int(8, 30);
      const where = co.crm === "spreadsheets" ? "spreadsheets" : co.crm;
      return {
        lang: "en",
        intent: "integration",
        fit: "good",
        process: "Corporate wellness enquiries",
        roles: ["Head of Business Development", "Commercial Director", "COO"],
        turns: [
          `We run [sites:${clinics} clinics] and [need:want an assistant on our website that qualifies corporate wellness enquiries and passes them to our B2B sales team].`,
          `[sensitive:Our current enquiry form also asks for patients' medical conditions and insurance numbers], and we're not sure what your agent would do with that.`,
          `[tools:Enquiries currently land in ${where}].`,
        ],
        needNote: "an assistant on their website that qualifies corporate wellness enquiries for their B2B sales team",
        tools: [where],
        reasons: [["risk", "default.risk.sensitive_data", "sensitive"]],
        whyFits: [`Business domain ${co.domain} with an in-scope need (lead qualification)`],
        inferred: [{ field: "data_protection", value: "Health data in scope", basis: "Their form collects medical conditions", from: "sensitive" }],
        questions: [
          "Can the corporate enquiry form be separated from the patient form?",
          "Who is their data protection officer?",
          "How many corporate enquiries do they get a month?",
        ],
        caution: "health data is involved; nothing about patients is shared or processed until a DPA and data-minimisation plan are agreed",
        next: { action: "call", why: "call to scope the corporate-enquiry flow and agree what the agent must never collect" },
      };
    },
  },
  "sensitive-card": {
    priority: "immediate",
    build: (c) => {
      const co = c.company();
      return {
        lang: "en",
        intent: "integration",
        fit: "good",
        process: "CRM migration and chat qualification",
        turns: [
          `[need:We've just moved to ${co.crm} and want the website chat to qualify leads straight into it].`,
          `[sensitive:I can send you our old export with customer card numbers] so you can import the history too.`,
          `[urgency:We'd like it all done this month].`,
        ],
        needNote: `website chat that qualifies leads straight into ${co.crm}, plus importing their history`,
        tools: [co.crm],
        timelineDays: 30,
        reasons: [["risk", "default.risk.sensitive_data", "sensitive"]],
        whyFits: [`Business domain ${co.domain} with an in-scope need (chat qualification into the CRM)`],
        questions: ["Which fields of the old export do they actually need in the CRM?", "Who owns the payment data on their side?"],
        caution: "they offered to send card numbers; tell them not to, and never load payment data into a CRM",
        next: { action: "call", why: "call to stop the card-data export and rescope the import without payment data" },
      };
    },
  },
} satisfies Record<string, Archetype>;
