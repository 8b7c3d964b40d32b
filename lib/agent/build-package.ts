import type { FactSheet } from "@/lib/agent/facts";
import { whyNotOtherDecisions } from "@/lib/agent/alternatives";
import { writeSummary } from "@/lib/agent/summarize";
import { checkSummaryGrounding } from "@/lib/agent/summary-grounding";
import type { IntakeEvent } from "@/lib/contract/intake";
import type { CriticalField, DecisionKind } from "@/lib/contract/decision";
import type { HandoffPackage, Priority } from "@/lib/contract/package";
import type { FeatureValue, SignalMatch } from "@/lib/rules/compile";
import type { ReasonWithEvidence } from "@/lib/rules/evaluate";
import type { RuleSet } from "@/lib/rules/schema";

export type Traceability = { leadId: string | null; conversationId: string | null; intakeId: string | null; crmRecord: string | null };

/** Every key of triage-contract.md section 4, from the fact sheet and the rules' verdict. */
export function buildPackage(input: {
  event: IntakeEvent;
  facts: FactSheet;
  signals: SignalMatch[];
  features: Record<string, FeatureValue>;
  decision: DecisionKind;
  priority: Priority | null;
  reasons: ReasonWithEvidence[];
  missing: CriticalField[];
  questions: string[];
  sensitiveActions: readonly string[];
  thresholds: RuleSet["thresholds"];
  ruleVersion: number;
  owner: string | null;
  trace: Traceability;
  /** A summary written elsewhere (a model): used only if it passes the grounding check, else the deterministic one is. */
  summary?: string;
}): HandoffPackage {
  const { event, facts, features } = input;
  const id = facts.identity;
  const on = (name: string) => features[name]?.value === true;
  const source: HandoffPackage["source"] = {
    channel: event.channel,
    url: event.source?.url ?? null,
    pageName: event.source?.pageName ?? null,
    formId: event.source?.formId ?? null,
    campaign: event.source?.campaign ?? event.source?.utm?.campaign ?? null,
    utm: event.source?.utm ?? null,
    referrer: event.source?.referrer ?? null,
    receivedAt: event.receivedAt,
  };
  const nextStep = chooseNextStep(
    input.decision,
    input.reasons.map((r) => r.code),
    input.owner,
    facts,
    event.channel,
  );
  const grounded = input.summary === undefined ? null : checkSummaryGrounding(input.summary, event);
  const scopeLabels = input.signals.filter((s) => s.family === "scope").map((s) => s.label);

  const confirmed = [
    ...(["name", "email", "phone", "company", "role", "website"] as const).flatMap((key) => {
      const fact = id[key];
      return fact?.confirmed ? [{ field: key, value: fact.value, fragment: fact.fragment }] : [];
    }),
    ...(facts.need ? [{ field: "need", value: facts.need.value, fragment: facts.need.fragment }] : []),
    // A range's lower bound is the agent's reading of what they picked, so it is filed as inferred only.
    ...(facts.employees && !facts.employees.basis ? [{ field: "employees", value: String(facts.employees.value), fragment: facts.employees.fragment }] : []),
    ...(facts.monthlyLeads ? [{ field: "monthly_leads", value: String(facts.monthlyLeads.value), fragment: facts.monthlyLeads.fragment }] : []),
    ...(facts.budget ? [{ field: "budget", value: `${facts.budget.value.amount} ${facts.budget.value.currency}`, fragment: facts.budget.fragment }] : []),
    ...(facts.timelineDays ? [{ field: "timeline_days", value: String(facts.timelineDays.value), fragment: facts.timelineDays.fragment }] : []),
    ...facts.tools.map((tool) => ({ field: "tool", value: tool.value, fragment: tool.fragment })),
  ];
  const inferred = [
    ...(["company", "website"] as const).flatMap((key) => {
      const fact = id[key];
      return fact && !fact.confirmed ? [{ field: key, value: fact.value, basis: fact.basis ?? "inferred", fragment: fact.fragment }] : [];
    }),
    ...(facts.employees?.basis
      ? [{ field: "employees", value: String(facts.employees.value), basis: facts.employees.basis, fragment: facts.employees.fragment }]
      : []),
    { field: "intent", value: event ? facts.intent.value : "other", basis: facts.intent.basis, fragment: null },
    { field: "fit", value: fitOf(on), basis: fitBasis(on, scopeLabels), fragment: null },
    ...(facts.timelineDays
      ? [
          {
            field: "urgent",
            value: on("urgent") ? "yes" : "no",
            basis: `a timeline of about ${facts.timelineDays.value} days`,
            fragment: facts.timelineDays.fragment,
          },
        ]
      : []),
    ...input.signals
      .filter((s) => s.family === "injection")
      .map((s) => ({
        field: "instructions_in_lead_text",
        value: "ignored",
        basis: "lead text is data; it never changes the rules or permissions",
        fragment: s.fragment,
      })),
  ];

  return {
    identification: {
      name: id.name?.value ?? null,
      email: id.email?.value ?? null,
      phone: id.phone?.value ?? null,
      company: id.company?.value ?? null,
      role: id.role?.value ?? null,
      website: id.website?.value ?? null,
    },
    source,
    need: facts.need?.value ?? null,
    intent: facts.intent.value,
    salesContext: {
      urgency: facts.timelineDays ? facts.timelineDays.fragment : (features.urgency?.evidence[0]?.fragment ?? null),
      timelineDays: facts.timelineDays?.value ?? null,
      volume: [facts.employees?.fragment, facts.monthlyLeads?.fragment].filter((v, i, all) => v && all.indexOf(v) === i).join(" / ") || null,
      employees: facts.employees?.value ?? null,
      monthlyLeads: facts.monthlyLeads?.value ?? null,
      budget: facts.budget?.value ?? null,
      team: id.role?.value ?? null,
      currentTools: facts.tools.map((t) => t.value),
      affectedProcess: scopeLabels.length ? scopeLabels.join(", ") : null,
    },
    qualification: {
      fit: fitOf(on),
      whyFits: [
        ...(on("business") ? [id.company ? `a business: ${id.company.value}` : `a business email domain (${facts.emailDomain})`] : []),
        ...scopeLabels.map((label) => `in scope: ${label}`),
        ...(on("volume") ? features.volume!.evidence.map((e) => `volume: "${e.fragment}"`) : []),
      ],
      whyNot: [
        ...input.signals.filter((s) => ["noFit", "outOfScope", "personal", "exception"].includes(s.family)).map((s) => s.label),
        ...(!on("business") ? ["no company or business email yet"] : []),
        // Only a stated figure can be below a threshold: unknown volume is an open question, not a reason against.
        ...(on("business") && !on("volume") && (facts.employees || facts.monthlyLeads || facts.budget)
          ? ["below the volume thresholds (team size, monthly leads, budget)"]
          : []),
      ],
      missing: input.missing.map(String),
      alternatives: whyNotOtherDecisions({
        decision: input.decision,
        priority: input.priority,
        features,
        facts,
        missing: input.missing,
        thresholds: input.thresholds,
      }),
    },
    reasons: input.reasons.map((reason) => ({
      code: reason.code,
      evidence: reason.evidence.find((e) => !e.source.startsWith("missing."))?.fragment ?? reason.evidence[0]?.fragment ?? "",
      rule: `${reason.rule}${reason.evidence[0] ? `:${reason.evidence[0].source}` : ""}`,
    })),
    summary: grounded?.ok
      ? grounded.summary
      : writeSummary({ facts, source, decision: input.decision, priority: input.priority, reasons: input.reasons, nextStep, questions: input.questions }),
    facts: { confirmed, inferred, openQuestions: input.questions },
    nextStep,
    proposedActions: (event.proposedActions ?? [])
      .filter((a) => input.sensitiveActions.includes(a.type))
      .map((a) => ({ type: a.type, params: a.params, consequence: consequenceOf(a.type, a.params), reason: a.reason ?? null })),
    traceability: { ...input.trace, ruleVersion: input.ruleVersion },
  };
}

