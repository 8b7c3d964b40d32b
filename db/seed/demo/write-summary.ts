import type { HandoffPriority } from "@/db/schema/handoffs";
import type { Channel } from "@/db/schema/leads";
import type { HandoffPackage, ReasonCode } from "@/lib/contract/package";
import type { Critical, Draft } from "./archetype";
import type { SourceDef } from "./sources";
import { listWords } from "./text";

/**
 * Five to eight lines, like a note a colleague would leave: who and where from, the need, the context,
 * timing, why it escalated, what to watch, the next step. Every number and name comes from the lead's
 * own words (quoted) or from the identification they gave.
 */
export function writeSummary(x: {
  draft: Draft;
  identification: HandoffPackage["identification"];
  source: SourceDef;
  channel: Channel;
  markers: Map<string, string>;
  urgency: string | null;
  reasons: HandoffPackage["reasons"];
  missing: Critical[];
  openQuestions: string[];
  nextWhy: string;
  priority: HandoffPriority;
}): string {
  const { identification: id, markers } = x;
  const who = [id.role, id.company].filter(Boolean).join(", ");
  const entry = {
    form: `via the "${x.source.pageName}" form`,
    landing_page: `via the "${x.source.pageName}" landing page`,
    chat: `via the chat widget on the ${x.source.pageName} page`,
    email: "by email to the sales mailbox",
  }[x.channel];
  const lines = [
    `${id.name ?? "An unnamed lead"} (${who || "no company given"}) came in ${entry}${x.source.campaign ? `, campaign ${x.source.campaign}` : ""}.`,
    x.draft.needNote ? `Need: ${x.draft.needNote}.` : `Need: not stated yet${markers.get("vague") ? ` (they wrote "${markers.get("vague")}")` : ""}.`,
  ];
  const context = ["employees", "leads", "team", "tools", "budget"]
    .map((k) => markers.get(k))
    .filter((v): v is string => Boolean(v))
    .map((c) => `"${c}"`);
  const tools = x.draft.tools ?? [];
  if (!markers.has("tools") && tools.length) context.push(`uses ${tools.join(" and ")}`);
  const unknown = [markers.has("leads") || markers.has("employees") ? null : "volume", tools.length ? null : "tools", x.draft.budget ? null : "budget"].filter(
    (v): v is string => v !== null,
  );
  const notGiven = unknown.length ? `no ${listWords(unknown, "or")} given yet` : "";
  lines.push(`Context: ${[...context, notGiven].filter(Boolean).join("; ")}.`);
  if (x.urgency) lines.push(markers.has("urgency") || markers.has("timeline") ? `Timing: "${x.urgency}".` : `Timing: ${x.urgency.toLowerCase()}.`);
  if (x.priority === "nurture") {
    lines.push(
      `Held in nurture: missing ${listWords(
        x.missing.map((m) => criticalLabels[m]),
        "and",
      )}.`,
    );
  } else {
    lines.push(`Escalated for ${x.reasons.map((r) => `${reasonWords[r.code]} ("${r.evidence}")`).join("; ")}.`);
  }
  if (x.draft.caution) lines.push(`Careful: ${x.draft.caution}.`);
  lines.push(`Next step: ${x.nextWhy}`);
  if (lines.length < 8 && x.openQuestions[0]) lines.push(`Ask: ${x.openQuestions[0]}`);
  return lines.join("\n");
}

const reasonWords: Record<ReasonCode, string> = {
  high_value: "high value",
  risk: "risk",
  ambiguity: "ambiguity",
  offer_exception: "offer exception",
  missing_data: "missing data",
  sensitive_action: "a sensitive action",
  no_fit: "no fit",
  low_risk_fit: "low-risk fit",
};

const criticalLabels: Record<Critical, string> = { email: "an email address", company: "the company", need: "what they need" };
