import { describe, expect, it } from "vitest";
import { RepeatedQueries } from "./prepared-statements";

describe("RepeatedQueries", () => {
  it("says a text is repeated from its second use on", () => {
    const queries = new RepeatedQueries();
    expect(queries.repeated("select 1")).toBe(false);
    expect(queries.repeated("select 1")).toBe(true);
    expect(queries.repeated("select 1")).toBe(true);
    expect(queries.repeated("select 2")).toBe(false);
  });

  it("starts over when it has remembered its limit, so one-off texts cannot grow it without bound", () => {
    const queries = new RepeatedQueries(3);
    for (const text of ["a", "b", "c"]) queries.repeated(text);
    expect(queries.repeated("a")).toBe(true);
    expect(queries.repeated("d")).toBe(false); // the fourth text: the memory starts over with it
    expect(queries.repeated("a")).toBe(false);
    expect(queries.repeated("d")).toBe(true);
  });
});
