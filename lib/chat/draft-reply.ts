import type { HandoffPackage } from "@/lib/contract/package";

const nextStepLines: Partial<Record<HandoffPackage["nextStep"]["action"], string>> = {
  call: "The best next step is a short call: would you have 20 minutes this week?",
  audit: "The best next step is a short audit of your current process: would you have 20 minutes this week to walk me through it?",
  email: "I'll send you the details by email; is the address you gave the best one?",
  approve_action: "I'm checking the details with the team and will come back to you here shortly.",
};

/**
 * A first reply the person can send to the chat lead, from the package alone (pure, deterministic):
 * the lead's first name, their need in their own words, the recommended next step, and the first
 * open question. It says nothing the package does not hold, so it invents no fact; it only fills the
 * composer, and nothing is sent until the person clicks Send.
 */
export function draftReply(pkg: HandoffPackage, person: { name: string | null; teamName: string | null }): string {
  const lead = pkg.identification.name?.trim().split(/\s+/)[0];
  const me = person.name?.trim().split(/\s+/)[0];
  const greeting = `Hi${lead ? ` ${lead}` : ""}, ${me ? `this is ${me}` : "I'm taking over from our assistant"}${me && person.teamName ? ` from ${person.teamName}` : ""}.`;
  const need = pkg.need ? ` Thanks for explaining what you need: "${clip(pkg.need, 160)}".` : " Thanks for getting in touch.";
  const question = pkg.facts.openQuestions[0];
  const step = nextStepLines[pkg.nextStep.action];
  return [greeting + need, question ? `One question so I can help you properly: ${question}` : (step ?? "How can I help you from here?")].join(" ");
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}
