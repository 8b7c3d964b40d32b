import { and, asc, desc, eq, inArray, isNotNull, isNull, sql as dsql } from "drizzle-orm";
import { db, type Transaction } from "@/db";
import { recordAdminChange } from "@/db/queries/audit";
import { insertHandoffEvent } from "@/db/queries/handoffs";
import { enqueue } from "@/db/queries/outbox";
import { handoffs, knowledgeAnswers, knowledgeArticleEmbeddings, knowledgeArticles, knowledgeArticleVersions, knowledgeSettings } from "@/db/schema";
import type { LimitSetting } from "@/lib/knowledge/limits";
import type { ArticleInput, KnowledgeArticle } from "@/lib/knowledge/article";
import { knowledgeAnswerEvent } from "@/lib/knowledge/answer-event";
import { searchText } from "@/lib/knowledge/index";
import type { KnowledgeLanguage } from "@/lib/knowledge/language";

type Actor = { id: string; email: string };
export type ArticleStatus = "draft" | "published";

export async function listArticles() {
  return db
    .select({
      id: knowledgeArticles.id,
      key: knowledgeArticles.key,
      language: knowledgeArticles.language,
      title: knowledgeArticles.title,
      tags: knowledgeArticles.tags,
      status: knowledgeArticles.status,
      version: knowledgeArticles.version,
      updatedAt: knowledgeArticles.updatedAt,
      answered: dsql<number>`(select count(*)::int from knowledge_answers a where a.article_id = knowledge_articles.id)`,
      markedWrong: dsql<number>`(select count(*)::int from knowledge_answers a where a.article_id = knowledge_articles.id and a.marked_wrong_at is not null)`,
    })
    .from(knowledgeArticles)
    .orderBy(asc(knowledgeArticles.key), asc(knowledgeArticles.language));
}

export async function findArticle({ id }: { id: string }) {
  const [row] = await db.select().from(knowledgeArticles).where(eq(knowledgeArticles.id, id));
  return row ?? null;
}

export async function listArticleVersions({ articleId }: { articleId: string }) {
  return db.select().from(knowledgeArticleVersions).where(eq(knowledgeArticleVersions.articleId, articleId)).orderBy(desc(knowledgeArticleVersions.version));
}

/** Every article, for export. */
export async function allArticles() {
  return db.select().from(knowledgeArticles).orderBy(asc(knowledgeArticles.key), asc(knowledgeArticles.language));
}

export type SaveArticleResult = { ok: true; id: string; version: number; created: boolean } | { ok: false; reason: "conflict" | "duplicate" | "not_found" };

/**
 * Creates an article, or saves a new version of one (guarded by the version the editor saw), with
 * its version row and audit entry in the same transaction. A key and language already taken by
 * another article is `duplicate`.
 */
export async function saveArticle(
  input: { id?: string; expectedVersion?: number; article: ArticleInput; status: ArticleStatus; actor: Actor },
  executor?: Transaction,
): Promise<SaveArticleResult> {
  const run = async (tx: Transaction): Promise<SaveArticleResult> => {
    const values = { ...input.article, status: input.status, searchText: searchText(input.article), updatedBy: input.actor.id };
    const clash = await tx
      .select({ id: knowledgeArticles.id })
      .from(knowledgeArticles)
      .where(and(eq(knowledgeArticles.key, input.article.key), eq(knowledgeArticles.language, input.article.language)));
    if (clash[0] && clash[0].id !== input.id) return { ok: false, reason: "duplicate" };
    if (!input.id) {
      const row = one(await tx.insert(knowledgeArticles).values(values).returning());
      await writeVersion(tx, row, input.actor);
      await queueEmbedding(tx, row);
      await recordAdminChange(tx, {
        actor: input.actor,
        action: "knowledge.article.create",
        entityType: "knowledge_article",
        entityId: row.id,
        after: auditView(row),
      });
      return { ok: true, id: row.id, version: row.version, created: true };
    }
    const [before] = await tx.select().from(knowledgeArticles).where(eq(knowledgeArticles.id, input.id)).for("update");
    if (!before) return { ok: false, reason: "not_found" };
    if (input.expectedVersion !== undefined && before.version !== input.expectedVersion) return { ok: false, reason: "conflict" };
    const row = one(
      await tx
        .update(knowledgeArticles)
        .set({ ...values, version: before.version + 1, updatedAt: dsql`now()` })
        .where(eq(knowledgeArticles.id, input.id))
        .returning(),
    );
    await writeVersion(tx, row, input.actor);
    await queueEmbedding(tx, row);
    await recordAdminChange(tx, {
      actor: input.actor,
      action: "knowledge.article.update",
      entityType: "knowledge_article",
      entityId: row.id,
      before: auditView(before),
      after: auditView(row),
    });
    return { ok: true, id: row.id, version: row.version, created: false };
  };
  return executor ? run(executor) : db.transaction(run);
}

