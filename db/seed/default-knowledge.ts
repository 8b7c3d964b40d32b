import postgres from "postgres";
import { defaultArticles } from "@/lib/knowledge/default-articles";
import { searchText } from "@/lib/knowledge/index";

// The seed's name: bump it to ship a new default knowledge base to installs that had the old one.
export const DEFAULT_KNOWLEDGE_SEED = "default-knowledge-v1";

/**
 * A new install (and the demo) starts with the shipped default knowledge base, published. Applied
 * once per database, under an advisory lock so instances starting together do it once: articles an
 * admin later deletes or edits are not brought back, and a key already present is left alone.
 */
export async function seedDefaultKnowledge(url: string): Promise<{ seeded: number }> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(7240612)`;
      const done = await tx`select 1 from knowledge_seeds where name = ${DEFAULT_KNOWLEDGE_SEED}`;
      if (done.length) return { seeded: 0 };
      let seeded = 0;
      for (const article of defaultArticles()) {
        const [row] = await tx`
          insert into knowledge_articles (key, language, title, body, tags, status, version, search_text)
          values (${article.key}, ${article.language}, ${article.title}, ${article.body}, ${article.tags}, 'published', 1, ${searchText(article)})
          on conflict (key, language) do nothing returning id`;
        if (!row) continue;
        await tx`insert into knowledge_article_versions (article_id, version, title, body, tags, status) values (${row.id}, 1, ${article.title}, ${article.body}, ${article.tags}, 'published')`;
        seeded++;
      }
      await tx`insert into knowledge_seeds (name) values (${DEFAULT_KNOWLEDGE_SEED})`;
      return { seeded };
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
}
