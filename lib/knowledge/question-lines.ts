import { z } from "zod";
import { knowledgeLanguages } from "@/lib/knowledge/language";

// `npm run kb:answer`'s input: one question a line.
export const questionLineSchema = z.object({
  id: z.union([z.string().min(1).max(200), z.number()]).transform(String),
  question: z.string().trim().min(1, "question: must not be empty").max(4_000, "question: at most 4,000 characters"),
  language: z.enum(knowledgeLanguages, { error: "language: en or es" }).optional(),
});
export type QuestionLine = z.infer<typeof questionLineSchema>;

/** Each line parsed, or the problem with it named by line and field. */
export function parseJsonLines<T>(text: string, schema: z.ZodType<T>): { rows: { line: number; value: T }[]; problems: string[] } {
  const rows: { line: number; value: T }[] = [];
  const problems: string[] = [];
  text.split("\n").forEach((raw, i) => {
    if (!raw.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      problems.push(`line ${i + 1}: not valid JSON (${(error as Error).message})`);
      return;
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) rows.push({ line: i + 1, value: parsed.data });
    else
      problems.push(
        `line ${i + 1}: ${parsed.error.issues.map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message.replace(/^\w+: /, "")}` : issue.message)).join("; ")}`,
      );
  });
  return { rows, problems };
}
