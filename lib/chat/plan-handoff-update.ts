import type { HandoffPriority, HandoffStatus } from "@/db/schema/handoffs";
import { canonicalJson } from "@/lib/agent/external-id";
import type { DecisionKind } from "@/lib/contract/decision";
import type { HandoffPackage, ReasonCode } from "@/lib/contract/package";

export type StoredChatHandoff = {
  decision: DecisionKind;
  priority: HandoffPriority | null;
  status: HandoffStatus;
  ownerId: string | null;
  reasons: string[];
  package: HandoffPackage;
};

export type NextChatDecision = { decision: DecisionKind; priority: HandoffPriority | null; reasons: ReasonCode[]; package: HandoffPackage };

export type HandoffUpdatePlan = {
  decision: DecisionKind;
  priority: HandoffPriority | null;
  reasons: ReasonCode[];
  package: HandoffPackage;
  /** Set when the agent's own "no fit" record is reopened because the lead turned out to matter. */
  reopen: boolean;
  /**
   * A timeline event when the decision or priority changed or the lead told us something new (the
   * facts it added); wording alone is not news. The SLA's move is added where it is computed (db/queries/chat.ts).
   */
  event: {
    from: { decision: DecisionKind; priority: HandoffPriority | null };
    to: { decision: DecisionKind; priority: HandoffPriority | null };
    factsAdded: string[];
  } | null;
  /** The lead now reaches a person for the first time: the owner must hear of it. */
  notify: boolean;
  /**
   * The SLA deadline: `route` (a first escalation: the routing rules place it and start the window),
   * `restart` (a sharper priority: a new window, unless the running one ends sooner), `keep`.
   */
  sla: "route" | "restart" | "keep";
};

/**
 * How a later chat turn changes the conversation's one handoff (pure). The agent only touches a
 * package nobody has taken (pending, or its own "no fit" record), never makes it weaker
 * (a lead escalated stays escalated), and writes nothing when nothing changed. The SLA deadline is
 * not the plan's: a first escalation is routed and a sharper priority restarts the clock, both in
 * the team's business hours (db/queries/routing.ts); anything else keeps the deadline it had.
 */
export function planHandoffUpdate(stored: StoredChatHandoff, next: NextChatDecision): HandoffUpdatePlan | null {
  // Routing names an owner at once; the package is theirs to work only once they accept it, so until
  // then the agent keeps it up to date (a routed pending package, or the agent's own "no fit" record).
  const agentHeld = stored.status === "pending" || (stored.ownerId === null && stored.status === "discarded" && stored.decision === "filter");
  // A stored ask exists only because the agent could not ask live (the lead asked for a person): what the
  // lead adds afterwards (the email to reach them) still goes on it. Otherwise an ask never changes a record.
  if (!agentHeld || (next.decision === "ask" && stored.decision !== "ask")) return null;
  if (decisionStrength(next) < decisionStrength(stored)) return null;

  const upgraded = next.decision !== stored.decision || next.priority !== stored.priority;
  const changed =
    upgraded ||
    canonicalJson([...next.reasons].sort()) !== canonicalJson([...stored.reasons].sort()) ||
    canonicalJson(next.package) !== canonicalJson(stored.package);
  if (!changed) return null;

  const escalatesNow = next.decision === "escalate" && stored.decision !== "escalate";
  const factsAdded = addedFacts(stored.package, next.package);

  return {
    decision: next.decision,
    priority: next.priority,
    reasons: next.reasons,
    package: next.package,
    reopen: stored.status === "discarded" && next.decision !== "filter",
    event:
      upgraded || factsAdded.length
        ? { from: { decision: stored.decision, priority: stored.priority }, to: { decision: next.decision, priority: next.priority }, factsAdded }
        : null,
    notify: escalatesNow,
    sla: next.priority === null ? "keep" : escalatesNow ? "route" : upgraded ? "restart" : "keep",
  };
}

const identityFields = ["name", "email", "phone", "company", "role", "website"] as const;

/** What the lead told us this turn: identity fields that were empty, and confirmed facts the package did not hold. */
function addedFacts(before: HandoffPackage, after: HandoffPackage): string[] {
  const identity = identityFields.filter((field) => !before.identification[field] && after.identification[field]);
  const known = new Set(before.facts.confirmed.map((f) => f.field));
  const confirmed = after.facts.confirmed.map((f) => f.field).filter((field) => !known.has(field) && !(identityFields as readonly string[]).includes(field));
  return [...new Set([...identity, ...confirmed])];
}

/** ask < filter < act < escalate (normal) < escalate (immediate): how far the lead got toward a person. */
export function decisionStrength(d: { decision: DecisionKind; priority: HandoffPriority | null }): number {
  if (d.decision === "escalate") return d.priority === "immediate" ? 4 : 3;
  return { ask: 0, filter: 1, act: 2 }[d.decision];
}
