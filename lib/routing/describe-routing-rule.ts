import type { RoutingMatch, RoutingTarget } from "@/lib/routing/schema";
import { channelLabels, label, priorityLabels, reasonLabels } from "@/lib/format";

type Names = { team: (id: string) => string; user: (id: string) => string };

/** "Reason is Risk · from Spain or Portugal", in words an admin reads at a glance; an empty match is "Every package". */
export function describeMatch(match: RoutingMatch, names: Names): string {
  const parts: string[] = [];
  if (match.reasons) parts.push(`reason ${match.reasons.map((r) => label(reasonLabels, r)).join(" or ")}`);
  if (match.priorities) parts.push(`priority ${match.priorities.map((p) => label(priorityLabels, p)).join(" or ")}`);
  if (match.channels) parts.push(`via ${match.channels.map((c) => label(channelLabels, c)).join(" or ")}`);
  if (match.sourceTeamIds) parts.push(`came in for ${match.sourceTeamIds.map(names.team).join(" or ")}`);
  if (match.countries) parts.push(`country ${match.countries.join(", ")}`);
  if (match.minEmployees !== undefined && match.maxEmployees !== undefined) parts.push(`${match.minEmployees}–${match.maxEmployees} employees`);
  else if (match.minEmployees !== undefined) parts.push(`${match.minEmployees}+ employees`);
  else if (match.maxEmployees !== undefined) parts.push(`up to ${match.maxEmployees} employees`);
  if (parts.length === 0) return "Every package";
  const text = parts.join(" · ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function describeTarget(target: RoutingTarget, names: Names): string {
  const team = (id: string | null) => (id ? names.team(id) : "the team it came in for");
  switch (target.kind) {
    case "round_robin":
      return `Reps of ${team(target.teamId)}, in turn`;
    case "manager":
      return `A manager of ${team(target.teamId)}`;
    case "user":
      return names.user(target.userId);
    case "queue":
      return `The queue of ${team(target.teamId)}`;
  }
}
