import { describe, expect, it } from "vitest";
import { parseInline, parseMarkdown } from "@/lib/knowledge/markdown-blocks";

describe("parseMarkdown", () => {
  it("reads headings, paragraphs, lists and code", () => {
    const blocks = parseMarkdown("# Title\n\nSome **bold** words.\n\n- one\n- two\n\n```\ncode <b>\n```");
    expect(blocks.map((b) => b.kind)).toEqual(["heading", "paragraph", "list", "code"]);
    expect(blocks[1]).toEqual({
      kind: "paragraph",
      children: [
        { kind: "text", text: "Some " },
        { kind: "strong", children: [{ kind: "text", text: "bold" }] },
        { kind: "text", text: " words." },
      ],
    });
  });
  it("keeps raw HTML as text and drops unsafe links", () => {
    expect(parseMarkdown("<script>alert(1)</script>")).toEqual([{ kind: "paragraph", children: [{ kind: "text", text: "<script>alert(1)</script>" }] }]);
    expect(parseInline("[x](javascript:alert(1))")).toEqual([
      { kind: "text", text: "x" },
      { kind: "text", text: ")" },
    ]);
    expect(parseInline("[site](https://example.com)")).toEqual([{ kind: "link", href: "https://example.com", children: [{ kind: "text", text: "site" }] }]);
  });
});
