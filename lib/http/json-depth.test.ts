import { describe, expect, it } from "vitest";
import { tooDeepAt } from "./json-depth";

describe("tooDeepAt", () => {
  it("finds the path where nesting passes the limit, and passes shallow values", () => {
    expect(tooDeepAt({ a: { b: [1, 2] }, c: "x" }, 3)).toBeNull();
    expect(tooDeepAt({ a: { b: [[1]] } }, 3)).toEqual(["a", "b", 0]);
    expect(tooDeepAt("text", 0)).toBeNull();
  });

  it("walks 100,000 levels without overflowing the stack", () => {
    const deep = JSON.parse(`${"[".repeat(100_000)}${"]".repeat(100_000)}`);
    expect(tooDeepAt({ extra: deep }, 32)?.slice(0, 2)).toEqual(["extra", 0]);
  });
});
