import { describe, expect, it } from "vitest";
import { parseTypedAmount } from "./typed-amount";

const value = (text: string, locale?: string) => {
  const read = parseTypedAmount(text, locale);
  return read.ok ? read.value : read.problem;
};

describe("an amount as people type it", () => {
  it("reads both separators whatever the locale: the last one is the decimal separator", () => {
    for (const locale of ["en", "es"]) {
      expect(value("12,000.50", locale)).toBe(12000.5);
      expect(value("12.000,50", locale)).toBe(12000.5);
      expect(value("1.234.567,89", locale)).toBe(1234567.89);
      expect(value("1,234,567.89", locale)).toBe(1234567.89);
    }
  });

  it("reads plain digits, a decimal part and thousands groups repeated", () => {
    expect(value("12000")).toBe(12000);
    expect(value("12000.5")).toBe(12000.5);
    expect(value("12,5", "en")).toBe(12.5);
    expect(value("12.50", "es")).toBe(12.5);
    expect(value("1,234,567", "es")).toBe(1234567);
    expect(value("1.234.567", "en")).toBe(1234567);
    expect(value("1234.567", "es")).toBe(1234.567);
  });

  it("drops spaces and apostrophes between digits", () => {
    expect(value("12 000")).toBe(12000);
    expect(value("12\u00a0000,50", "fr")).toBe(12000.5);
    expect(value("12\u202f000", "fr")).toBe(12000);
    expect(value("1'250.75", "de-CH")).toBe(1250.75);
    expect(value("  36800 ")).toBe(36800);
  });

  it("lets the locale decide an ambiguous single separator before three digits", () => {
    expect(value("1,234", "en")).toBe(1234);
    expect(value("1.234", "en")).toBe(1.234);
    expect(value("1,234", "es")).toBe(1.234);
    expect(value("1.234", "es")).toBe(1234);
    expect(value("1.234", "de-DE")).toBe(1234);
    expect(value("12.000", "es-ES")).toBe(12000);
    expect(value("999,999", "en-GB")).toBe(999999);
    // A lone 0 before the separator is never a group of thousands.
    expect(value("0,500", "en")).toBe(0.5);
    // A locale Intl does not know reads as English.
    expect(value("1,234", "not a locale")).toBe(1234);
  });

  it("says empty when nothing is typed", () => {
    expect(value("")).toBe("empty");
    expect(value("   ")).toBe("empty");
  });

  it("refuses what is not an amount rather than guessing", () => {
    for (const text of ["lots", "12k", "1,23,456", "12.34.56", "1,,000", "12,", ".5", "1 2 3 abc", "12,000.50.25", "1.000,000.5", "€12", "--5"]) {
      expect(value(text, "en"), text).toBe("not_a_number");
    }
  });

  it("keeps a minus sign so the form can say the value must be more than zero", () => {
    expect(value("-5")).toBe(-5);
  });
});
