import { z } from "zod";
import { articleInputSchema } from "@/lib/knowledge/article";

// The article editor's form: tags as one comma-separated field, the status chosen by the button.
export const articleFormSchema = z
  .object({
    id: z.union([z.literal(""), z.uuid("Article: not a valid id")]).optional(),
    expectedVersion: z.union([z.literal(""), z.coerce.number().int().min(1)]).optional(),
    key: z.string(),
    title: z.string(),
    language: z.string(),
    tags: z.string().max(1_000, "Tags: at most 1,000 characters").default(""),
    body: z.string(),
    status: z.enum(["draft", "published"], { error: "Status: draft or published" }),
  })
  .transform((form, ctx) => {
    const parsed = articleInputSchema.safeParse({
      key: form.key,
      title: form.title,
      language: form.language,
      body: form.body,
      tags: form.tags
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path.slice(0, 1) });
      return z.NEVER;
    }
    return {
      id: form.id || undefined,
      expectedVersion: typeof form.expectedVersion === "number" ? form.expectedVersion : undefined,
      status: form.status,
      article: parsed.data,
    };
  });

export const importFormSchema = z.object({
  text: z.string().max(2_000_000, "Import: at most 2 MB at once"),
  status: z.enum(["draft", "published"], { error: "Status: draft or published" }).default("draft"),
});

export const articleStatusSchema = z.object({
  id: z.uuid("Article: not a valid id"),
  status: z.enum(["draft", "published"], { error: "Status: draft or published" }),
});

export const answerWrongSchema = z.object({ answerId: z.uuid("Answer: not a valid id") });