/** Publishes or unpublishes an article: a new version with the same words. */
export async function setArticleStatus(input: { id: string; status: ArticleStatus; actor: Actor }): Promise<SaveArticleResult> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(knowledgeArticles).where(eq(knowledgeArticles.id, input.id)).for("update");
    if (!before) return { ok: false, reason: "not_found" } as const;
    if (before.status === input.status) return { ok: true, id: before.id, version: before.version, created: false } as const;
    const row = one(
      await tx
        .update(knowledgeArticles)
        .set({ status: input.status, version: before.version + 1, updatedAt: dsql`now()`, updatedBy: input.actor.id })
        .where(eq(knowledgeArticles.id, input.id))
        .returning(),
    );
    await writeVersion(tx, row, input.actor);
    await queueEmbedding(tx, row);
    await recordAdminChange(tx, {
      actor: input.actor,
      action: input.status === "published" ? "knowledge.article.publish" : "knowledge.article.unpublish",
      entityType: "knowledge_article",
      entityId: row.id,
      before: { status: before.status, version: before.version },
      after: { status: row.status, version: row.version },
    });
    return { ok: true, id: row.id, version: row.version, created: false } as const;
  });
}

async function writeVersion(tx: Transaction, row: typeof knowledgeArticles.$inferSelect, actor: Actor) {
  await tx
    .insert(knowledgeArticleVersions)
    .values({ articleId: row.id, version: row.version, title: row.title, body: row.body, tags: row.tags, status: row.status, createdBy: actor.id });
}

// A published version gets its embedding from the worker (a no-op there when no embedding model is set).
async function queueEmbedding(tx: Transaction, row: typeof knowledgeArticles.$inferSelect) {
  if (row.status === "published") await enqueue(tx, "knowledgeEmbed", { articleId: row.id, version: row.version });
}

function auditView(row: typeof knowledgeArticles.$inferSelect) {
  return { key: row.key, language: row.language, title: row.title, tags: row.tags, status: row.status, version: row.version, bodyChars: row.body.length };
}

/** What changes whenever a published article or the limits do: the app rebuilds its index when this moves. */
export async function publishedStamp(): Promise<string> {
  const [row] = await db.execute<{ stamp: string }>(
    dsql`select count(*)::text || ':' || coalesce(sum(version), 0)::text || ':' || coalesce(max(extract(epoch from updated_at)), 0)::text
      || ':' || coalesce((select extract(epoch from updated_at)::text from knowledge_settings where id = 1), '-') as stamp
      from knowledge_articles where status = 'published'`,
  );
  return row?.stamp ?? "";
}

export async function publishedArticles(): Promise<(KnowledgeArticle & { version: number })[]> {
  const rows = await db.select().from(knowledgeArticles).where(eq(knowledgeArticles.status, "published"));
  return rows.map((r) => ({ id: r.id, key: r.key, title: r.title, body: r.body, language: r.language as KnowledgeLanguage, tags: r.tags, version: r.version }));
}

/**
 * The published articles of one language that full-text search finds for any of these words
 * (already folded by lib/knowledge), best first: the candidates the scoring code then weighs.
 */
export async function searchArticleIds({ language, words, limit = 40 }: { language: KnowledgeLanguage; words: string[]; limit?: number }): Promise<string[]> {
  const safe = [...new Set(words.map((w) => w.replace(/[^a-z0-9]/g, "")).filter((w) => w.length >= 2))].slice(0, 40);
  if (!safe.length) return [];
  const config = language === "es" ? "spanish" : "english";
  const query = safe.join(" | ");
  const rows = await db.execute<{ id: string }>(dsql`
    select id from knowledge_articles, to_tsquery(${config}::regconfig, ${query}) q
    where status = 'published' and language = ${language} and search @@ q
    order by ts_rank(search, q) desc limit ${limit}`);
  return rows.map((r) => r.id);
}

/** Published articles whose current version has no embedding from this model yet (one article, or any), oldest change first. */
export async function articlesToEmbed({ model, articleId, limit }: { model: string; articleId?: string; limit: number }) {
  return db
    .select({
      id: knowledgeArticles.id,
      version: knowledgeArticles.version,
      title: knowledgeArticles.title,
      tags: knowledgeArticles.tags,
      body: knowledgeArticles.body,
    })
    .from(knowledgeArticles)
    .leftJoin(knowledgeArticleEmbeddings, and(eq(knowledgeArticleEmbeddings.articleId, knowledgeArticles.id), eq(knowledgeArticleEmbeddings.model, model)))
    .where(
      and(
        eq(knowledgeArticles.status, "published"),
        articleId ? eq(knowledgeArticles.id, articleId) : undefined,
        dsql`${knowledgeArticleEmbeddings.articleVersion} is distinct from ${knowledgeArticles.version}`,
      ),
    )
    .orderBy(asc(knowledgeArticles.updatedAt), asc(knowledgeArticles.id))
    .limit(limit);
}

