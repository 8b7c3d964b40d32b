import type { HandoffPriority, HandoffStatus } from "@/db/schema/handoffs";
import { canonicalJson } from "@/lib/agent/external-id";
import type { DecisionKind } from "@/lib/contract/decision";
import type { HandoffPackage, ReasonCode } from "@/lib/contract/package";
import { slaDueAt } from "@/lib/sla/due-at";

export type StoredChatHandoff = {
  decision: DecisionKind;
  priority: HandoffPriority | null;
  status: HandoffStatus;
  ownerId: string | null;
  reasons: string[];
  slaDueAt: Date;
  package: HandoffPackage;
};

export type NextChatDecision = { decision: DecisionKind; priority: HandoffPriority | null; reasons: ReasonCode[]; package: HandoffPackage };

export type HandoffUpdatePlan = {
  decision: DecisionKind;
  priority: HandoffPriority | null;
  reasons: ReasonCode[];
  package: HandoffPackage;
  slaDueAt: Date;
  /** Set when the agent's own "no fit" record is reopened because the lead turned out to matter. */
  reopen: boolean;
  /** A timeline event when the decision or priority changed; a richer package alone is not news. */
  event: { from: { decision: DecisionKind; priority: HandoffPriority | null }; to: { decision: DecisionKind; priority: HandoffPriority | null } } | null;
  /** The lead now reaches a person for the first time: the owner must hear of it. */
  notify: boolean;
};

/**
 * How a later chat turn changes the conversation's one handoff (pure). The agent only touches a
 * package nobody has taken (pending, or its own "no fit" record), never makes it weaker
 * (a lead escalated stays escalated), and writes nothing when nothing changed.
 */
export function planHandoffUpdate(stored: StoredChatHandoff, next: NextChatDecision, now: Date): HandoffUpdatePlan | null {
  // Routing names an owner at once; the package is theirs to work only once they accept it, so until
  // then the agent keeps it up to date (a routed pending package, or the agent's own "no fit" record).
  const agentHeld = stored.status === "pending" || (stored.ownerId === null && stored.status === "discarded" && stored.decision === "filter");
  if (!agentHeld || next.decision === "ask") return null;
  if (decisionStrength(next) < decisionStrength(stored)) return null;

  const upgraded = next.decision !== stored.decision || next.priority !== stored.priority;
  const changed = upgraded || canonicalJson([...next.reasons].sort()) !== canonicalJson([...stored.reasons].sort()) || canonicalJson(next.package) !== canonicalJson(stored.package);
  if (!changed) return null;

  const escalatesNow = next.decision === "escalate" && stored.decision !== "escalate";
  // A deadline only ever moves closer: an upgrade starts the clock now, a refresh keeps it.
  const due =
    next.decision !== "escalate" ? stored.slaDueAt : escalatesNow ? slaDueAt(next.priority, now) : new Date(Math.min(stored.slaDueAt.getTime(), slaDueAt(next.priority, now).getTime()));

  return {
    decision: next.decision,
    priority: next.priority,
    reasons: next.reasons,
    package: next.package,
    slaDueAt: due,
    reopen: stored.status === "discarded" && next.decision !== "filter",
    event: upgraded ? { from: { decision: stored.decision, priority: stored.priority }, to: { decision: next.decision, priority: next.priority } } : null,
    notify: escalatesNow,
  };
}

/** ask < filter < act < escalate (normal) < escalate (immediate): how far the lead got toward a person. */
export function decisionStrength(d: { decision: DecisionKind; priority: HandoffPriority | null }): number {
  if (d.decision === "escalate") return d.priority === "immediate" ? 4 : 3;
  return { ask: 0, filter: 1, act: 2 }[d.decision];
}
