import { z } from "zod";
import { findPublishedRuleSet, listRecentIntakeEvents, publishRuleSet, restoreRuleSetVersion, saveRuleSetDraft } from "@/db/queries/rules";
import type { ActionDefinition } from "@/lib/action";
import { rolesFor } from "@/lib/auth/roles";
import { intakeEventSchema } from "@/lib/contract/intake";
import { UserError } from "@/lib/errors";
import { compileRuleSet } from "@/lib/rules/compile";
import { MAX_SIMULATION_INTAKES, parseIntakeJsonl } from "@/lib/rules/intake-jsonl";
import { requireValidRuleSet } from "@/lib/rules/require-valid";
import { simulateRuleChange, type SimulatedIntake } from "@/lib/rules/simulate";

// The rules editor's server actions, apart from Next (app/(console)/admin/rules/actions.ts wraps each
// with defineAction and revalidates the page): tests run them with runAction as a real user.

// Server actions accept bodies up to 1 MB; the upload stays under it with room for the rules.
const MAX_JSONL_CHARS = 800_000;

const ruleSetInput = z.record(z.string(), z.unknown(), { error: "must be a rule set object" });
const note = z.string().trim().max(500, "a note is at most 500 characters").optional();

export const saveRulesDraftCommand = command({
  name: "rules.save_draft",
  roles: rolesFor("admin.manage"),
  schema: z.object({ rules: ruleSetInput, note }),
  handler: async ({ actor, input, log }) => {
    const rules = requireValidRuleSet(input.rules);
    await saveRuleSetDraft({ actor, rules, note: input.note || null });
    log.info("rules draft saved");
    return { saved: true };
  },
});

export const publishRulesCommand = command({
  name: "rules.publish",
  roles: rolesFor("admin.manage"),
  schema: z.object({ rules: ruleSetInput, note, basedOn: z.coerce.number().int().min(1).optional() }),
  handler: async ({ actor, input, log }) => {
    const rules = requireValidRuleSet(input.rules);
    const row = await publishRuleSet({ actor, rules, note: input.note || null, basedOn: input.basedOn });
    if (!row)
      throw new UserError(
        "conflict",
        `Another version was published after version ${input.basedOn}, the one these edits started from. Reload the page to see it, then make your change again.`,
      );
    log.info("rules published", { version: row.version });
    return { version: row.version };
  },
});

export const restoreRulesVersionCommand = command({
  name: "rules.restore",
  roles: rolesFor("admin.manage"),
  schema: z.object({ version: z.coerce.number().int().min(1, "pick a version to restore"), note }),
  handler: async ({ actor, input, log }) => {
    const row = await restoreRuleSetVersion({ actor, version: input.version, note: input.note || null });
    if (!row) throw new UserError("not_found", `There is no published or archived version ${input.version} to restore.`);
    log.info("rules version restored", { from: input.version, version: row.version });
    return { version: row.version, restoredFrom: input.version };
  },
});

export const simulateRulesCommand = command({
  name: "rules.simulate",
  roles: rolesFor("admin.manage"),
  schema: z.discriminatedUnion("source", [
    z.object({
      source: z.literal("recent"),
      rules: ruleSetInput,
      limit: z.coerce
        .number({ error: "must be a number" })
        .int("must be a whole number")
        .min(1, "simulate at least 1 intake")
        .max(MAX_SIMULATION_INTAKES, `at most ${MAX_SIMULATION_INTAKES.toLocaleString("en")} intakes at once`),
    }),
    z.object({
      source: z.literal("upload"),
      rules: ruleSetInput,
      jsonl: z
        .string()
        .min(1, "the file is empty")
        .max(MAX_JSONL_CHARS, `the file is larger than ${MAX_JSONL_CHARS / 1000} KB; simulate the recent intakes or split it`),
    }),
  ]),
  handler: async ({ input, log }) => {
    const candidate = compileRuleSet(requireValidRuleSet(input.rules), 0);
    const published = await findPublishedRuleSet();
    if (!published) throw new UserError("conflict", "No rule set is published yet: there is nothing to compare the draft with.");
    const active = compileRuleSet(published.rules, published.version);

    const started = performance.now();
    let intakes: SimulatedIntake[];
    let problems: string[] = [];
    if (input.source === "upload") {
      ({ intakes, problems } = parseIntakeJsonl(input.jsonl));
      if (intakes.length > MAX_SIMULATION_INTAKES) throw new UserError("bad_request", problems.at(-1) ?? "too many events");
      if (intakes.length === 0) throw new UserError("bad_request", `No intake event could be read from the file${problems.length ? `: ${problems[0]}` : ""}.`);
    } else {
      const rows = await listRecentIntakeEvents({ limit: input.limit });
      intakes = rows.flatMap((row) => {
        const parsed = intakeEventSchema.safeParse(row.raw);
        if (parsed.success) return [{ id: row.id, event: parsed.data, handoffId: row.handoffId }];
        problems.push(`intake ${row.id}: its stored event no longer reads as an intake event`);
        return [];
      });
    }
    const result = simulateRuleChange({ intakes, active, candidate });
    const ms = Math.round(performance.now() - started);
    log.info("rules simulated", { source: input.source, intakes: result.total, moved: result.movedCount, ms });
    return { ...result, activeVersion: published.version, problems: problems.slice(0, 20), problemCount: problems.length, ms };
  },
});

function command<S extends z.ZodType, T>(definition: ActionDefinition<S, T>): ActionDefinition<S, T> {
  return definition;
}
