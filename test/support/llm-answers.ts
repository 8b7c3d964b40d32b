import type { LlmExtraction } from "@/lib/agent/llm/schema";

// One lead and the model's answer for it, shared by the tests of the LLM path. "About eighty people":
// a head count in words the deterministic reader does not know and the model does.
export const brightlaneMessage = "We're a sales crew of about eighty people at Brightlane. We need an AI agent to qualify the leads from our HubSpot forms.";

const nobody = { name: null, email: null, phone: null, company: null, role: null, website: null };
export const brightlaneExtraction: LlmExtraction = {
  identity: nobody,
  need: {
    value: "an AI agent to qualify the leads from our HubSpot forms",
    fragment: "We need an AI agent to qualify the leads from our HubSpot forms.",
    confirmed: true,
    basis: null,
  },
  intent: { value: "diagnosis", basis: "they ask for an AI agent" },
  employees: { value: 80, fragment: "about eighty people", confirmed: true, basis: null },
  monthlyLeads: null,
  budget: null,
  timelineDays: null,
  tools: [{ value: "HubSpot", fragment: "our HubSpot forms", confirmed: true, basis: null }],
  summary: [
    "Tom Reyes leads a sales crew of about eighty people at Brightlane.",
    "They need an AI agent to qualify their HubSpot form leads.",
    "Email: tom@brightlane.io.",
    "No budget given.",
    "No timeline given.",
  ].join("\n"),
};
