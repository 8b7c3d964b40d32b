import { z } from "zod";
import { blankIsUnset, checkbox, listOf, wholeNumber } from "@/lib/forms/form-fields";
import { channels, priorities, reasonCodes } from "@/lib/contract/package";
import { routingMatchSchema, routingTargetSchema, type RoutingMatch, type RoutingTarget } from "@/lib/routing/schema";

const targetKinds = ["round_robin", "manager", "user", "queue"] as const;

/**
 * The routing rule form (/admin/routing) as the rule it describes. Empty criteria are left out, so
 * a rule without any matches every package; the result must pass routingMatchSchema and
 * routingTargetSchema, whose messages name the field.
 */
export const routingRuleFormSchema = z
  .object({
    name: z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters"),
    enabled: checkbox,
    respectCapacity: checkbox,
    reasons: listOf(z.enum(reasonCodes)),
    priorities: listOf(z.enum(priorities)),
    channels: listOf(z.enum(channels)),
    sourceTeamIds: listOf(z.uuid("must be a team")),
    /** Typed as "ES, PT, fr". */
    countries: z.string().default(""),
    minEmployees: blankIsUnset(wholeNumber(0, 10_000_000)),
    maxEmployees: blankIsUnset(wholeNumber(0, 10_000_000)),
    targetKind: z.enum(targetKinds, { error: "must be round robin, a manager, a person or the queue" }),
    /** Blank: the team the lead came in for. */
    targetTeamId: blankIsUnset(z.uuid("must be a team")),
    targetUserId: blankIsUnset(z.string().min(1)),
  })
  .refine((form) => form.targetKind !== "user" || form.targetUserId, { path: ["targetUserId"], message: "choose the person who receives these packages" })
  .transform((form) => ({
    name: form.name,
    enabled: form.enabled,
    respectCapacity: form.respectCapacity,
    match: dropEmpty({
      reasons: form.reasons,
      priorities: form.priorities,
      channels: form.channels,
      sourceTeamIds: form.sourceTeamIds,
      countries: form.countries
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((c) => c.toUpperCase()),
      minEmployees: form.minEmployees,
      maxEmployees: form.maxEmployees,
    }),
    target: form.targetKind === "user" ? { kind: "user", userId: form.targetUserId ?? "" } : { kind: form.targetKind, teamId: form.targetTeamId ?? null },
  }))
  .pipe(
    z
      .object({ name: z.string(), enabled: z.boolean(), respectCapacity: z.boolean(), match: routingMatchSchema, target: routingTargetSchema })
      .refine((r) => r.match.minEmployees === undefined || r.match.maxEmployees === undefined || r.match.minEmployees <= r.match.maxEmployees, {
        path: ["maxEmployees"],
        message: "must not be below the minimum",
      }),
  );

export type RoutingRuleInput = { name: string; enabled: boolean; respectCapacity: boolean; match: RoutingMatch; target: RoutingTarget };

function dropEmpty(match: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(match).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)));
}
