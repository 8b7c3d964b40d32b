import type { KnowledgeArticle } from "@/lib/knowledge/article";
import type { KnowledgeLanguage } from "@/lib/knowledge/language";
import { markdownToPlain } from "@/lib/knowledge/markdown-text";

// Retrieval by meaning, beside retrieval by words: each published article's embedding (stored as
// real[]; see db/schema/knowledge.ts) and the question's, compared by cosine in memory. With 5,000
// articles of 1,536 dimensions that is a few milliseconds; the vectors are normalised once when
// loaded, so each comparison is one dot product.

/** How many of the nearest articles join the full-text candidates. */
export const NEAREST_ARTICLES = 5;

/** What an embedding model reads for an article: its title, tags and plain text, bounded (models take ~8k tokens). */
export function articleEmbeddingText(article: Pick<KnowledgeArticle, "title" | "tags" | "body">): string {
  const text = [article.title, article.tags.join(", "), markdownToPlain(article.body)].filter(Boolean).join("\n\n");
  return text.length > 12_000 ? text.slice(0, 12_000) : text;
}

export type StoredEmbedding = { articleId: string; language: KnowledgeLanguage; embedding: readonly number[] };
/** Per language, the unit vectors in one contiguous matrix (row i is ids[i]): a scan is one tight loop over memory. */
export type EmbeddingIndex = { dimensions: number; size: number; byLanguage: Record<KnowledgeLanguage, { ids: string[]; matrix: Float32Array }> };
export type NearArticle = { articleId: string; similarity: number };

/** The stored vectors, normalised, for one model; a vector of another length (a model changed mid-way) or of zero length is left out. */
export function buildEmbeddingIndex(rows: readonly StoredEmbedding[]): EmbeddingIndex {
  const dimensions = mostCommonLength(rows);
  const byLanguage = {} as EmbeddingIndex["byLanguage"];
  let size = 0;
  for (const language of ["en", "es"] as const) {
    const units = rows
      .filter((r) => r.language === language && r.embedding.length === dimensions)
      .flatMap((r) => {
        const unit = normalised(r.embedding);
        return unit ? [{ id: r.articleId, unit }] : [];
      });
    const matrix = new Float32Array(units.length * dimensions);
    units.forEach((u, i) => matrix.set(u.unit, i * dimensions));
    byLanguage[language] = { ids: units.map((u) => u.id), matrix };
    size += units.length;
  }
  return { dimensions, size, byLanguage };
}

/** The articles nearest the question's vector by cosine, best first, in the given languages. */
export function nearestArticles(
  index: EmbeddingIndex,
  query: readonly number[],
  options: { languages: readonly KnowledgeLanguage[]; limit?: number },
): NearArticle[] {
  const dimensions = index.dimensions;
  if (query.length !== dimensions) return [];
  const unit = normalised(query);
  if (!unit) return [];
  const limit = options.limit ?? NEAREST_ARTICLES;
  const best: NearArticle[] = [];
  for (const language of options.languages) {
    const { ids, matrix } = index.byLanguage[language];
    for (let row = 0, offset = 0; row < ids.length; row++, offset += dimensions) {
      const dot = dotProduct(unit, matrix, offset, dimensions);
      if (best.length < limit || dot > best[best.length - 1]!.similarity) {
        best.push({ articleId: ids[row]!, similarity: dot });
        best.sort((a, b) => b.similarity - a.similarity);
        if (best.length > limit) best.pop();
      }
    }
  }
  return best;
}

// Four running sums: about twice as fast in V8 as one, which matters at 5,000 × 1,536.
function dotProduct(a: Float32Array, matrix: Float32Array, offset: number, length: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < length; i += 4) {
    const o = offset + i;
    s0 += a[i]! * matrix[o]!;
    s1 += a[i + 1]! * matrix[o + 1]!;
    s2 += a[i + 2]! * matrix[o + 2]!;
    s3 += a[i + 3]! * matrix[o + 3]!;
  }
  for (; i < length; i++) s0 += a[i]! * matrix[offset + i]!;
  return s0 + s1 + s2 + s3;
}

function normalised(vector: readonly number[]): Float32Array | null {
  let sum = 0;
  for (const v of vector) sum += v * v;
  if (!Number.isFinite(sum) || sum === 0) return null;
  const norm = Math.sqrt(sum);
  return Float32Array.from(vector, (v) => v / norm);
}

function mostCommonLength(rows: readonly StoredEmbedding[]): number {
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(r.embedding.length, (counts.get(r.embedding.length) ?? 0) + 1);
  let length = 0;
  let most = 0;
  for (const [l, n] of counts) if (n > most) [length, most] = [l, n];
  return length;
}
