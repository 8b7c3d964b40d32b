import { describe, expect, it } from "vitest";
import { searchMatchPatterns } from "./search-match";

describe("inbox search match patterns", () => {
  it("anchors the search at a word's start, and at its end for a whole word", () => {
    expect(searchMatchPatterns("Tom")).toEqual({ word: "\\mtom\\M", prefix: "\\mtom" });
  });

  it("keeps every character of the search literal", () => {
    expect(searchMatchPatterns("a.b (c)+[d]*?^$|\\")).toEqual({
      word: "\\ma\\.b \\(c\\)\\+\\[d\\]\\*\\?\\^\\$\\|\\\\\\M",
      prefix: "\\ma\\.b \\(c\\)\\+\\[d\\]\\*\\?\\^\\$\\|\\\\",
    });
  });
});
