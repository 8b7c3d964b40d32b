import { z } from "zod";
import { knowledgeLanguages } from "@/lib/knowledge/language";

// An article as the knowledge base reads it, wherever it came from (the shipped files, the
// database, an import). `key` ties the languages of one article together ("crm-integrations").
export const articleKeySchema = z
  .string()
  .trim()
  .min(2, "Key: at least 2 characters")
  .max(80, "Key: at most 80 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Key: lower-case letters, digits and single hyphens only (e.g. crm-integrations)");

export const articleInputSchema = z.object({
  key: articleKeySchema,
  title: z.string().trim().min(3, "Title: at least 3 characters").max(160, "Title: at most 160 characters"),
  body: z.string().trim().min(20, "Body: at least 20 characters").max(20_000, "Body: at most 20,000 characters"),
  language: z.enum(knowledgeLanguages, { error: "Language: en or es" }),
  tags: z.array(z.string().trim().min(1).max(40, "Tags: each at most 40 characters")).max(20, "Tags: at most 20").default([]),
});
export type ArticleInput = z.infer<typeof articleInputSchema>;

export type KnowledgeArticle = ArticleInput & { id: string };