/** Stores embeddings; an older version's never replaces a newer one's (two jobs finishing out of order). */
export async function saveArticleEmbeddings({ model, rows }: { model: string; rows: { articleId: string; version: number; embedding: number[] }[] }) {
  if (!rows.length) return;
  await db
    .insert(knowledgeArticleEmbeddings)
    .values(rows.map((r) => ({ articleId: r.articleId, model, articleVersion: r.version, dimensions: r.embedding.length, embedding: r.embedding })))
    .onConflictDoUpdate({
      target: [knowledgeArticleEmbeddings.articleId, knowledgeArticleEmbeddings.model],
      set: {
        articleVersion: dsql`excluded.article_version`,
        dimensions: dsql`excluded.dimensions`,
        embedding: dsql`excluded.embedding`,
        createdAt: dsql`now()`,
      },
      setWhere: dsql`excluded.article_version >= ${knowledgeArticleEmbeddings.articleVersion}`,
    });
}

/** The embeddings of the published articles at their current version, for one model. */
export async function publishedEmbeddings({ model }: { model: string }) {
  const rows = await db
    .select({ articleId: knowledgeArticleEmbeddings.articleId, language: knowledgeArticles.language, embedding: knowledgeArticleEmbeddings.embedding })
    .from(knowledgeArticleEmbeddings)
    .innerJoin(
      knowledgeArticles,
      and(
        eq(knowledgeArticles.id, knowledgeArticleEmbeddings.articleId),
        eq(knowledgeArticles.status, "published"),
        eq(knowledgeArticles.version, knowledgeArticleEmbeddings.articleVersion),
      ),
    )
    .where(eq(knowledgeArticleEmbeddings.model, model));
  return rows.map((r) => ({ ...r, language: r.language as KnowledgeLanguage }));
}

/** Moves whenever an embedding of this model is stored: the app reloads its vectors when it does. */
export async function embeddingStamp({ model }: { model: string }): Promise<string> {
  const [row] = await db.execute<{ stamp: string }>(
    dsql`select count(*)::text || ':' || coalesce(max(extract(epoch from created_at)), 0)::text as stamp from knowledge_article_embeddings where model = ${model}`,
  );
  return row?.stamp ?? "";
}

export type RecordedAnswer = typeof knowledgeAnswers.$inferSelect;

/**
 * One question and what the knowledge base did with it; the same lead message twice records once.
 * With a package to put it on, its timeline entry (which article answered, or the refusal) is
 * written in the same transaction, through the timeline's one write path.
 */
export async function recordKnowledgeAnswer(
  values: typeof knowledgeAnswers.$inferInsert,
  options: { channel?: "chat" | "email"; executor?: Transaction } = {},
): Promise<RecordedAnswer> {
  const run = async (tx: Transaction): Promise<RecordedAnswer> => {
    const [row] = await tx.insert(knowledgeAnswers).values(values).onConflictDoNothing({ target: knowledgeAnswers.messageId }).returning();
    if (!row) return one(await tx.select().from(knowledgeAnswers).where(eq(knowledgeAnswers.messageId, values.messageId!)));
    if (row.handoffId) await insertHandoffEvent(tx, row.handoffId, knowledgeAnswerEvent(row, options.channel ?? "chat"));
    return row;
  };
  return options.executor ? run(options.executor) : db.transaction(run);
}

/**
 * A conversation's questions asked before it had a package (the chat records the package only once
 * the rules call for one) join the new package, each with its timeline entry. Only the ones not yet
 * on a package: a retried link adds nothing.
 */
export async function attachConversationAnswers(tx: Transaction, { conversationId, handoffId }: { conversationId: string; handoffId: string }) {
  const rows = await tx
    .update(knowledgeAnswers)
    .set({ handoffId })
    .where(and(eq(knowledgeAnswers.conversationId, conversationId), isNull(knowledgeAnswers.handoffId)))
    .returning();
  rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  for (const row of rows) await insertHandoffEvent(tx, handoffId, knowledgeAnswerEvent(row, "chat"));
}

/** The conversation's questions the knowledge base did not answer, oldest first. */
export async function unansweredQuestions({ conversationId }: { conversationId: string }) {
  return db
    .select({ question: knowledgeAnswers.question, outcome: knowledgeAnswers.outcome, topic: knowledgeAnswers.topic })
    .from(knowledgeAnswers)
    .where(and(eq(knowledgeAnswers.conversationId, conversationId), inArray(knowledgeAnswers.outcome, ["never_answer", "no_confident_answer"])))
    .orderBy(asc(knowledgeAnswers.createdAt));
}

