import { ensureDefaultRuleSet, findPublishedRuleSet } from "@/db/queries/rules";
import { compileRuleSet, type CompiledRuleSet } from "@/lib/rules/compile";
import { defaultRuleSet } from "@/lib/rules/default-rules";

/** The rule set in force: the published version, compiled (the default is published as version 1 if none exists). */
export async function loadPublishedRuleSet(): Promise<CompiledRuleSet | null> {
  const row = await findPublishedRuleSet();
  return row ? compileRuleSet(row.rules, row.version) : null;
}

let cached: { version: number; compiled: CompiledRuleSet; checkedAt: number } | undefined;
// How long an instance keeps using the version it last saw before asking again: a newly published
// rule set takes effect everywhere within this time, and intake is spared a query per lead.
const RECHECK_MS = 5_000;

/** For the intake path: compiled once per published version, not once per lead. */
export async function activeRuleSet(): Promise<CompiledRuleSet> {
  if (cached && Date.now() - cached.checkedAt < RECHECK_MS) return cached.compiled;
  let row = await findPublishedRuleSet();
  if (!row) {
    await ensureDefaultRuleSet(defaultRuleSet as Record<string, unknown>);
    row = await findPublishedRuleSet();
  }
  if (!row) throw new Error("no published rule set");
  if (cached?.version !== row.version) cached = { version: row.version, compiled: compileRuleSet(row.rules, row.version), checkedAt: Date.now() };
  else cached.checkedAt = Date.now();
  return cached.compiled;
}
