import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { env } from "@/lib/env";
import { commandAnswerer } from "@/lib/knowledge/command-knowledge-base";
import { parseJsonLines, questionLineSchema } from "@/lib/knowledge/question-lines";

// npm run kb:answer -- QUESTIONS.jsonl
// One question a line in ({"id", "question", "language"?}), one answer a line out: the same code the
// chat answers with, on the published articles of DATABASE_URL when it is set, else on the shipped
// default knowledge base. stdout carries only answers; problems go to stderr.
const usage = "usage: npm run kb:answer -- QUESTIONS.jsonl   (FILE may be - for stdin)";
const { values, positionals } = parseArgs({ allowPositionals: true, options: { help: { type: "boolean" } } });
const file = positionals[0];
if (values.help || positionals.length !== 1 || file === undefined) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}

let text: string;
try {
  text = readFileSync(file === "-" ? 0 : file, "utf8");
} catch (error) {
  console.error(`${file}: ${(error as Error).message}`);
  process.exit(2);
}
const { rows, problems } = parseJsonLines(text, questionLineSchema);
for (const problem of problems) console.error(problem);
const answerer = await commandAnswerer({ databaseUrl: env().DATABASE_URL, say: (line) => console.error(line) });
try {
  for (const { value } of rows) {
    const answer = await answerer.answer(value.question, { language: value.language });
    const out = {
      id: value.id,
      answered: answer.answered,
      refusal: answer.refusal,
      language: answer.language,
      articles: answer.articles.map((a) => a.title),
      text: answer.text,
    };
    process.stdout.write(JSON.stringify(out) + "\n");
  }
} finally {
  await answerer.close();
}
if (problems.length) console.error(`${problems.length} line(s) could not be answered`);
process.exit(problems.length ? 1 : 0);
