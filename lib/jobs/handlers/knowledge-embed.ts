import { defineJob } from "@/lib/jobs/define-job";
import { queues } from "@/lib/jobs/queues";
import { embedPendingArticles } from "@/lib/knowledge/embed-articles";

/** A published article's embedding, or the sweep of every one still missing (see queues.knowledgeEmbed). */
export const knowledgeEmbedJob = defineJob({
  queue: queues.knowledgeEmbed.name,
  schema: queues.knowledgeEmbed.schema,
  handle: async (data, ctx) => {
    const { model, embedded } = await embedPendingArticles({ articleId: data.articleId });
    if (embedded) ctx.log.info("knowledge articles embedded", { model, count: embedded, articleId: data.articleId ?? null });
  },
});
