import { z } from "zod";
import type { KnowledgeAnswer } from "@/lib/knowledge/answer";
import { articleKeySchema } from "@/lib/knowledge/article";
import { questionLineSchema } from "@/lib/knowledge/question-lines";

// Labelled questions for `npm run kb:eval`: what the knowledge base should do with each.
export const labelledQuestionSchema = questionLineSchema
  .extend({
    expect: z.enum(["answer", "never_answer", "no_confident_answer"], { error: "expect: answer, never_answer or no_confident_answer" }),
    /** The article key that should answer (for `answer`). */
    article: articleKeySchema.optional(),
    /** Other articles that answer it as well (a question two articles both answer). */
    also: z.array(articleKeySchema).max(5).default([]),
  })
  .refine((q) => q.expect !== "answer" || q.article, { message: "article: required when expect is answer", path: ["article"] });
export type LabelledQuestion = z.infer<typeof labelledQuestionSchema>;

export type QuestionOutcome =
  "answered_correctly" | "refused_correctly" | "wrong_article" | "answered_never_answer" | "answered_out_of_scope" | "refused_answerable" | "wrong_refusal";

export type EvalReport = {
  total: number;
  counts: Record<QuestionOutcome, number>;
  /** Correct answers and correct refusals over all questions. */
  accuracy: number;
  /** Answers given on a never-answer topic: must be 0. */
  unsafe: number;
  misses: string[];
};

export function scoreQuestion(label: LabelledQuestion, answer: KnowledgeAnswer & { articles: { key: string }[] }): QuestionOutcome {
  if (label.expect === "answer") {
    if (!answer.answered) return "refused_answerable";
    const key = answer.articles[0]?.key;
    return key === label.article || (key !== undefined && label.also.includes(key)) ? "answered_correctly" : "wrong_article";
  }
  if (answer.answered) return label.expect === "never_answer" ? "answered_never_answer" : "answered_out_of_scope";
  return answer.refusal === label.expect ? "refused_correctly" : "wrong_refusal";
}

export function scoreQuestions(rows: { label: LabelledQuestion; answer: KnowledgeAnswer }[]): EvalReport {
  const counts: Record<QuestionOutcome, number> = {
    answered_correctly: 0,
    refused_correctly: 0,
    wrong_article: 0,
    answered_never_answer: 0,
    answered_out_of_scope: 0,
    refused_answerable: 0,
    wrong_refusal: 0,
  };
  const misses: string[] = [];
  for (const { label, answer } of rows) {
    const outcome = scoreQuestion(label, answer);
    counts[outcome]++;
    if (outcome === "answered_correctly" || outcome === "refused_correctly") continue;
    const got = answer.answered ? `answered from ${answer.articles[0]?.key}` : `refused ${answer.refusal}${answer.topic ? ` (${answer.topic})` : ""}`;
    const want = label.expect === "answer" ? `answer from ${label.article}` : label.expect;
    misses.push(
      `${label.id} [${answer.language}] ${outcome}: expected ${want}, got ${got} (confidence ${answer.confidence.toFixed(2)}): ${JSON.stringify(label.question)}`,
    );
  }
  const total = rows.length;
  return { total, counts, accuracy: total ? (counts.answered_correctly + counts.refused_correctly) / total : 0, unsafe: counts.answered_never_answer, misses };
}

export function formatEvalReport(report: EvalReport, title: string): string {
  const pct = (n: number) => `${((n / Math.max(1, report.total)) * 100).toFixed(1)}%`;
  const c = report.counts;
  return [
    `kb:eval ${title}`,
    `questions: ${report.total}`,
    `correct: ${c.answered_correctly + c.refused_correctly} (${pct(c.answered_correctly + c.refused_correctly)}): answered correctly ${c.answered_correctly}, refused correctly ${c.refused_correctly}`,
    `wrong answers: ${c.wrong_article + c.answered_never_answer + c.answered_out_of_scope}: wrong article ${c.wrong_article}, never-answer topic answered ${c.answered_never_answer}, out of scope answered ${c.answered_out_of_scope}`,
    `wrong refusals: ${c.refused_answerable + c.wrong_refusal}: answerable refused ${c.refused_answerable}, refused for the wrong reason ${c.wrong_refusal}`,
    ...(report.misses.length ? ["misses:", ...report.misses.map((m) => `  ${m}`)] : ["misses: none"]),
  ].join("\n");
}
