import type { ReasonCode } from "@/lib/contract/package";
import type { Archetype } from "./archetype";
import { founderRoles, salesRoles } from "./roles";

// Sensitive action (normal): the lead asks for something the agent may only propose, for a person
// to approve.
export const sensitiveActionArchetypes = {
  "send-email-proposal": {
    priority: "normal",
    build: (c) => {
      const co = c.company();
      const ceo = c.colleague();
      const leadsPerMonth = c.int(150, 500, 50);
      return {
        lang: "en",
        intent: "quote",
        fit: "good",
        process: "Web form lead qualification",
        turns: [
          `[need:We're comparing options for qualifying the leads that come in through our ${co.crm} web forms].`,
          `[action:Can you email your proposal and a couple of case studies to our CEO, ${ceo.name}, at ${ceo.email}?]`,
          `[leads:We get about ${leadsPerMonth} leads a month].`,
        ],
        needNote: `qualifying the leads from their ${co.crm} web forms; they are comparing options`,
        monthlyLeads: leadsPerMonth,
        tools: [co.crm],
        reasons: [
          ["sensitive_action", "default.sensitive_action.send_email", "action"],
          ...(leadsPerMonth >= 300 ? [["high_value", "default.high_value.volume", "leads"] as [ReasonCode, string, string]] : []),
        ],
        whyFits: [`Business domain ${co.domain} with an in-scope need (lead qualification)`],
        questions: ["What other options are they comparing?", "Is there a budget range for this?"],
        actions: [
          {
            type: "send_email",
            params: {
              to: ceo.email,
              cc: c.person.email,
              subject: "Our proposal and case studies: lead qualification",
              body: `Dear ${ceo.first},\n\n${c.person.first} asked us to send you our proposal for qualifying the leads that come in through your ${co.crm} web forms.\n\nIn short: our agent answers every new lead within a minute, asks the questions your team would ask, and hands the ready ones to a salesperson with a one-page summary. We would be glad to walk you through it, with two case studies from companies of your size, in a 30-minute call this week.\n\nBest regards`,
            },
            consequence: "Sends our proposal and case studies to a third party the lead named; recipient and content need a person's check",
            reason: "The lead asked us to email their CEO",
          },
        ],
        next: { action: "approve_action", why: "review the email to their CEO, then approve it or rewrite it before it goes out" },
      };
    },
  },
  "create-deal": {
    priority: "normal",
    build: (c) => {
      const co = c.company();
      return {
        lang: "en",
        intent: "audit",
        fit: "good",
        process: "Inbound sales process",
        roles: salesRoles,
        turns: [
          `[need:We'd like to go ahead with the sales process audit] [team:for our two inbound teams].`,
          `[tools:We're on ${co.crm}].`,
          `[ask:What are the next steps to get started?]`,
        ],
        needNote: "they want to go ahead with the sales process audit for their two inbound teams",
        tools: [co.crm],
        reasons: [["sensitive_action", "default.sensitive_action.create_deal", "need"]],
        whyFits: [`Business domain ${co.domain} ready to buy an in-scope service (audit)`],
        questions: ["Who signs the order?", "When would they like the audit to start?"],
        actions: [
          {
            type: "create_deal",
            params: { name: `${co.name}: sales process audit`, stage: "qualified" },
            consequence: "Opens a deal in the pipeline and counts it in the forecast",
            reason: "The lead says they want to go ahead with the audit",
          },
          {
            type: "update_crm_status",
            params: { status: "OPEN_DEAL" },
            consequence: "Marks the contact as having an open deal, which hands it to sales reporting",
            reason: "Buying intent stated",
          },
        ],
        next: { action: "approve_action", why: "approve the deal once the audit scope is confirmed, then call to agree a start date" },
      };
    },
  },
  "update-crm-record": {
    priority: "normal",
    build: (c) => {
      const co = c.company();
      const previous = c.colleague();
      return {
        lang: "en",
        intent: "support",
        fit: "good",
        process: "Account administration",
        roles: salesRoles,
        subject: "Change of contact and CRM",
        turns: [
          `[need:Please update our account details: we moved our sales team from Pipedrive to HubSpot last month].`,
          `[action:I'm now the main contact for the project instead of ${previous.name}].`,
        ],
        needNote: "update their account: the sales team moved from Pipedrive to HubSpot and the main contact changes",
        tools: ["HubSpot"],
        reasons: [["sensitive_action", "default.sensitive_action.update_crm_record", "action"]],
        whyFits: ["Existing account with an in-scope stack (HubSpot)"],
        questions: [`Has ${previous.name} confirmed the handover?`, "Does the move to HubSpot change the integration we maintain?"],
        actions: [
          {
            type: "update_crm_record",
            params: { jobTitle: "Main contact, lead qualification project", website: `https://${co.domain}` },
            consequence:
              "Records the lead as the project's main contact on their CRM record, with the company website; the previous contact's record stays as it is",
            reason: "The lead asked to become the main contact",
          },
        ],
        next: { action: "approve_action", why: "confirm the change with the current contact before approving the record update" },
      };
    },
  },
  "update-status": {
    priority: "normal",
    build: () => {
      return {
        lang: "en",
        intent: "other",
        fit: "good",
        process: null,
        roles: founderRoles,
        subject: "Pausing the project",
        turns: [
          `[action:Please mark our project as closed in your system]: [need:we've paused the lead qualification project until next year] because of a budget freeze.`,
          `[future:We'd still like to hear from you in January].`,
        ],
        needNote: "they paused the lead qualification project until next year (budget freeze) and ask us to close it",
        reasons: [["sensitive_action", "default.sensitive_action.update_crm_status", "action"]],
        whyFits: ["In-scope project, paused rather than lost"],
        questions: ["Is the budget freeze company-wide or only for this project?"],
        actions: [
          {
            type: "update_crm_status",
            params: { status: "UNQUALIFIED" },
            consequence: "Marks the contact unqualified in the CRM while the project is paused, which takes it out of the open pipeline",
            reason: "The lead asked us to mark the project as closed",
          },
        ],
        next: { action: "approve_action", why: "approve marking the contact unqualified and set a follow-up for January" },
      };
    },
  },
} satisfies Record<string, Archetype>;
