import { describe, expect, it } from "vitest";
import { toCsv } from "./csv";

describe("toCsv", () => {
  it("quotes commas, quotes and line breaks, leaves plain fields alone, ends lines with CRLF", () => {
    expect(
      toCsv(
        ["name", "note"],
        [
          ["Ana", 'said "hi", twice'],
          ["Luis\nRuiz", null],
          ["x", 0.25],
        ],
      ),
    ).toBe('name,note\r\nAna,"said ""hi"", twice"\r\n"Luis\nRuiz",\r\nx,0.25\r\n');
  });

  it("neutralises fields a spreadsheet would run as formulas", () => {
    expect(toCsv(["campaign"], [['=HYPERLINK("http://x")'], ["+1"], ["-2"], ["@SUM(A1)"], ["plain-text"]])).toBe(
      'campaign\r\n"\'=HYPERLINK(""http://x"")"\r\n\'+1\r\n\'-2\r\n\'@SUM(A1)\r\nplain-text\r\n',
    );
  });

  it("writes nothing for non-finite numbers", () => {
    expect(toCsv(["n"], [[Number.NaN], [Number.POSITIVE_INFINITY]])).toBe("n\r\n\r\n\r\n");
  });
});
