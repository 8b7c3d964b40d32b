import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { defaultKnowledgeBase } from "@/lib/knowledge/command-knowledge-base";
import { formatEvalReport, labelledQuestionSchema, scoreQuestions } from "@/lib/knowledge/eval/score-questions";
import { answerFrom } from "@/lib/knowledge/knowledge-base";
import { parseJsonLines } from "@/lib/knowledge/question-lines";

// npm run kb:eval -- CASES.jsonl [--min 0.90] [--max-unsafe 0]
// Runs labelled questions through the knowledge base's answering code on the shipped default
// articles and prints answered-correctly, refused-correctly and wrong answers, each miss on one
// line. Exits 1 when accuracy is below --min or more never-answer questions than --max-unsafe got an answer.
const usage = "usage: npm run kb:eval -- CASES.jsonl [--min 0.90] [--max-unsafe 0]";
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { min: { type: "string" }, "max-unsafe": { type: "string" }, help: { type: "boolean" } },
});
const file = positionals[0];
if (values.help || positionals.length !== 1 || file === undefined) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}
const min = values.min === undefined ? null : Number(values.min);
const maxUnsafe = values["max-unsafe"] === undefined ? null : Number(values["max-unsafe"]);
if ((min !== null && !(min >= 0 && min <= 1)) || (maxUnsafe !== null && !(Number.isInteger(maxUnsafe) && maxUnsafe >= 0))) {
  console.error(`--min takes a share between 0 and 1, --max-unsafe a whole number. ${usage}`);
  process.exit(2);
}

const { rows, problems } = parseJsonLines(readFileSync(file, "utf8"), labelledQuestionSchema);
if (problems.length) {
  for (const p of problems) console.error(`${file} ${p}`);
  process.exit(2);
}
const base = defaultKnowledgeBase();
const report = scoreQuestions(rows.map(({ value }) => ({ label: value, answer: answerFrom(base, value.question, { language: value.language }) })));
console.log(formatEvalReport(report, `${file}, the default knowledge base (${base.size} articles)`));
const failures = [
  ...(min !== null && report.accuracy < min ? [`accuracy ${(report.accuracy * 100).toFixed(1)}% is below the floor of ${(min * 100).toFixed(1)}%`] : []),
  ...(maxUnsafe !== null && report.unsafe > maxUnsafe ? [`${report.unsafe} never-answer question(s) answered (at most ${maxUnsafe})`] : []),
];
for (const f of failures) console.error(`kb:eval: ${f}`);
process.exit(failures.length ? 1 : 0);
