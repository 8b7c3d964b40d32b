import { describe, expect, it } from "vitest";
import { articleEmbeddingText, buildEmbeddingIndex, nearestArticles } from "@/lib/knowledge/embeddings";

describe("retrieval by embedding", () => {
  const index = buildEmbeddingIndex([
    { articleId: "a", language: "en", embedding: [1, 0, 0] },
    { articleId: "b", language: "en", embedding: [0.6, 0.8, 0] },
    { articleId: "c", language: "es", embedding: [2, 0.1, 0] },
    { articleId: "d", language: "en", embedding: [0, 0, 0] },
    { articleId: "e", language: "en", embedding: [1, 0] },
  ]);

  it("ranks the articles of the question's languages by cosine, best first", () => {
    expect(nearestArticles(index, [10, 0, 0], { languages: ["en"] })).toEqual([
      { articleId: "a", similarity: expect.closeTo(1, 5) },
      { articleId: "b", similarity: expect.closeTo(0.6, 5) },
    ]);
    expect(nearestArticles(index, [10, 0, 0], { languages: ["en", "es"], limit: 2 }).map((n) => n.articleId)).toEqual(["a", "c"]);
  });

  it("leaves out zero vectors and vectors of another length, and answers nothing for a question of the wrong length", () => {
    expect(index.dimensions).toBe(3);
    expect(index.size).toBe(3);
    expect(index.byLanguage.en.ids).toEqual(["a", "b"]);
    expect(nearestArticles(index, [1, 0], { languages: ["en"] })).toEqual([]);
    expect(nearestArticles(index, [0, 0, 0], { languages: ["en"] })).toEqual([]);
  });

  it("embeds an article's title, tags and plain text, without Markdown", () => {
    expect(articleEmbeddingText({ title: "CRM", tags: ["hubspot", "crm"], body: "## Which\n\n**HubSpot** and [Pipedrive](https://x.io)." })).toBe(
      "CRM\n\nhubspot, crm\n\nWhich\n\nHubSpot and Pipedrive.",
    );
  });
});
