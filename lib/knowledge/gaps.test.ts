import { describe, expect, it } from "vitest";
import { groupGaps } from "@/lib/knowledge/gaps";
import { exportJsonl, parseImport } from "@/lib/knowledge/import-articles";
import { articleFormSchema } from "@/lib/knowledge/article-form";

const at = (n: number) => new Date(Date.UTC(2026, 10, 1, 10, n));

describe("groupGaps", () => {
  it("groups the same question asked in different words, biggest first, with counts", () => {
    const gaps = groupGaps([
      { question: "Do you support WhatsApp?", language: "en", outcome: "no_confident_answer", topic: null, createdAt: at(1) },
      { question: "Does it support WhatsApp?", language: "en", outcome: "no_confident_answer", topic: null, createdAt: at(2) },
      { question: "Is there a mobile app?", language: "en", outcome: "no_confident_answer", topic: null, createdAt: at(3) },
      { question: "WhatsApp support?", language: "en", outcome: "no_confident_answer", topic: null, createdAt: at(4) },
    ]);
    expect(gaps.map((g) => [g.question, g.count])).toEqual([
      ["Do you support WhatsApp?", 3],
      ["Is there a mobile app?", 1],
    ]);
  });
});

describe("import", () => {
  it("reads JSONL and Markdown, and names each problem", () => {
    const jsonl = exportJsonl([{ key: "a-b", title: "Title A", language: "en", tags: ["x"], body: "A body long enough to keep." }]);
    expect(parseImport(jsonl)).toMatchObject({ ok: true, articles: [{ key: "a-b", tags: ["x"] }] });
    const md =
      "---\nkey: one\ntitle: One article\nlanguage: es\ntags: a, b\n---\nUn cuerpo suficientemente largo.\n\n---\nkey: two\ntitle: Two article\nlanguage: en\n---\nA body long enough to keep.";
    expect(parseImport(md)).toMatchObject({ ok: true, articles: [{ key: "one", language: "es" }, { key: "two" }] });
    expect(parseImport('{"key":"Bad Key","title":"x","language":"fr","body":"short"}')).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/^line 1: Key: .*Title: .*Body: .*Language/)],
    });
    expect(parseImport("not json")).toMatchObject({ ok: false });
  });
});

describe("articleFormSchema", () => {
  it("names the field of each problem", () => {
    const r = articleFormSchema.safeParse({ key: "ok-key", title: "", language: "en", tags: "", body: "x", status: "draft" });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path[0])).toEqual(["title", "body"]);
  });
});
