import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/db";
import { conversations, handoffs, knowledgeAnswers, knowledgeArticles, messages } from "@/db/schema";
import { listArticles, recentGaps } from "@/db/queries/knowledge";
import { seedDefaultKnowledge } from "@/db/seed/default-knowledge";
import { runAction } from "@/lib/action";
import { authorizeUser, type Actor } from "@/lib/auth/guard";
import { rolesFor } from "@/lib/auth/roles";
import { articleFormSchema, importFormSchema } from "@/lib/knowledge/article-form";
import { groupGaps } from "@/lib/knowledge/gaps";
import { exportJsonl, parseImport } from "@/lib/knowledge/import-articles";
import { markKnowledgeAnswerWrong } from "@/lib/knowledge/mark-answer-wrong";
import { importArticles, saveArticle } from "@/db/queries/knowledge";
import { UserError } from "@/lib/errors";
import { createHandoff, createTeam, createUser } from "../support/factories";

const as = (user: Actor) => (roles: readonly Actor["role"][]) => authorizeUser({ userId: user.id, allowed: roles });

let admin: Actor;
beforeAll(async () => {
  await seedDefaultKnowledge(inject("databaseUrl"));
  admin = await createUser({ role: "admin", teamId: null });
});

// The admin's save, as the action runs it (the schema, then the query), without Next's revalidation.
const saveDefinition = {
  name: "test.knowledge.save",
  roles: rolesFor("admin.manage"),
  schema: articleFormSchema,
  handler: async ({ actor, input }: { actor: Actor; input: import("zod").output<typeof articleFormSchema> }) => {
    const saved = await saveArticle({ id: input.id, expectedVersion: input.expectedVersion, article: input.article, status: input.status, actor });
    if (!saved.ok) throw new UserError("conflict", saved.reason);
    return saved;
  },
};

describe("writing articles", () => {
  it("refuses bad input naming the field, and writes nothing", async () => {
    const before = await db.$count(knowledgeArticles);
    const reply = await runAction(saveDefinition, as(admin), {
      key: "Not A Key",
      title: "ok title",
      language: "fr",
      tags: "",
      body: "long enough body text here",
      status: "draft",
    });
    expect(reply).toMatchObject({ ok: false, code: "bad_request" });
    expect(!reply.ok && Object.keys(reply.fieldErrors ?? {})).toEqual(expect.arrayContaining(["key", "language"]));
    expect(await db.$count(knowledgeArticles)).toBe(before);
  });

  it("a rep cannot write an article", async () => {
    const rep = await createUser({ role: "rep", teamId: null });
    const reply = await runAction(saveDefinition, as(rep), {
      key: "rep-article",
      title: "Rep article",
      language: "en",
      tags: "",
      body: "long enough body text here",
      status: "draft",
    });
    expect(reply).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("imports what it exported: every article back, as new versions", async () => {
    const key = `import-${randomUUID().slice(0, 8)}`;
    const parsed = parseImport(exportJsonl([{ key, title: "Imported article", language: "en", tags: ["a"], body: "An imported body, long enough." }]));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(await importArticles({ articles: parsed.articles, status: "draft", actor: admin })).toEqual({ created: 1, updated: 0 });
    // Drafts: other files answer from the published articles of the same database.
    expect(await importArticles({ articles: parsed.articles, status: "draft", actor: admin })).toEqual({ created: 0, updated: 1 });
    const row = (await db.select().from(knowledgeArticles).where(eq(knowledgeArticles.key, key)))[0]!;
    expect(row).toMatchObject({ status: "draft", version: 2 });
    expect(importFormSchema.safeParse({ text: "x", status: "archived" }).success).toBe(false);
  });
});

describe("the owner marks an answer wrong", () => {
  it("counts it on the article once; only for someone who may act on the package", async () => {
    const team = (await createTeam())!;
    const rep = await createUser({ role: "rep", teamId: team.id });
    const other = await createUser({ role: "rep", teamId: (await createTeam())!.id });
    const conversation = (await db.insert(conversations).values({ channel: "chat" }).returning())[0]!;
    const handoff = (await createHandoff({ teamId: team.id, status: "pending" }))!;
    await db.update(handoffs).set({ conversationId: conversation.id }).where(eq(handoffs.id, handoff.id));
    const message = (
      await db.insert(messages).values({ conversationId: conversation.id, author: "lead", text: "Do you integrate with Salesforce?" }).returning()
    )[0]!;
    const article = (await db.select().from(knowledgeArticles).where(eq(knowledgeArticles.key, "crm-integrations")))[0]!;
    const [inserted] = await db
      .insert(knowledgeAnswers)
      .values({
        messageId: message.id,
        conversationId: conversation.id,
        question: message.text,
        language: article.language,
        outcome: "answered",
        articleId: article.id,
        articleVersion: article.version,
        articleTitle: article.title,
        confidence: 1,
      })
      .returning();
    const answer = inserted!;

    await expect(markKnowledgeAnswerWrong({ actor: other, answerId: answer.id })).rejects.toThrow(/not yours/);
    expect(await markKnowledgeAnswerWrong({ actor: rep, answerId: answer.id })).toMatchObject({ already: false, handoffId: handoff.id });
    expect(await markKnowledgeAnswerWrong({ actor: rep, answerId: answer.id })).toMatchObject({ already: true });
    const listed = (await listArticles()).find((a) => a.id === article.id)!;
    expect(listed.markedWrong).toBe(1);
    expect(listed.answered).toBeGreaterThanOrEqual(1);
  });

  it("lists refused and unanswered questions as gaps, grouped", async () => {
    const conversation = (await db.insert(conversations).values({ channel: "chat" }).returning())[0]!;
    // A made-up product name: other files' questions share this database.
    const name = `Quill${randomUUID().slice(0, 6)}`;
    for (const text of [`Do you support ${name} exports?`, `Does it support ${name} exports?`]) {
      const m = (await db.insert(messages).values({ conversationId: conversation.id, author: "lead", text }).returning())[0]!;
      await db
        .insert(knowledgeAnswers)
        .values({ messageId: m.id, conversationId: conversation.id, question: text, language: "en", outcome: "no_confident_answer", confidence: 0.1 });
    }
    const gap = groupGaps(await recentGaps()).find((g) => g.question.includes(name));
    expect(gap).toMatchObject({ count: 2, outcomes: { no_confident_answer: 2 } });
  });
});

describe("the limits an admin sets", () => {
  it("apply to the next question, audited; removed, the defaults apply again", async () => {
    const { getLimitSettings, saveLimitSettings } = await import("@/db/queries/knowledge");
    const { answerFromPublished } = await import("@/lib/knowledge/published");
    const { knowledgeSettings, auditLog } = await import("@/db/schema");
    const word = `zorbfee${randomUUID().slice(0, 4)}`;
    const question = `Do you integrate with Salesforce, and what is the ${word}?`;
    expect((await answerFromPublished(question)).refusal).not.toBe("never_answer");
    const settings = (await getLimitSettings()) ?? [];
    await saveLimitSettings({ settings: [{ id: "prices", enabled: true, extraTerms: [word] }], actor: admin });
    expect(await answerFromPublished(question)).toMatchObject({ answered: false, refusal: "never_answer", topic: "prices" });
    const audited = await db.select().from(auditLog).where(eq(auditLog.action, "knowledge.limits.update"));
    expect(audited.length).toBeGreaterThanOrEqual(1);
    if (settings.length) await saveLimitSettings({ settings, actor: admin });
    else await db.delete(knowledgeSettings);
    expect((await answerFromPublished(question)).refusal).not.toBe("never_answer");
  });
});
