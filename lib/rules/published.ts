import { ensureDefaultRuleSet, findPublishedRuleSet, publishedRuleSetVersion } from "@/db/queries/rules";
import { compileRuleSet, type CompiledRuleSet } from "@/lib/rules/compile";
import { defaultRuleSet } from "@/lib/rules/default-rules";

/** The rule set in force: the published version, compiled (the default is published as version 1 if none exists). */
export async function loadPublishedRuleSet(): Promise<CompiledRuleSet | null> {
  const row = await findPublishedRuleSet();
  return row ? compileRuleSet(row.rules, row.version) : null;
}

let cached: CompiledRuleSet | undefined;

/**
 * For the intake path: every lead asks which version is published (one index lookup, so a version
 * an admin publishes decides the very next lead, in every process), and the rules are read and
 * compiled only when that number changes.
 */
export async function activeRuleSet(): Promise<CompiledRuleSet> {
  const version = await publishedRuleSetVersion();
  if (cached && version === cached.version) return cached;
  let row = await findPublishedRuleSet();
  if (!row) {
    await ensureDefaultRuleSet(defaultRuleSet as Record<string, unknown>);
    row = await findPublishedRuleSet();
  }
  if (!row) throw new Error("no published rule set");
  if (cached?.version !== row.version) cached = compileRuleSet(row.rules, row.version);
  return cached;
}
