import type { FactSheet } from "@/lib/agent/facts";
import type { DecisionKind } from "@/lib/contract/decision";
import type { HandoffPackage, Priority, ReasonCode } from "@/lib/contract/package";
import type { ReasonWithEvidence } from "@/lib/rules/evaluate";

const reasonWords: Record<ReasonCode, string> = {
  high_value: "high value",
  risk: "risk",
  ambiguity: "an unclear objective",
  offer_exception: "an offer exception",
  missing_data: "missing data",
  sensitive_action: "a sensitive action awaiting approval",
  no_fit: "no fit",
  low_risk_fit: "a low-risk fit",
};
const channelWords = { form: "a web form", chat: "the chat", email: "email", landing_page: "a landing page" } as const;

/**
 * A 5-8 line sales note built only from facts: every name, number and quote in it is the lead's own
 * text or the intake's, never something the agent made up. Template words stay lower-case mid-sentence.
 */
export function writeSummary(input: {
  facts: FactSheet;
  source: HandoffPackage["source"];
  decision: DecisionKind;
  priority: Priority | null;
  reasons: ReasonWithEvidence[];
  nextStep: HandoffPackage["nextStep"];
  questions: string[];
}): string {
  const { facts, source } = input;
  const id = facts.identity;
  const company = id.company ? (id.company.confirmed ? id.company.value : `${id.company.value} (going by the email domain)`) : null;
  const details = [id.role?.value, company].filter(Boolean).join(", ");
  const person = id.name
    ? `${id.name.value}${details ? ` (${details})` : ""}`
    : id.role && company
      ? `${id.role.value} at ${company}`
      : company
        ? `someone at ${company}`
        : "an unidentified lead";
  const where = source.pageName ? `${channelWords[source.channel]} ("${source.pageName}")` : channelWords[source.channel];
  const lines = [`${capitalise(person)} came in through ${where}${id.email ? `, ${id.email.value}` : ""}.`];

  lines.push(facts.need ? `Need, in their words: "${clip(facts.need.value, 220)}"` : "Need: not stated yet.");

  const fragments = [facts.employees?.fragment, facts.monthlyLeads?.fragment, facts.budget?.fragment].filter((f): f is string => Boolean(f));
  const distinct = fragments.filter((f, i) => fragments.indexOf(f) === i);
  const beyondNeed = distinct.filter((f) => f !== facts.need?.fragment);
  lines.push(
    distinct.length === 0
      ? "Context: no team size, lead volume or budget given yet."
      : beyondNeed.length === 0
        ? "Context: team size, volume or budget are in the need above."
        : `Context: ${beyondNeed.map(quote).join("; ")}`,
  );

  const extras = [
    facts.tools.length ? `uses ${facts.tools.map((t) => t.value).join(", ")}` : null,
    facts.timelineDays ? `timeline ${quote(facts.timelineDays.fragment)}` : "no timeline given",
  ].filter(Boolean);
  lines.push(`Setup and timing: ${extras.join("; ")}.`);

  const main = input.reasons.filter((r) => r.code !== "missing_data");
  const firstEvidence = main.flatMap((r) => r.evidence).find((e) => !e.source.startsWith("missing."));
  const because = (main.length ? main : input.reasons).map((r) => reasonWords[r.code]).join(", ");
  const outcome =
    input.decision === "escalate"
      ? `Handed to a person (${input.priority}) for ${because}`
      : input.decision === "ask"
        ? "Waiting for data before anyone picks it up"
        : input.decision === "act"
          ? "Handled by the agent: a low-risk fit"
          : "Filtered: no fit";
  lines.push(firstEvidence ? `${outcome}: ${quote(firstEvidence.fragment)}` : `${outcome}.`);
  lines.push(`Next step: ${input.nextStep.why}`);
  if (input.questions.length) lines.push(`Still to ask: ${input.questions.slice(0, 2).join(" ")}`);
  return lines.map((l) => l.replace(/\s+/g, " ").trim()).join("\n");
}

function quote(text: string): string {
  return `"${clip(text, 160).replace(/[.]$/, "")}"`;
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
