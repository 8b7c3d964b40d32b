import { ensureDefaultRuleSet, findPublishedRuleSet } from "@/db/queries/rules";
import { compileRuleSet, type CompiledRuleSet } from "@/lib/rules/compile";
import { defaultRuleSet } from "@/lib/rules/default-rules";

/** The rule set in force: the published version, compiled (the default is published as version 1 if none exists). */
export async function loadPublishedRuleSet(): Promise<CompiledRuleSet | null> {
  const row = await findPublishedRuleSet();
  return row ? compileRuleSet(row.rules, row.version) : null;
}

let cached: { version: number; compiled: CompiledRuleSet } | undefined;

/** For the intake path: compiled once per published version, not once per lead. */
export async function activeRuleSet(): Promise<CompiledRuleSet> {
  let row = await findPublishedRuleSet();
  if (!row) {
    await ensureDefaultRuleSet(defaultRuleSet as Record<string, unknown>);
    row = await findPublishedRuleSet();
  }
  if (!row) throw new Error("no published rule set");
  if (cached?.version !== row.version) cached = { version: row.version, compiled: compileRuleSet(row.rules, row.version) };
  return cached.compiled;
}