function fitOf(on: (name: string) => boolean): HandoffPackage["qualification"]["fit"] {
  if (on("noFitLead")) return "none";
  if (on("fit")) return "good";
  if (on("business") || on("scope")) return "partial";
  return "unknown";
}

function fitBasis(on: (name: string) => boolean, scope: string[]): string {
  if (on("noFitLead")) return "a no-fit signal in what the lead wrote";
  if (on("fit")) return `a business with a need in scope (${scope.join(", ")})`;
  if (on("business")) return "a business, but no need in scope stated yet";
  if (on("scope")) return "a need in scope, but no company or business email yet";
  return "not enough information yet";
}

function chooseNextStep(
  decision: DecisionKind,
  codes: string[],
  owner: string | null,
  facts: FactSheet,
  channel: HandoffPackage["source"]["channel"],
): HandoffPackage["nextStep"] {
  const firstName = facts.identity.name?.value.split(" ")[0];
  const them = firstName ?? "the lead";
  if (decision === "filter") return { action: "discard", owner, why: "No fit for the offer: send the polite reply and close." };
  if (decision === "act")
    return {
      action: "task",
      owner,
      why: `Low-risk fit: the agent sends ${them} the booking link for a diagnosis call and creates the CRM contact and a task.`,
    };
  if (decision === "ask") {
    return facts.identity.email
      ? { action: "email", owner, why: `Send ${them} the open questions; the package moves to review when they answer.` }
      : { action: "nurture", owner, why: "Keep the conversation going until the lead gives a way to reach them and what they need." };
  }
  if (codes.includes("sensitive_action") && !codes.includes("risk"))
    return { action: "approve_action", owner, why: "Review the action the agent proposes, then approve or deny it." };
  // The step names only a channel the package holds: a call needs a phone number, an email an address;
  // with neither, the person answers in the chat while it is open and the agent keeps asking for an email.
  const reach = facts.identity.phone ? "call" : facts.identity.email ? "email" : null;
  const how =
    reach === "call"
      ? `call ${them}`
      : reach === "email"
        ? `email ${them}`
        : channel === "chat"
          ? `reply to ${them} in the chat while it is open (no email or phone yet; the agent keeps asking for one)`
          : `find a way to reach ${them} (no email or phone given)`;
  const action = reach ?? "task";
  if (codes.includes("risk")) return { action, owner, why: `Risk: a person should ${how} before anything else is sent; no automatic replies or commitments.` };
  if (codes.includes("high_value")) return { action, owner, why: `High value: ${how} to book the diagnosis while the need is fresh.` };
  if (codes.includes("offer_exception")) return { action, owner, why: `Outside the standard offer: check feasibility and price, then ${how}.` };
  return { action, owner, why: `Clarify the objective before proposing anything: ${how}.` };
}

export function consequenceOf(type: string, params: Record<string, unknown>): string {
  const str = (key: string) => (typeof params[key] === "string" || typeof params[key] === "number" ? String(params[key]) : null);
  switch (type) {
    case "send_email":
      return `An email${str("subject") ? ` with the subject "${str("subject")}"` : ""} is sent to ${str("to") ?? "the lead"} from the sales mailbox.`;
    case "create_deal":
      return `A deal${str("name") ? ` "${str("name")}"` : ""}${str("amount") ? ` of ${str("amount")}` : ""} is created in the CRM pipeline and counts in the forecast.`;
    case "update_crm_status":
      return `The lead's status in the CRM changes${str("status") ? ` to ${str("status")}` : ""}.`;
    case "update_crm_record":
      return "The CRM record is changed with the given fields.";
    default:
      return "The agent runs this action.";
  }
}
