import { sql } from "drizzle-orm";
import { check, customType, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { handoffs } from "./handoffs";
import { conversations, messages } from "./leads";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * The knowledge base the agent answers from: one row per article and language (`key` ties the
 * languages together). `searchText` is the folded text lib/knowledge indexes (title, tags, body,
 * synonym concepts); `search` is its full-text vector in the article's language's configuration,
 * which the app queries for candidates before scoring them as the command line does.
 */
export const knowledgeArticles = pgTable(
  "knowledge_articles",
  {
    id: uuid().primaryKey().defaultRandom(),
    key: text().notNull(),
    language: text().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    tags: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    status: text().notNull().default("draft"),
    version: integer().notNull().default(1),
    searchText: text().notNull(),
    search: tsvector().generatedAlwaysAs(
      sql`case when language = 'es' then to_tsvector('spanish'::regconfig, search_text) else to_tsvector('english'::regconfig, search_text) end`,
    ),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: text().references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("knowledge_articles_key_language_idx").on(t.key, t.language),
    index("knowledge_articles_published_idx").on(t.language, t.status),
    index("knowledge_articles_search_idx").using("gin", t.search),
    check("knowledge_articles_language_check", sql`${t.language} in ('en', 'es')`),
    check("knowledge_articles_status_check", sql`${t.status} in ('draft', 'published')`),
  ],
);

/** Every saved state of an article, kept: version 1 is the first save. */
export const knowledgeArticleVersions = pgTable(
  "knowledge_article_versions",
  {
    articleId: uuid()
      .notNull()
      .references(() => knowledgeArticles.id, { onDelete: "cascade" }),
    version: integer().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    tags: text().array().notNull(),
    status: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: text().references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.version] })],
);

/**
 * Each question a lead asked and what the knowledge base did with it: answered (by which article,
 * at which version), refused as a never-answer topic, or not answered. The gaps list, the
 * per-article counts and the owner's "answer was wrong" read from here.
 */
export const knowledgeAnswers = pgTable(
  "knowledge_answers",
  {
    id: uuid().primaryKey().defaultRandom(),
    messageId: uuid().references(() => messages.id, { onDelete: "cascade" }),
    conversationId: uuid().references(() => conversations.id, { onDelete: "cascade" }),
    handoffId: uuid().references(() => handoffs.id, { onDelete: "set null" }),
    question: text().notNull(),
    language: text().notNull(),
    outcome: text().notNull(),
    topic: text(),
    articleId: uuid().references(() => knowledgeArticles.id, { onDelete: "set null" }),
    articleVersion: integer(),
    articleTitle: text(),
    confidence: real().notNull(),
    markedWrongAt: timestamp({ withTimezone: true }),
    markedWrongBy: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("knowledge_answers_message_idx").on(t.messageId),
    index("knowledge_answers_conversation_idx").on(t.conversationId),
    index("knowledge_answers_article_idx").on(t.articleId),
    index("knowledge_answers_outcome_idx").on(t.outcome, t.createdAt),
    check("knowledge_answers_outcome_check", sql`${t.outcome} in ('answered', 'never_answer', 'no_confident_answer')`),
  ],
);

/**
 * Each published article's embedding, for the configured embedding model, at the article version it
 * was computed from (the answer uses it only while that version is the article's current one). The
 * vector is a plain `real[]` because pgvector is not available everywhere Baton runs; the nearest
 * articles are ranked by cosine in TypeScript (lib/knowledge/embeddings.ts). Where pgvector is
 * installed, a later migration can replace `embedding` with a `vector(dimensions)` column
 * (`alter column embedding type vector using embedding::vector`) and an HNSW index, and
 * `nearestArticleEmbeddings` becomes an `order by embedding <=> $1` query: nothing else reads it.
 */
export const knowledgeArticleEmbeddings = pgTable(
  "knowledge_article_embeddings",
  {
    articleId: uuid()
      .notNull()
      .references(() => knowledgeArticles.id, { onDelete: "cascade" }),
    model: text().notNull(),
    articleVersion: integer().notNull(),
    dimensions: integer().notNull(),
    embedding: real().array().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.model] }),
    check("knowledge_article_embeddings_dimensions_check", sql`${t.dimensions} > 0 and cardinality(${t.embedding}) = ${t.dimensions}`),
  ],
);

/** Seeds applied once (the shipped default knowledge base): a deleted default article does not come back. */
export const knowledgeSeeds = pgTable("knowledge_seeds", {
  name: text().primaryKey(),
  appliedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type KnowledgeArticleRow = typeof knowledgeArticles.$inferSelect;
export type KnowledgeAnswerRow = typeof knowledgeAnswers.$inferSelect;

/**
 * The admin's limits: which never-answer topics apply and the extra words that name them (one row).
 * Absent, the shipped defaults apply (lib/knowledge/limits.ts).
 */
export const knowledgeSettings = pgTable(
  "knowledge_settings",
  {
    id: integer().primaryKey().default(1),
    neverAnswer: jsonb().$type<{ id: string; enabled: boolean; extraTerms: string[] }[]>().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: text().references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [check("knowledge_settings_one_row", sql`${t.id} = 1`)],
);
