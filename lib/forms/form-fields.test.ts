import { describe, expect, it } from "vitest";
import { z } from "zod";
import { blankIsUnset, checkbox, listOf, wholeNumber } from "./form-fields";

describe("form fields, read as a person means them", () => {
  it("a checkbox is on when present, off when absent", () => {
    expect(checkbox.parse("on")).toBe(true);
    expect(checkbox.parse("true")).toBe(true);
    expect(checkbox.parse(undefined)).toBe(false);
    expect(checkbox.parse("")).toBe(false);
  });

  it("a list of one name is one value, several or none; an empty value is none", () => {
    const ids = listOf(z.string().min(1));
    expect(ids.parse(undefined)).toEqual([]);
    expect(ids.parse("")).toEqual([]);
    expect(ids.parse("a")).toEqual(["a"]);
    expect(ids.parse(["a", "b"])).toEqual(["a", "b"]);
  });

  it("a blank field is unset; a filled one is trimmed", () => {
    const name = blankIsUnset(z.string().min(2));
    expect(name.parse("   ")).toBeUndefined();
    expect(name.parse(" Ana ")).toBe("Ana");
    expect(name.safeParse("A").success).toBe(false);
  });

  it("a whole number says what is wrong with it", () => {
    expect(wholeNumber(1, 10).parse("7")).toBe(7);
    expect(wholeNumber(1, 10).safeParse("7.5").error?.issues[0]?.message).toBe("must be a whole number");
    expect(wholeNumber(1, 10).safeParse("11").error?.issues[0]?.message).toBe("must be at most 10");
  });
});
