import type { channels, Priority, ReasonCode } from "@/lib/contract/package";
import type { RoutingMatch, RoutingRule, RoutingTarget } from "@/lib/routing/schema";

type Channel = (typeof channels)[number];

/** What routing knows about the package being placed. */
export type RoutingFacts = {
  priority: Priority | null;
  reasons: readonly ReasonCode[];
  channel: Channel;
  /** The team the lead came in for (intake key or chat); the fallback queue. */
  sourceTeamId: string | null;
  country: string | null;
  employees: number | null;
};

/** A person who could receive it, with the load they carry now. */
export type Candidate = {
  id: string;
  teamId: string | null;
  role: "rep" | "manager" | "admin";
  active: boolean;
  capacity: number;
  /** Open immediate packages they own. */
  openImmediate: number;
  lastAssignedAt: Date | null;
};

export type RoutingDecision = {
  ownerId: string | null;
  teamId: string | null;
  /** The rule that placed it; null when none did and the package went to the fallback queue. */
  ruleId: string | null;
  ruleName: string;
  /** Rules that matched but could not place it, and why (shown on the timeline). */
  passedOver: { ruleId: string; ruleName: string; why: string }[];
};

export const FALLBACK_RULE_NAME = "Fallback: the team's queue";

/**
 * Decides who receives a package: the first enabled rule (by position) that matches the facts and
 * finds someone eligible wins. A rule that matches but finds nobody (everyone inactive or at their
 * cap) passes to the next. When no rule places it, it waits unowned in the source team's queue.
 * Pure: the caller loads rules and candidates and records the decision.
 */
export function routeHandoff(input: {
  facts: RoutingFacts;
  rules: readonly RoutingRule[];
  candidates: readonly Candidate[];
  exclude?: readonly string[];
}): RoutingDecision {
  const { facts } = input;
  const exclude = new Set(input.exclude ?? []);
  const passedOver: RoutingDecision["passedOver"] = [];
  const ordered = [...input.rules].filter((r) => r.enabled).sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
  for (const rule of ordered) {
    if (!matches(rule.match, facts)) continue;
    const placed = place(rule.target, rule.respectCapacity, facts, input.candidates, exclude);
    if ("why" in placed) {
      passedOver.push({ ruleId: rule.id, ruleName: rule.name, why: placed.why });
      continue;
    }
    return { ...placed, ruleId: rule.id, ruleName: rule.name, passedOver };
  }
  return { ownerId: null, teamId: facts.sourceTeamId, ruleId: null, ruleName: FALLBACK_RULE_NAME, passedOver };
}

export function matches(match: RoutingMatch, facts: RoutingFacts): boolean {
  if (match.reasons && !match.reasons.some((r) => facts.reasons.includes(r))) return false;
  if (match.priorities && (!facts.priority || !match.priorities.includes(facts.priority))) return false;
  if (match.channels && !match.channels.includes(facts.channel)) return false;
  if (match.sourceTeamIds && (!facts.sourceTeamId || !match.sourceTeamIds.includes(facts.sourceTeamId))) return false;
  if (match.countries && (!facts.country || !match.countries.includes(facts.country))) return false;
  // A size bound needs a known size: an unknown company is not assumed to be large or small.
  if (match.minEmployees !== undefined && (facts.employees === null || facts.employees < match.minEmployees)) return false;
  if (match.maxEmployees !== undefined && (facts.employees === null || facts.employees > match.maxEmployees)) return false;
  return true;
}

function place(
  target: RoutingTarget,
  respectCapacity: boolean,
  facts: RoutingFacts,
  candidates: readonly Candidate[],
  exclude: ReadonlySet<string>,
): { ownerId: string | null; teamId: string | null } | { why: string } {
  const teamId = "teamId" in target ? (target.teamId ?? facts.sourceTeamId) : null;
  if (target.kind === "queue") return teamId ? { ownerId: null, teamId } : { why: "the lead came in for no team" };

  const capped = respectCapacity && facts.priority === "immediate";
  const eligible = (c: Candidate) => c.active && !exclude.has(c.id) && (!capped || c.openImmediate < c.capacity);

  if (target.kind === "user") {
    const person = candidates.find((c) => c.id === target.userId);
    if (!person || !person.active) return { why: "that person is not active" };
    if (exclude.has(person.id)) return { why: "that person already had it" };
    if (!eligible(person)) return { why: "that person is at capacity" };
    return { ownerId: person.id, teamId: person.teamId ?? facts.sourceTeamId };
  }

  if (!teamId) return { why: "the lead came in for no team" };
  const role = target.kind === "manager" ? "manager" : "rep";
  const members = candidates.filter((c) => c.teamId === teamId && c.role === role);
  if (!members.some((c) => c.active && !exclude.has(c.id))) return { why: `the team has no active ${role}` };
  const pool = members.filter(eligible);
  if (pool.length === 0) return { why: `every active ${role} of the team is at capacity` };
  // Whoever waited longest since their last assignment; the least loaded breaks ties, then the id (stable).
  const [chosen] = [...pool].sort((a, b) => waited(a) - waited(b) || a.openImmediate - b.openImmediate || a.id.localeCompare(b.id));
  return { ownerId: chosen!.id, teamId };
}

function waited(c: Candidate): number {
  return c.lastAssignedAt ? c.lastAssignedAt.getTime() : Number.NEGATIVE_INFINITY;
}
