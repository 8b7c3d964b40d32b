import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { formatReport, parseLabelledCases, scoreCases } from "@/lib/agent/eval/score-cases";
import { languageModel, type LlmApi } from "@/lib/agent/llm/provider";
import { runAgent } from "@/lib/agent/run-agent";
import { triage } from "@/lib/agent/triage";
import type { TriageDecision } from "@/lib/contract/decision";
import { compileRuleSet, RuleSetError } from "@/lib/rules/compile";
import { defaultRuleSet } from "@/lib/rules/default-rules";
import { env } from "@/lib/env";

// npm run triage:eval -- CASES.jsonl [--llm] [--api chat|responses] [--rules RULES.json] [--min 0.97] [--max-unsafe 0]
// Runs labelled cases (the shape of ../shared/cases) through the agent and prints the confusion
// matrix, precision and recall per reason, priority accuracy and each miss on one line. --llm runs
// them through the configured OpenAI-compatible model (OPENAI_API_KEY, OPENAI_BASE_URL,
// OPENAI_MODEL) instead of the deterministic reader; the rules decide either way. With --min the
// command exits 1 when decision accuracy is below it; with --max-unsafe, when more leads than that
// are no-fit leads acted on or escalated, or risks missed.
const usage = "usage: npm run triage:eval -- CASES.jsonl [--llm] [--api chat|responses] [--rules RULES.json] [--min 0.97] [--max-unsafe 0]";
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    llm: { type: "boolean" },
    api: { type: "string" },
    rules: { type: "string" },
    min: { type: "string" },
    "max-unsafe": { type: "string" },
    help: { type: "boolean" },
  },
});
if (values.help || positionals.length !== 1) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}
const min = values.min === undefined ? null : Number(values.min);
const maxUnsafe = values["max-unsafe"] === undefined ? null : Number(values["max-unsafe"]);
if ((min !== null && !(min >= 0 && min <= 1)) || (maxUnsafe !== null && !(Number.isInteger(maxUnsafe) && maxUnsafe >= 0))) {
  console.error(`--min takes a share between 0 and 1, --max-unsafe a whole number. ${usage}`);
  process.exit(2);
}
if (values.api !== undefined && values.api !== "chat" && values.api !== "responses") {
  console.error(`--api: must be chat or responses. ${usage}`);
  process.exit(2);
}

let rules;
try {
  rules = values.rules ? compileRuleSet(JSON.parse(readFileSync(values.rules, "utf8")), 0) : compileRuleSet(defaultRuleSet, 1);
} catch (error) {
  console.error(error instanceof RuleSetError ? error.message : `--rules: ${(error as Error).message}`);
  process.exit(2);
}

const { cases, problems } = parseLabelledCases(readFileSync(positionals[0]!, "utf8"));
if (problems.length) {
  for (const p of problems) console.error(`${positionals[0]} ${p}`);
  process.exit(2);
}

const decisions = new Map<string, TriageDecision>();
let mode = "deterministic";
if (values.llm) {
  const settings = env();
  if (!settings.OPENAI_API_KEY) {
    console.error("--llm: OPENAI_API_KEY is not set (and OPENAI_BASE_URL for a compatible server)");
    process.exit(2);
  }
  const model = await languageModel({
    apiKey: settings.OPENAI_API_KEY,
    baseURL: settings.OPENAI_BASE_URL,
    model: settings.OPENAI_MODEL,
    api: values.api as LlmApi | undefined,
  });
  const sources = new Map<string, number>();
  // One at a time: a shared model endpoint, and the order of the misses stays the file's.
  for (const c of cases) {
    const run = await runAgent(c.input, rules, { model: model as Exclude<typeof model, string> });
    sources.set(run.agentSource, (sources.get(run.agentSource) ?? 0) + 1);
    decisions.set(c.input.externalId!, run.decision);
  }
  mode = `llm ${settings.OPENAI_MODEL} (${[...sources].map(([s, n]) => `${s} ${n}`).join(", ")})`;
} else {
  for (const c of cases) decisions.set(c.input.externalId!, triage(c.input, rules).decision);
}

const report = scoreCases(cases, (c) => decisions.get(c.input.externalId!));
console.log(formatReport(report, `${positionals[0]}, ${mode}, rules v${rules.version}`));
const accuracy = report.total ? report.decisionCorrect / report.total : 0;
const failures = [
  ...(min !== null && accuracy < min ? [`decision accuracy ${(accuracy * 100).toFixed(1)}% is below the floor of ${(min * 100).toFixed(1)}%`] : []),
  ...(maxUnsafe !== null && report.unsafe > maxUnsafe ? [`${report.unsafe} unsafe misses (at most ${maxUnsafe})`] : []),
];
for (const f of failures) console.error(f);
process.exit(failures.length ? 1 : 0);
