import { randomBytes, randomUUID } from "node:crypto";
import { and, eq, sql as dsql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/db";
import { saveArticle } from "@/db/queries/knowledge";
import { seedDefaultKnowledge } from "@/db/seed/default-knowledge";
import { knowledgeAnswers, knowledgeArticleEmbeddings, knowledgeArticles } from "@/db/schema";
import type { Actor } from "@/lib/auth/guard";
import { chatConversationId } from "@/lib/chat/conversation-id";
import { handleChatTurn } from "@/lib/chat/handle-chat-turn";
import { resetConnection, saveConnection } from "@/lib/connections/save-connection";
import { resetEnvCache } from "@/lib/env";
import { jobHandlers } from "@/lib/jobs/handlers";
import { stopBoss } from "@/lib/jobs/boss";
import { startWorker, type RunningWorker } from "@/lib/jobs/worker";
import { configuredEmbeddingModel } from "@/lib/knowledge/embedding-model";
import { answerFromPublished } from "@/lib/knowledge/published";
import { logger } from "@/lib/logger";
import { startOpenAiStandIn, STAND_IN_EMBEDDING_DIMENSIONS, type OpenAiStandIn } from "../stand-ins/openai";
import { createUser } from "../support/factories";
import { waitFor } from "../support/wait-for";

// Retrieval by meaning over real HTTP: the AI SDK's embedMany → POST /v1/embeddings on the stand-in,
// the vectors stored by the worker's knowledge-embed job, the nearest article found at answer time.
// The stand-in "model" knows only the meanings below: that these words say the same thing. The
// question shares no word with the article that answers it, so words alone cannot answer it.
const meanings = {
  weekdays: "workdays",
  working: "workdays",
  staff: "people",
  team: "people",
  reachable: "availability",
  answers: "availability",
  availability: "availability",
};
const PARAPHRASE = "Which weekdays are your staff reachable?";
const EMBEDDING_MODEL = "stand-in-embedding";

let standIn: OpenAiStandIn;
let worker: RunningWorker;
let admin: Actor;

const responseTimes = async () =>
  (
    await db
      .select()
      .from(knowledgeArticles)
      .where(and(eq(knowledgeArticles.key, "response-times"), eq(knowledgeArticles.language, "en")))
  )[0]!;
const embeddingOf = async (articleId: string) =>
  (
    await db
      .select()
      .from(knowledgeArticleEmbeddings)
      .where(and(eq(knowledgeArticleEmbeddings.articleId, articleId), eq(knowledgeArticleEmbeddings.model, EMBEDDING_MODEL)))
  )[0] ?? null;
const unembedded = async () => {
  const [row] = await db.execute<{ n: number }>(dsql`
    select count(*)::int as n from knowledge_articles a
    where a.status = 'published' and not exists (
      select 1 from knowledge_article_embeddings e where e.article_id = a.id and e.model = ${EMBEDDING_MODEL} and e.article_version = a.version)`);
  return Number(row!.n);
};

beforeAll(async () => {
  process.env.BATON_ENCRYPTION_KEY = randomBytes(32).toString("base64");
  resetEnvCache();
  await seedDefaultKnowledge(inject("databaseUrl"));
  standIn = await startOpenAiStandIn({ meanings });
  admin = await createUser({ role: "admin", teamId: null });
  worker = await startWorker({
    databaseUrl: inject("databaseUrl"),
    handlers: jobHandlers({ only: ["knowledge-embed"] }),
    log: logger,
    pollSeconds: 0.5,
    superviseSeconds: 2,
    slaCheckCron: null,
  });
});

afterAll(async () => {
  await resetConnection({ actor: admin, kind: "llm" });
  await worker.stop();
  await stopBoss();
  await standIn.close();
  delete process.env.BATON_ENCRYPTION_KEY;
  resetEnvCache();
});

describe("retrieval by embedding, when an embedding model is configured", () => {
  it("without one, the paraphrase is not answered and nothing is embedded", async () => {
    await resetConnection({ actor: admin, kind: "llm" });
    expect(await configuredEmbeddingModel()).toBeNull();
    const answer = await answerFromPublished(PARAPHRASE, { embedding: await configuredEmbeddingModel() });
    expect(answer).toMatchObject({ answered: false, refusal: "no_confident_answer", retrieval: "words" });
    expect(standIn.requests.filter((r) => r.path === "/v1/embeddings")).toEqual([]);
  });

  it("setting the model backfills every published article, and the paraphrase is then answered by the nearest article", async () => {
    await saveConnection({
      actor: admin,
      input: { kind: "llm", clear: [], apiKey: standIn.apiKey, baseUrl: standIn.baseURL, model: "stand-in", embeddingModel: EMBEDDING_MODEL },
    });
    // The save queued the backfill through the outbox; the worker embeds every published article.
    await waitFor("every published article embedded", async () => (await unembedded()) === 0);
    const article = await responseTimes();
    const stored = await embeddingOf(article.id);
    expect(stored).toMatchObject({ articleVersion: article.version, dimensions: STAND_IN_EMBEDDING_DIMENSIONS });
    const request = standIn.requests.find((r) => r.path === "/v1/embeddings");
    expect(request?.body).toMatchObject({ model: EMBEDDING_MODEL, input: expect.arrayContaining([expect.stringContaining("When our team answers")]) });

    const answer = await answerFromPublished(PARAPHRASE, { embedding: await configuredEmbeddingModel() });
    expect(answer).toMatchObject({
      answered: true,
      retrieval: "words+embedding",
      language: "en",
      articles: [{ id: article.id }],
      articleVersion: article.version,
    });
    expect(answer.text).toContain("Monday to Friday, from 9:00 to 18:00");
    // The limits still come first: a price question near any article is refused.
    expect(await answerFromPublished("What would your staff charge?", { embedding: await configuredEmbeddingModel() })).toMatchObject({
      answered: false,
      refusal: "never_answer",
    });
  });

  it("the chat answers the paraphrase through the configured model, and records the article", async () => {
    const sessionId = randomUUID();
    const result = await handleChatTurn(
      { body: { sessionId, message: { id: randomUUID(), role: "user", parts: [{ type: "text", text: PARAPHRASE }] } }, ip: "203.0.113.77" },
      { log: logger },
    );
    if (!result.ok) throw new Error(result.message);
    expect(result.reply.text).toContain("Monday to Friday, from 9:00 to 18:00");
    const [recorded] = await db
      .select()
      .from(knowledgeAnswers)
      .where(eq(knowledgeAnswers.conversationId, chatConversationId(sessionId)));
    expect(recorded).toMatchObject({ outcome: "answered", articleId: (await responseTimes()).id });
  });

  it("an edited article is embedded again at its new version, through the job its save queued", async () => {
    const before = await responseTimes();
    const saved = await saveArticle({
      id: before.id,
      expectedVersion: before.version,
      article: {
        key: before.key,
        language: "en",
        title: before.title,
        tags: before.tags,
        body: `${before.body}\n\nOn public holidays in Madrid the team is away.`,
      },
      status: "published",
      actor: admin,
    });
    expect(saved).toMatchObject({ ok: true, version: before.version + 1 });
    await waitFor("the new version embedded", async () => (await embeddingOf(before.id))?.articleVersion === before.version + 1);
    const answer = await answerFromPublished(PARAPHRASE, { embedding: await configuredEmbeddingModel() });
    expect(answer).toMatchObject({ answered: true, articleVersion: before.version + 1 });
  });

  it("a model that is down or too slow costs only the embedding: the words still answer what they can", async () => {
    const embedding = await configuredEmbeddingModel();
    standIn.respondToEmbeddingsWith({ kind: "status", status: 503, message: "overloaded" });
    expect(await answerFromPublished(PARAPHRASE, { embedding })).toMatchObject({ answered: false, refusal: "no_confident_answer", retrieval: "words" });
    expect(await answerFromPublished("Do you integrate with Salesforce?", { embedding })).toMatchObject({ answered: true, retrieval: "words" });

    standIn.respondToEmbeddingsWith({ kind: "delay", ms: 5_000, then: { kind: "embedding" } });
    const started = Date.now();
    expect(await answerFromPublished(PARAPHRASE, { embedding, timeoutMs: 300 })).toMatchObject({ answered: false, retrieval: "words" });
    expect(Date.now() - started).toBeLessThan(3_000);
    standIn.respondToEmbeddingsWith({ kind: "embedding" });
  });
});
