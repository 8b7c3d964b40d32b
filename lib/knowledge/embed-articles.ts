import { articlesToEmbed, saveArticleEmbeddings } from "@/db/queries/knowledge";
import { env } from "@/lib/env";
import { requestSignal, throwIfJobAborted } from "@/lib/jobs/job-signal";
import { configuredEmbeddingModel, type EmbeddingClient } from "@/lib/knowledge/embedding-model";
import { articleEmbeddingText } from "@/lib/knowledge/embeddings";

const BATCH = 32;
/** A sweep stops after this many batches; the next minute's goes on (a backfill of 5,000 takes a few minutes). */
const MAX_BATCHES = 40;

/**
 * Embeds the published articles whose current version has no embedding from the configured model:
 * one article, or all of them (batch by batch). Without a model it does nothing. A model that fails
 * or answers out of shape throws, and the job is retried; what was stored stays.
 */
export async function embedPendingArticles(
  input: { articleId?: string; client?: EmbeddingClient | null } = {},
): Promise<{ model: string | null; embedded: number }> {
  const client = input.client === undefined ? await configuredEmbeddingModel() : input.client;
  if (!client) return { model: null, embedded: 0 };
  let embedded = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    throwIfJobAborted();
    const rows = await articlesToEmbed({ model: client.model, articleId: input.articleId, limit: BATCH });
    if (!rows.length) break;
    const vectors = await client.embed(rows.map(articleEmbeddingText), { signal: requestSignal(env().OPENAI_TIMEOUT_MS) });
    if (vectors.length !== rows.length) throw new Error(`the embedding model returned ${vectors.length} vectors for ${rows.length} articles`);
    const dimensions = vectors[0]?.length ?? 0;
    if (!dimensions || vectors.some((v) => v.length !== dimensions || v.some((x) => !Number.isFinite(x))))
      throw new Error("the embedding model returned vectors of different lengths or non-numbers");
    await saveArticleEmbeddings({ model: client.model, rows: rows.map((r, i) => ({ articleId: r.id, version: r.version, embedding: vectors[i]! })) });
    embedded += rows.length;
    if (rows.length < BATCH) break;
  }
  return { model: client.model, embedded };
}
