import { z } from "zod";
import { actionTypes, priorities, reasonCodes } from "@/lib/contract/package";
import { decisions } from "@/lib/contract/decision";

// A rule set is data: admins edit it, it is versioned in rule_set_versions, and it is compiled once.
// Conditions name features: a signal family ("risk"), one signal ("risk.pricing"), a fact the
// extractor computes ("business", "volume", …) or a feature the rule set derives itself.

// `atLeast` counts: true when at least that many of its conditions hold (a score, e.g. spam cues).
export type Condition = boolean | string | { all: Condition[] } | { any: Condition[] } | { not: Condition } | { atLeast: number; of: Condition[] };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.boolean(),
    z.string().min(1).max(100),
    z.object({ all: z.array(conditionSchema).min(1).max(50) }).strict(),
    z.object({ any: z.array(conditionSchema).min(1).max(50) }).strict(),
    z.object({ not: conditionSchema }).strict(),
    z.object({ atLeast: z.number().int().min(1).max(50), of: z.array(conditionSchema).min(1).max(50) }).strict(),
  ]),
);

const pattern = z.string().min(1).max(2_000);

/** The languages the agent reads (facts.language); each signal may keep its keywords per language. */
export const patternLanguages = ["en", "es"] as const;

export const signalDefinitionSchema = z
  .object({
    label: z.string().min(1).max(200),
    /**
     * Regular expressions, matched case-insensitively against what the lead wrote (or their email
     * address): `patterns` for any language (numbers, symbols), `languages` per language. Every list
     * is matched whatever the lead's language: people mix them.
     */
    patterns: z.array(pattern).max(200).default([]),
    languages: z
      .object({ en: z.array(pattern).max(200).optional(), es: z.array(pattern).max(200).optional() })
      .strict()
      .optional(),
    target: z.enum(["text", "email"]).default("text"),
  })
  .refine((s) => s.patterns.length + (s.languages?.en?.length ?? 0) + (s.languages?.es?.length ?? 0) > 0, {
    message: "give the signal at least one pattern",
    path: ["patterns"],
  });

/** Every pattern of a signal with where it sits, in matching order: any language, then English, then Spanish. */
export function signalPatterns(signal: z.infer<typeof signalDefinitionSchema>): { source: string; path: string }[] {
  return [
    ...signal.patterns.map((source, i) => ({ source, path: `patterns.${i}` })),
    ...patternLanguages.flatMap((language) => (signal.languages?.[language] ?? []).map((source, i) => ({ source, path: `languages.${language}.${i}` }))),
  ];
}

const signalId = z.string().regex(/^[a-z][a-zA-Z]*\.[a-z][a-z_]*$/, "signal ids look like family.name, e.g. risk.pricing");

export const ruleSchema = z.object({
  id: z.string().min(1).max(100),
  description: z.string().max(500).default(""),
  when: conditionSchema,
  decision: z.enum(decisions),
  /** A fixed priority, or the first matching entry of a list (an entry without `when` always matches). */
  priority: z.union([z.enum(priorities).nullable(), z.array(z.object({ when: conditionSchema.optional(), value: z.enum(priorities) })).min(1)]),
  /** `evidence` names where the quoted fragment should come from (default: whatever made `when` true). */
  reasons: z.array(z.object({ code: z.enum(reasonCodes), when: conditionSchema.optional(), evidence: conditionSchema.optional() })).min(1),
  actions: z.array(z.enum(actionTypes)).default([]),
});

/** The largest value each threshold may take: beyond them a typo, not a lead. */
export const thresholdMaximums = { employees: 1_000_000, monthlyLeads: 10_000_000, budget: 1_000_000_000, urgentDays: 365 } as const;

export const ruleSetSchema = z.object({
  name: z.string().min(1).max(200),
  description: z.string().max(2_000).default(""),
  thresholds: z.object({
    employees: threshold({ name: "The employees threshold", whole: true, max: thresholdMaximums.employees }),
    monthlyLeads: threshold({ name: "The leads-a-month threshold", whole: true, max: thresholdMaximums.monthlyLeads }),
    budget: threshold({ name: "The budget threshold", whole: false, max: thresholdMaximums.budget }),
    budgetCurrencies: z
      .array(z.string().regex(/^[A-Z]{3}$/, "A currency is a three-letter code such as EUR or USD."))
      .min(1, "Name at least one budget currency, such as EUR."),
    urgentDays: threshold({ name: "The urgency threshold (days)", whole: true, max: thresholdMaximums.urgentDays }),
  }),
  /** Email domains of free mail providers: an address there says nothing about a business. */
  freeEmailDomains: z.array(z.string().min(3)).default([]),
  sensitiveActions: z.array(z.enum(actionTypes)),
  signals: z.record(signalId, signalDefinitionSchema),
  features: z.record(z.string().regex(/^[a-z][a-zA-Z]*$/), conditionSchema).default({}),
  rules: z.array(ruleSchema).min(1).max(200),
  /** A `filter` on a channel that can answer (email): the agent sends one short, non-committal reply. Off unless an admin turns it on. */
  filterReply: z.boolean().default(false),
});

export type RuleSet = z.infer<typeof ruleSetSchema>;

/**
 * A threshold an admin types: each way it can be wrong gets its own sentence (zod's defaults read
 * "expected int to be <=9007199254740991"), and the upper bound is one a real lead can reach, so a
 * stray extra zero is caught instead of switching the rule off.
 */
function threshold({ name, whole, max }: { name: string; whole: boolean; max: number }) {
  const range = `${whole ? "a whole number" : "a number"} from 0 to ${max.toLocaleString("en-US")}`;
  const number = z.number({ error: `${name} needs ${range}.` });
  // Number.isInteger rather than .int(): zod's int also refuses anything past 2^53 as "not whole",
  // which would say two things about one value that is simply too large.
  const bounded = number.min(0, `${name} cannot be negative.`).max(max, `${name} can be at most ${max.toLocaleString("en-US")}.`);
  return whole ? bounded.refine(Number.isInteger, `${name} must be a whole number.`) : bounded;
}
export type RuleSetInput = z.input<typeof ruleSetSchema>;
export type Rule = z.infer<typeof ruleSchema>;
