import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { triage } from "@/lib/agent/triage";
import { describeIntakeErrors, intakeEventSchema } from "@/lib/contract/intake";
import { maskIntakeEvent } from "@/lib/privacy/mask-intake-event";
import { compileRuleSet, RuleSetError, type CompiledRuleSet } from "@/lib/rules/compile";
import { defaultRuleSet } from "@/lib/rules/default-rules";
import { env } from "@/lib/env";

// npm run triage -- FILE.jsonl [--rules RULES.json]
// One intake event a line in, one decision a line out (triage-contract.md section 2). Nothing is
// written anywhere; stdout carries only decisions, everything else goes to stderr.
const usage = "usage: npm run triage -- FILE.jsonl [--rules RULES.json]   (FILE may be - for stdin)";
const { values, positionals } = parseArgs({ allowPositionals: true, options: { rules: { type: "string" }, help: { type: "boolean" } } });
if (values.help || positionals.length !== 1) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}

const rules = await loadRules(values.rules);
const input = readFileSync(positionals[0] === "-" ? 0 : positionals[0]!, "utf8");
let bad = 0;
input.split("\n").forEach((line, index) => {
  if (!line.trim()) return;
  const where = `line ${index + 1}`;
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (error) {
    bad++;
    console.error(`${where}: not valid JSON (${(error as Error).message})`);
    return;
  }
  const parsed = intakeEventSchema.safeParse(raw);
  if (!parsed.success) {
    bad++;
    console.error(`${where}: ${describeIntakeErrors(parsed.error).join("; ")}`);
    return;
  }
  // Masked as the intake API masks it: a dry run prints no card number, password or id either.
  process.stdout.write(JSON.stringify(triage(maskIntakeEvent(parsed.data).event, rules).decision) + "\n");
});
if (bad) console.error(`${bad} line(s) could not be triaged`);
process.exit(bad ? 1 : 0);

async function loadRules(file: string | undefined): Promise<CompiledRuleSet> {
  try {
    if (file) return compileRuleSet(JSON.parse(readFileSync(file, "utf8")), 0);
    if (env().DATABASE_URL) {
      const { loadPublishedRuleSet } = await import("@/lib/rules/published");
      const { sql } = await import("@/db");
      try {
        const published = await loadPublishedRuleSet();
        if (published) return published;
        console.error("no published rule set in the database: using the default");
      } catch (error) {
        // A database without Baton's tables (or unreachable) still lets a dry run answer.
        console.error(`could not read the published rule set (${(error as Error).message}): using the default`);
      } finally {
        await sql.end({ timeout: 5 });
      }
    }
    return compileRuleSet(defaultRuleSet, 1);
  } catch (error) {
    console.error(error instanceof RuleSetError ? error.message : `could not load the rules: ${(error as Error).message}`);
    process.exit(2);
  }
}