/** What the knowledge base did in one conversation (the package page's panel). */
export async function conversationAnswers({ conversationId }: { conversationId: string }) {
  return db.select().from(knowledgeAnswers).where(eq(knowledgeAnswers.conversationId, conversationId)).orderBy(asc(knowledgeAnswers.createdAt));
}

/** The owner's one click: this answer was wrong. Once; null when there is no such answered question. */
export async function markAnswerWrong({ id, actor }: { id: string; actor: Actor }) {
  const [row] = await db
    .update(knowledgeAnswers)
    .set({ markedWrongAt: dsql`now()`, markedWrongBy: actor.id })
    .where(
      and(eq(knowledgeAnswers.id, id), eq(knowledgeAnswers.outcome, "answered"), isNull(knowledgeAnswers.markedWrongAt), isNotNull(knowledgeAnswers.articleId)),
    )
    .returning({ id: knowledgeAnswers.id, conversationId: knowledgeAnswers.conversationId });
  return row ?? null;
}

export async function findKnowledgeAnswer({ id }: { id: string }) {
  const [row] = await db.select().from(knowledgeAnswers).where(eq(knowledgeAnswers.id, id));
  return row ?? null;
}

/** The latest questions not answered (refused or unknown), for the gaps list to group. */
export async function recentGaps({ limit = 1_000 }: { limit?: number } = {}) {
  return db
    .select({
      question: knowledgeAnswers.question,
      language: knowledgeAnswers.language,
      outcome: knowledgeAnswers.outcome,
      topic: knowledgeAnswers.topic,
      createdAt: knowledgeAnswers.createdAt,
    })
    .from(knowledgeAnswers)
    .where(inArray(knowledgeAnswers.outcome, ["never_answer", "no_confident_answer"]))
    .orderBy(desc(knowledgeAnswers.createdAt))
    .limit(limit);
}

/** Imports articles in one transaction: a key and language already present gets a new version, others are created. */
export async function importArticles(input: { articles: ArticleInput[]; status: ArticleStatus; actor: Actor }): Promise<{ created: number; updated: number }> {
  return db.transaction(async (tx) => {
    let created = 0;
    let updated = 0;
    for (const article of input.articles) {
      const [existing] = await tx
        .select({ id: knowledgeArticles.id })
        .from(knowledgeArticles)
        .where(and(eq(knowledgeArticles.key, article.key), eq(knowledgeArticles.language, article.language)));
      const saved = await saveArticle({ id: existing?.id, article, status: input.status, actor: input.actor }, tx);
      if (!saved.ok) throw new Error(`import of ${article.key}/${article.language} failed: ${saved.reason}`);
      if (saved.created) created++;
      else updated++;
    }
    await recordAdminChange(tx, {
      actor: input.actor,
      action: "knowledge.import",
      entityType: "knowledge_article",
      after: { created, updated, status: input.status },
    });
    return { created, updated };
  });
}

/** The package a conversation's questions belong to (the chat's one handoff). */
export async function handoffScopeForConversation({ conversationId }: { conversationId: string }) {
  const [row] = await db
    .select({ id: handoffs.id, ownerId: handoffs.ownerId, teamId: handoffs.teamId })
    .from(handoffs)
    .where(eq(handoffs.conversationId, conversationId))
    .limit(1);
  return row ?? null;
}

export async function getLimitSettings(): Promise<LimitSetting[] | null> {
  const [row] = await db.select().from(knowledgeSettings).where(eq(knowledgeSettings.id, 1));
  return row?.neverAnswer ?? null;
}

export async function saveLimitSettings({ settings, actor }: { settings: LimitSetting[]; actor: Actor }): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(knowledgeSettings).where(eq(knowledgeSettings.id, 1)).for("update");
    await tx
      .insert(knowledgeSettings)
      .values({ id: 1, neverAnswer: settings, updatedBy: actor.id })
      .onConflictDoUpdate({ target: knowledgeSettings.id, set: { neverAnswer: settings, updatedBy: actor.id, updatedAt: dsql`now()` } });
    await recordAdminChange(tx, {
      actor,
      action: "knowledge.limits.update",
      entityType: "knowledge_settings",
      entityId: "1",
      before: before?.neverAnswer ?? null,
      after: settings,
    });
  });
}

// A row an INSERT/UPDATE … RETURNING (or a read under the unique key just hit) guarantees.
function one<T>(rows: T[]): T {
  const [row] = rows;
  if (row === undefined) throw new Error("expected a row");
  return row;
}
