import { triage } from "@/lib/agent/triage";
import type { TriageDecision } from "@/lib/contract/decision";
import type { IntakeEvent } from "@/lib/contract/intake";
import type { HandoffPackage } from "@/lib/contract/package";
import type { CompiledRuleSet } from "@/lib/rules/compile";
import { handoffColumnsFromPackage } from "@/lib/handoffs/package-columns";

// Placeholders for what differs between two intakes of the same corpus event: letters only, so
// they pass for part of an email address and triage reads nothing into them.
export const TOKEN = { mark: "zqxmarkzqx", externalId: "zqxextzqx", intakeId: "zqxintakezqx", conversationId: "zqxconvzqx" } as const;
const LEAD_ID = "zqxleadzqx";
const HANDOFF_ID = "zqxhandoffzqx";
const tokenPattern = /zqx(mark|ext|intake|conv)zqx/g;

/**
 * The rows recordIntake (db/queries/intake.ts) writes for one corpus event, worked out once by
 * triaging it with placeholders for the ids, so the SQL baseline can write the same rows for
 * thousands of intakes without the triage layer. JSON columns are kept as text, ready to cast.
 */
export type IntakeRows = {
  channel: string;
  source: string;
  raw: string;
  receivedAt: string;
  company: { name: string; domain: string | null } | null;
  lead: { name: string | null; email: string | null; phone: string | null; role: string | null; website: string | null };
  conversation: { channel: string; messages: { author: string; text: string; at: string | null }[] } | null;
  handoff: {
    decision: TriageDecision["decision"];
    priority: TriageDecision["priority"];
    reasons: string[];
    intent: string;
    fit: string;
    channel: string;
    campaign: string | null;
    ruleVersion: number;
    package: string;
    leadName: string | null;
    leadEmail: string | null;
    companyName: string | null;
    summary: string;
    eventData: string;
  } | null;
  response: string;
};

export type IntakeIds = { mark: string; externalId: string; intakeId: string; conversationId: string };

export function planIntakeRows(event: IntakeEvent, rules: CompiledRuleSet, agentSource = "deterministic"): IntakeRows {
  const conversationId = event.messages?.length ? TOKEN.conversationId : null;
  // What handle-intake.ts passes to triage and recordIntake.
  const result = triage(event, rules, { trace: { leadId: null, conversationId, intakeId: TOKEN.intakeId, crmRecord: null } });
  const decision = { ...result.decision, externalId: TOKEN.externalId };

  // From here on, recordIntake's own steps, in its order.
  const stored = decision.package ?? result.recordPackage;
  const identity = stored?.identification ?? null;
  const companyName = stored?.identification.company;
  const emailDomain = result.facts.emailDomain;
  const lines = (event.messages ?? []).filter((m) => m.text.trim());
  const keepsRecord = decision.decision !== "ask" || event.channel !== "chat";
  if (keepsRecord && !stored) throw new Error(`recordIntake would store its no-package safety net for ${event.externalId}: the baseline does not mirror it`);
  const pkg: HandoffPackage | null = stored ? { ...stored, traceability: { ...stored.traceability, leadId: LEAD_ID } } : null;
  const response = {
    ...decision,
    package: decision.package ? { ...decision.package, traceability: { ...decision.package.traceability, leadId: LEAD_ID } } : null,
    intakeId: TOKEN.intakeId,
    handoffId: HANDOFF_ID,
  };

  return {
    channel: event.channel,
    source: JSON.stringify(event.source ?? {}),
    raw: JSON.stringify({ ...event, externalId: TOKEN.externalId }),
    receivedAt: event.receivedAt,
    company: companyName ? { name: companyName, domain: emailDomain && stored?.identification.website === emailDomain ? emailDomain : null } : null,
    lead: {
      name: identity?.name ?? null,
      email: identity?.email ?? event.contact?.email ?? null,
      phone: identity?.phone ?? null,
      role: identity?.role ?? null,
      website: identity?.website ?? null,
    },
    conversation: conversationId ? { channel: event.channel, messages: lines.map((m) => ({ author: m.from, text: m.text, at: m.at ?? null })) } : null,
    handoff:
      keepsRecord && pkg
        ? {
            decision: decision.decision,
            priority: decision.priority,
            reasons: decision.reasons,
            ...handoffColumnsFromPackage(pkg),
            channel: event.channel,
            campaign: event.source?.campaign ?? event.source?.utm?.campaign ?? null,
            ruleVersion: rules.version,
            package: JSON.stringify(pkg),
            eventData: JSON.stringify({
              decision: decision.decision,
              priority: decision.priority,
              reasons: decision.reasons,
              ruleVersion: rules.version,
              agentSource,
            }),
          }
        : null,
    response: JSON.stringify(response),
  };
}

/** One intake's rows: the placeholders replaced by this intake's ids (every string, wherever it sits). */
export function fillIntakeRows(rows: IntakeRows, ids: IntakeIds): IntakeRows {
  const values: Record<string, string> = { mark: ids.mark, ext: ids.externalId, intake: ids.intakeId, conv: ids.conversationId };
  return fillStrings(rows, (text) => (text.includes("zqx") ? text.replace(tokenPattern, (_, name: string) => values[name] ?? "") : text));
}

/** The package and response once the lead and handoff exist, as recordIntake builds them. */
export function withRecordIds(json: string, ids: { leadId: string; handoffId?: string | null }): string {
  const filled = json.replaceAll(`"${LEAD_ID}"`, JSON.stringify(ids.leadId));
  return ids.handoffId === undefined ? filled : filled.replaceAll(`"${HANDOFF_ID}"`, JSON.stringify(ids.handoffId));
}

/** A corpus event as an HTTP body template: the same placeholders as the rows. */
export function bodyTemplate(input: Record<string, unknown>): (ids: { mark: string; externalId: string }) => string {
  const template = JSON.stringify({ ...input, externalId: TOKEN.externalId });
  return (ids) => template.replaceAll(TOKEN.mark, ids.mark).replace(TOKEN.externalId, ids.externalId);
}

/** A distinct letters-only mark per intake (a, b, …, z, ba, …), so it stays a valid email domain label. */
export function markFor(seq: number): string {
  let n = seq;
  let out = "";
  do {
    out = String.fromCharCode(97 + (n % 26)) + out;
    n = Math.floor(n / 26);
  } while (n > 0);
  return `m${out}`;
}

function fillStrings<T>(value: T, fill: (text: string) => string): T {
  if (typeof value === "string") return fill(value) as T;
  if (Array.isArray(value)) return value.map((v) => fillStrings(v, fill)) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = fillStrings(v, fill);
    return out as T;
  }
  return value;
}
