import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { and, eq, sql as dsql } from "drizzle-orm";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/db";
import { auditLog, knowledgeArticles, knowledgeArticleVersions } from "@/db/schema";
import { findArticle, publishedArticles, saveArticle, setArticleStatus } from "@/db/queries/knowledge";
import { seedDefaultKnowledge } from "@/db/seed/default-knowledge";
import type { Actor } from "@/lib/auth/guard";
import { defaultKnowledgeBase } from "@/lib/knowledge/command-knowledge-base";
import { answerFrom, buildKnowledgeBase } from "@/lib/knowledge/knowledge-base";
import { answerFromPublished } from "@/lib/knowledge/published";
import { parseJsonLines } from "@/lib/knowledge/question-lines";
import { labelledQuestionSchema } from "@/lib/knowledge/eval/score-questions";
import { createUser } from "../support/factories";

let admin: Actor;
beforeAll(async () => {
  await seedDefaultKnowledge(inject("databaseUrl"));
  admin = await createUser({ role: "admin", teamId: null });
});

describe("the default knowledge base in the database", () => {
  it("is seeded once, published, with a first version per article; a second start adds nothing", async () => {
    const shipped = defaultKnowledgeBase().size;
    const rows = await db.select().from(knowledgeArticles).where(eq(knowledgeArticles.status, "published"));
    expect(rows.length).toBeGreaterThanOrEqual(shipped);
    expect(await seedDefaultKnowledge(inject("databaseUrl"))).toEqual({ seeded: 0 });
    const count = (await db.execute<{ count: number }>(dsql`select count(*)::int as count from knowledge_article_versions`))[0]?.count ?? 0;
    expect(count).toBeGreaterThanOrEqual(shipped);
  });

  it("answers every labelled question as the in-memory path does on the same articles (full-text candidates, the same scoring)", async () => {
    const { rows } = parseJsonLines(readFileSync("test/fixtures/knowledge/questions.jsonl", "utf8"), labelledQuestionSchema);
    const memory = buildKnowledgeBase(await publishedArticles());
    const differences: string[] = [];
    for (const { value } of rows) {
      const a = answerFrom(memory, value.question);
      const b = await answerFromPublished(value.question);
      const view = (x: typeof a) => `${x.refusal ?? "answered"} ${x.language} ${x.articles[0]?.key ?? ""} ${x.text}`;
      if (view(a) !== view(b)) differences.push(`${value.id}: ${view(a).slice(0, 80)} | ${view(b).slice(0, 80)}`);
    }
    expect(differences).toEqual([]);
  });
});

describe("editing an article", () => {
  it("keeps every version, audits the write, and the next answer uses the new words", async () => {
    // An article of its own (other files share the database and read the default ones).
    const key = `tidewater-${randomUUID().slice(0, 8)}`;
    const article = {
      key,
      title: "Tidewater ledger sync",
      language: "en" as const,
      tags: ["tidewater"],
      body: "The Tidewater ledger sync runs every night for accounting teams.",
    };
    const created = await saveArticle({ article, status: "published", actor: admin });
    expect(created).toMatchObject({ ok: true, version: 1, created: true });
    if (!created.ok) return;
    const before = await answerFromPublished("Does the Tidewater ledger sync run every night?");
    expect(before.articles[0]?.id).toBe(created.id);
    expect(before.text).toContain("runs every night");

    const body = "The Tidewater ledger sync runs every hour for accounting teams.";
    const saved = await saveArticle({ id: created.id, expectedVersion: 1, article: { ...article, body }, status: "published", actor: admin });
    expect(saved).toMatchObject({ ok: true, version: 2 });
    const after = await answerFromPublished("Does the Tidewater ledger sync run every night?");
    expect(after.text).toContain("runs every hour");
    expect(after.articleVersion).toBe(2);

    const versions = await db.select().from(knowledgeArticleVersions).where(eq(knowledgeArticleVersions.articleId, created.id));
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2]);
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "knowledge_article"), eq(auditLog.entityId, created.id)));
    expect(audit.map((a) => a.action).sort()).toEqual(["knowledge.article.create", "knowledge.article.update"]);

    // A stale editor's save is refused, not merged.
    expect(await saveArticle({ id: created.id, expectedVersion: 1, article: { ...article, body }, status: "published", actor: admin })).toEqual({
      ok: false,
      reason: "conflict",
    });

    // Unpublished, it answers nothing; published again, it answers.
    await setArticleStatus({ id: created.id, status: "draft", actor: admin });
    expect((await answerFromPublished("Does the Tidewater ledger sync run every night?")).answered).toBe(false);
    await setArticleStatus({ id: created.id, status: "published", actor: admin });
    expect((await findArticle({ id: created.id }))?.status).toBe("published");
    expect((await answerFromPublished("Does the Tidewater ledger sync run every night?")).articles[0]?.id).toBe(created.id);
    await setArticleStatus({ id: created.id, status: "draft", actor: admin });
  });

  it("refuses a second article with the same key and language", async () => {
    const input = { key: "languages", title: "Languages again", language: "en" as const, tags: [], body: "We work in English and Spanish only, nothing else." };
    expect(await saveArticle({ article: input, status: "draft", actor: admin })).toEqual({ ok: false, reason: "duplicate" });
  });
});
