import { describe, expect, it } from "vitest";
import { isUnstorable, unstorableAt } from "./unstorable-text";

describe("unstorable text", () => {
  it("finds NUL and unpaired surrogates, and lets whole emoji, control characters and markup through", () => {
    expect(isUnstorable("nul\u0000byte")).toBe(true);
    expect(isUnstorable("lone \ud800 high")).toBe(true);
    expect(isUnstorable("lone \udfff low")).toBe(true);
    expect(isUnstorable("emoji 👩🏽‍💻 \u001b[31m <script>'; drop table x;--")).toBe(false);
  });

  it("names the path of the first bad string, keys included", () => {
    expect(unstorableAt({ fields: { message: "ok", note: ["a", "b\u0000"] } })).toEqual(["fields", "note", 1]);
    expect(unstorableAt({ fields: { "bad\ud800key": "x" } })).toEqual(["fields", "bad\ud800key"]);
    expect(unstorableAt({ a: [1, true, null, "fine"] })).toBeNull();
  });
});
