import type { HandoffPriority } from "@/db/schema/handoffs";
import type { Channel } from "@/db/schema/leads";
import type { HandoffPackage } from "@/lib/contract/package";
import type { Draft } from "./archetype";
import { sizeBand } from "./companies";
import { factField, factValue } from "./facts";
import { DEMO_RULE_VERSION } from "./policy";
import { packageSource, type SourceDef } from "./sources";
import { capitalize } from "./text";
import { writeSummary } from "./write-summary";

/** The handoff package (triage-contract.md) the agent would have written from the lead's draft. */
export function buildPackage(x: {
  draft: Draft;
  markers: Map<string, string>;
  identification: HandoffPackage["identification"];
  source: SourceDef;
  receivedAt: Date;
  priority: HandoffPriority;
  ids: { lead: string; intake: string; conversation: string | null };
  reasons: HandoffPackage["reasons"];
  ownerLabel: string;
  channel: Channel;
}): HandoffPackage {
  const { draft, markers, identification } = x;
  const missing = draft.missing ?? [];
  const urgency = draft.urgency ?? markers.get("urgency") ?? markers.get("timeline") ?? null;
  const volumeParts = [markers.get("leads"), markers.get("employees")].filter((v): v is string => Boolean(v));
  const tools = draft.tools ?? [];

  const unknowns = [
    draft.budget ? null : "budget",
    urgency ? null : "timeline",
    tools.length ? null : "current tools",
    draft.monthlyLeads !== undefined || draft.employees !== undefined ? null : "volume",
  ].filter((v): v is string => v !== null);

  const confirmed: HandoffPackage["facts"]["confirmed"] = [];
  for (const field of ["name", "company", "email", "role", "phone"] as const) {
    const value = identification[field];
    if (value) confirmed.push({ field, value, fragment: value });
  }
  for (const [key, text] of markers) confirmed.push({ field: factField(key), value: factValue(key, text, draft), fragment: text });

  const inferred: HandoffPackage["facts"]["inferred"] = [];
  const fitBasis = draft.whyFits?.[0] ?? draft.whyNot?.[0] ?? "Not enough information to judge fit";
  inferred.push({ field: "fit", value: draft.fit, basis: fitBasis, fragment: null });
  if (identification.role && /head|vp|director|chief|ceo|coo|founder|managing/i.test(identification.role)) {
    inferred.push({ field: "decision_maker", value: "Likely", basis: `Job title given as ${identification.role}`, fragment: identification.role });
  }
  if (draft.employees !== undefined) {
    inferred.push({
      field: "company_size",
      value: sizeBand(draft.employees),
      basis: "From the headcount they gave",
      fragment: markers.get("employees") ?? null,
    });
  }
  if (draft.lang === "es" && !draft.inferred?.some((f) => f.field === "language")) {
    inferred.push({ field: "language", value: "Spanish", basis: "The lead wrote in Spanish, a supported language", fragment: null });
  }
  for (const f of draft.inferred ?? [])
    inferred.push({ field: f.field, value: f.value, basis: f.basis, fragment: f.from ? (markers.get(f.from) ?? null) : null });

  const openQuestions = [...(draft.questions ?? [])];
  const generic: [RegExp, string, boolean][] = [
    [/budget/i, "What budget have they set aside for this?", Boolean(draft.budget)],
    [/CRM|tools/i, "Which CRM and tools do they use today?", tools.length > 0],
    [/a month|how many/i, "Roughly how many inbound leads do they get a month?", draft.monthlyLeads !== undefined],
    [/when|start|date|decide/i, "When do they need it working?", Boolean(urgency)],
  ];
  for (const [covered, question, known] of generic) {
    if (!known && !openQuestions.some((q) => covered.test(q)) && openQuestions.length < 5) openQuestions.push(question);
  }

  const reasons = x.reasons;
  const nextWhy = capitalize(draft.next.why) + ".";
  const summary = writeSummary({
    draft,
    identification,
    source: x.source,
    channel: x.channel,
    markers,
    urgency,
    reasons,
    missing,
    openQuestions,
    nextWhy,
    priority: x.priority,
  });

  return {
    identification,
    source: { channel: x.channel, ...packageSource(x.source), receivedAt: x.receivedAt.toISOString() },
    need: markers.get("need") ?? null,
    intent: draft.intent,
    salesContext: {
      urgency,
      timelineDays: draft.timelineDays ?? null,
      volume: volumeParts.length ? volumeParts.join("; ") : null,
      employees: draft.employees ?? null,
      monthlyLeads: draft.monthlyLeads ?? null,
      budget: draft.budget ?? null,
      team: markers.get("team") ?? null,
      currentTools: tools,
      affectedProcess: draft.process,
    },
    qualification: {
      fit: draft.fit,
      whyFits: draft.whyFits ?? [],
      whyNot: draft.whyNot ?? [],
      missing: [...missing, ...unknowns],
    },
    reasons,
    summary,
    facts: { confirmed, inferred, openQuestions },
    nextStep: { action: draft.next.action, owner: x.ownerLabel, why: nextWhy },
    proposedActions: draft.actions ?? [],
    traceability: { leadId: x.ids.lead, conversationId: x.ids.conversation, intakeId: x.ids.intake, crmRecord: null, ruleVersion: DEMO_RULE_VERSION },
  };
}
