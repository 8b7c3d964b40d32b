import { z } from "zod";
import { channels, priorities, reasonCodes } from "@/lib/contract/package";

// Routing rules are data (the routing_rules table): what a rule matches and where it sends the package.

export const routingMatchSchema = z
  .object({
    /** Any of these reasons. */
    reasons: z.array(z.enum(reasonCodes)).min(1).optional(),
    priorities: z.array(z.enum(priorities)).min(1).optional(),
    channels: z.array(z.enum(channels)).min(1).optional(),
    /** The team the lead came in for (the intake key's team, or the chat's). */
    sourceTeamIds: z.array(z.uuid()).min(1).optional(),
    /** ISO 3166 alpha-2 codes, upper case. */
    countries: z
      .array(z.string().regex(/^[A-Z]{2}$/, "must be a two-letter country code such as ES"))
      .min(1)
      .optional(),
    minEmployees: z.number().int().min(0).optional(),
    maxEmployees: z.number().int().min(0).optional(),
  })
  .strict();

/** A null team means "the team the lead came in for". */
export const routingTargetSchema = z.discriminatedUnion("kind", [
  /** The active reps of a team in turn, whoever waited longest first. */
  z.object({ kind: z.literal("round_robin"), teamId: z.uuid().nullable() }).strict(),
  /** A manager of the team, in turn (e.g. risk goes to a manager). */
  z.object({ kind: z.literal("manager"), teamId: z.uuid().nullable() }).strict(),
  /** One named person. */
  z.object({ kind: z.literal("user"), userId: z.string().min(1) }).strict(),
  /** The team's queue, nobody in particular: whoever takes it first. */
  z.object({ kind: z.literal("queue"), teamId: z.uuid().nullable() }).strict(),
]);

export type RoutingMatch = z.infer<typeof routingMatchSchema>;
export type RoutingTarget = z.infer<typeof routingTargetSchema>;

export const routingRuleSchema = z.object({
  id: z.string(),
  name: z.string().min(1),
  position: z.number().int(),
  enabled: z.boolean(),
  match: routingMatchSchema,
  target: routingTargetSchema,
  /** Skip people who already hold `capacity` open immediate packages (only when routing an immediate one). */
  respectCapacity: z.boolean(),
});

export type RoutingRule = z.infer<typeof routingRuleSchema>;
