import type { FactSheet } from "@/lib/agent/facts";
import type { CriticalField, DecisionKind } from "@/lib/contract/decision";
import type { Priority } from "@/lib/contract/package";
import type { FeatureValue } from "@/lib/rules/compile";
import type { RuleSet } from "@/lib/rules/schema";

/**
 * Why not the other decisions, nearest first: what a rep or an admin would ask ("why not just
 * filter it?", "why not immediate?"). Read from the same features the rules decided on, so each
 * line names the fact that kept the lead out of that outcome.
 */
export function whyNotOtherDecisions(input: {
  decision: DecisionKind;
  priority: Priority | null;
  features: Record<string, FeatureValue>;
  facts: FactSheet;
  missing: CriticalField[];
  thresholds: RuleSet["thresholds"];
}): string[] {
  const { decision, priority, facts, missing, thresholds: t } = input;
  const on = (name: string) => input.features[name]?.value === true;
  const company = facts.identity.company?.value;
  const business = on("business") ? (company ? `a business (${company})` : "a business email domain") : null;
  const escalation = ["risk", "highValue", "offerException", "relevantAmbiguity", "sensitiveAction"].filter(on);
  const words: Record<string, string> = {
    risk: "risk",
    highValue: "volume with fit",
    offerException: "an offer exception",
    relevantAmbiguity: "an unclear objective",
    sensitiveAction: "a sensitive proposed action",
  };
  const volume = `${t.employees}+ employees, ${t.monthlyLeads}+ leads a month or a budget of ${t.budget.toLocaleString("en")}+ ${t.budgetCurrencies.join("/")}`;
  const lines: string[] = [];

  if (decision === "escalate") {
    if (priority === "normal")
      lines.push(`not immediate: no risk${on("highValue") ? `, and no timeline within ${t.urgentDays} days or urgent words` : ", and no volume with urgency"}`);
    if (priority === "immediate") lines.push(`not normal: ${on("risk") ? "risk needs a person now" : `volume with a timeline within ${t.urgentDays} days`}`);
    lines.push(`not handled by the agent: ${escalation.map((e) => words[e]).join(", ")} ${escalation.length === 1 ? "needs" : "need"} a person`);
    if (missing.length) lines.push(`not just asked for the ${missing.join(", ")}: escalation comes before asking, and the person gets the open questions`);
  }
  if (decision === "filter") {
    lines.push(
      on("notABuyer")
        ? "not escalated: not a buyer (a seller's pitch, spam or a personal request), so their risk words are not our risk"
        : "not escalated: no risk signal, and a no-fit lead is closed politely",
    );
    lines.push("not asked for more: more data would not make it a fit");
  }
  if (decision === "act") {
    lines.push(`not escalated: no risk, exception or ambiguity, and below the volume thresholds (${volume})`);
    lines.push("not asked for more: email, company and need are known");
  }
  if (decision === "ask") {
    lines.push(
      missing.length
        ? `not acted on: the ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} still missing`
        : `not acted on: ${on("business") ? "no need in scope stated yet" : "no company or business email yet"}`,
    );
    lines.push(`not escalated: no risk, exception or ambiguity${on("volume") ? ", and the volume has no fit yet" : `, and no volume (${volume})`}`);
  }
  if (decision !== "filter") {
    if (on("noFitLead") && on("risk")) lines.push("not filtered: a no-fit signal, but a risk signal always reaches a person");
    else if (decision !== "ask" || business || on("scope"))
      lines.push(`not filtered: ${[business, on("scope") ? "a need in scope" : null].filter(Boolean).join(" with ") || "no no-fit signal"}`);
    else lines.push("not filtered: no no-fit signal yet");
  }
  return lines;
}
