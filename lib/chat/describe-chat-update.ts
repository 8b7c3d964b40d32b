import { formatDateTime, humanize, priorityLabels } from "@/lib/format";
import { statusLabels } from "@/lib/handoffs/state-machine";

type Side = { decision?: unknown; priority?: unknown };

const decisionWords: Record<string, string> = { ask: "asking", filter: "filtered", act: "handled by the agent", escalate: "escalated" };

/**
 * The timeline's words for an "updated from chat" event: what the turn changed (decision, priority,
 * status, owner, SLA deadline, the facts the lead added), each as "before → after" (pure).
 */
export function describeChatUpdate(
  data: Record<string, unknown>,
  context: { fromStatus: string | null; toStatus: string | null; ownerNames: Record<string, string> },
): string {
  const from = (data.from ?? {}) as Side;
  const to = (data.to ?? {}) as Side;
  const changes: string[] = [];
  if (from.decision !== to.decision && typeof to.decision === "string")
    changes.push(`${word(decisionWords, from.decision)} → ${word(decisionWords, to.decision)}`);
  if (from.priority !== to.priority) changes.push(`priority ${word(priorityLabels, from.priority, "none")} → ${word(priorityLabels, to.priority, "none")}`);
  if (context.fromStatus && context.toStatus && context.fromStatus !== context.toStatus) {
    changes.push(`status ${word(statusLabels, context.fromStatus).toLowerCase()} → ${word(statusLabels, context.toStatus).toLowerCase()}`);
  }
  const owner = data.owner as { from?: unknown; to?: unknown } | undefined;
  if (owner) changes.push(`owner ${ownerName(owner.from, context.ownerNames)} → ${ownerName(owner.to, context.ownerNames)}`);
  const sla = data.slaDueAt as { from?: unknown; to?: unknown } | undefined;
  if (sla && typeof sla.from === "string" && typeof sla.to === "string") changes.push(`SLA due ${formatDateTime(sla.from)} → ${formatDateTime(sla.to)}`);
  const added = Array.isArray(data.factsAdded) ? data.factsAdded.filter((f): f is string => typeof f === "string") : [];
  if (added.length) changes.push(`the lead added ${added.map((f) => humanize(f).toLowerCase()).join(", ")}`);
  return changes.length ? `updated it from the chat: ${changes.join("; ")}` : "updated it from the chat";
}

function word(map: Record<string, string>, key: unknown, none = "?"): string {
  return typeof key === "string" ? (map[key] ?? humanize(key)) : none;
}

function ownerName(id: unknown, names: Record<string, string>): string {
  return typeof id === "string" ? (names[id] ?? "someone") : "the team queue";
}
