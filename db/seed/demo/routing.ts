import { eq } from "drizzle-orm";
import type { Transaction } from "@/db";
import { routingRules, teams } from "@/db/schema";
import type { RoutingMatch, RoutingTarget } from "@/lib/routing/schema";
import { teamNames } from "./staff";

// The demo's territory and segment rules, between the shipped "risk to a manager" (position 100) and
// the round-robin default (900): leads from the Americas go to that team, large companies to Enterprise.
export async function seedDemoRouting(tx: Transaction, teamIds: Map<string, string>): Promise<void> {
  const americas = teamIds.get(teamNames.americas);
  const enterprise = teamIds.get(teamNames.enterprise);
  const rules: { name: string; position: number; match: RoutingMatch; target: RoutingTarget }[] = [];
  if (enterprise)
    rules.push({
      name: "Companies of 1,000+ people: Enterprise",
      position: 200,
      match: { minEmployees: 1000 },
      target: { kind: "round_robin", teamId: enterprise },
    });
  if (americas)
    rules.push({
      name: "The Americas: Inbound Americas",
      position: 300,
      match: { countries: ["US", "CA", "MX", "BR", "AR", "CO", "CL", "PE"] },
      target: { kind: "round_robin", teamId: americas },
    });
  for (const rule of rules) {
    const [existing] = await tx.select({ id: routingRules.id }).from(routingRules).where(eq(routingRules.name, rule.name)).limit(1);
    if (!existing) await tx.insert(routingRules).values({ ...rule, respectCapacity: true });
  }
  // Demo teams also post to their own Slack channel when a bot token is configured.
  for (const [name, channel] of [
    [teamNames.emea, "#sales-emea"],
    [teamNames.americas, "#sales-americas"],
    [teamNames.enterprise, "#enterprise"],
  ] as const) {
    const id = teamIds.get(name);
    if (id) await tx.update(teams).set({ slackChannel: channel }).where(eq(teams.id, id));
  }
}
