import { describe, expect, it } from "vitest";
import { checkFactValue } from "./fact-value";

const accepted = (field: string, value: string, locale?: string) => {
  const checked = checkFactValue(field, value, locale);
  return checked.ok ? checked.value : `refused: ${checked.message}`;
};

describe("a corrected fact, held to its type", () => {
  it("takes a website as a domain or an http(s) address, and refuses markup or other schemes", () => {
    expect(accepted("website", "kranich.example")).toBe("kranich.example");
    expect(accepted("website", "https://www.kranich.example/kontakt")).toBe("https://www.kranich.example/kontakt");
    for (const bad of [
      "<img src=x onerror=alert(1)>kranich.example",
      "javascript:alert(1)",
      "kranich",
      "kranich .example",
      "ftp://kranich.example",
      "https://user:pw@kranich.example",
      "http://localhost",
    ]) {
      expect(accepted("website", bad), bad).toBe("refused: Website must be a domain or web address, such as acme.io or https://acme.io.");
    }
  });

  it("takes an email address, lower-cased", () => {
    expect(accepted("email", "Henrike.Vos@Kranich.example")).toBe("henrike.vos@kranich.example");
    expect(accepted("email", "henrike@")).toBe("refused: Email must be an email address, such as ana@acme.io.");
    expect(accepted("email", "<b>@kranich.example")).toMatch(/^refused: Email must be/);
  });

  it("takes counts as whole numbers, written as the agent writes them", () => {
    expect(accepted("employees", "1,200")).toBe("1200");
    expect(accepted("employees", "1.200", "es")).toBe("1200");
    expect(accepted("monthly_leads", "800")).toBe("800");
    expect(accepted("employees", "about 50")).toBe("refused: Employees must be a whole number from 0 to 10,000,000.");
    expect(accepted("timeline_days", "12.5")).toBe("refused: Timeline days must be a whole number from 0 to 3,650.");
    expect(accepted("employees", "-3")).toMatch(/^refused: Employees must be a whole number/);
  });

  it("takes a budget as an amount and its currency", () => {
    expect(accepted("budget", "15.000 eur", "es-ES")).toBe("15000 EUR");
    expect(accepted("budget", "15,000 eur", "en")).toBe("15000 EUR");
    expect(accepted("budget", "20000 USD")).toBe("20000 USD");
    expect(accepted("budget", "lots of money")).toBe("refused: Budget must be an amount and its currency, such as 15000 EUR.");
    expect(accepted("budget", "15000")).toMatch(/^refused: Budget must be/);
  });

  it("takes a choice from its list only", () => {
    expect(accepted("intent", "Audit")).toBe("audit");
    expect(accepted("fit", "partial")).toBe("partial");
    expect(accepted("urgent", "no")).toBe("no");
    expect(accepted("intent", "buy everything")).toBe(
      "refused: Intent must be one of: diagnosis, quote, audit, integration, support, information, partnership, other.",
    );
  });

  it("takes names and other text as plain text", () => {
    expect(accepted("company", "Kranich Logistik & Söhne")).toBe("Kranich Logistik & Söhne");
    expect(accepted("company", "<script>alert(1)</script>")).toBe("refused: Company must be plain text, without < or >.");
    expect(accepted("company", "x".repeat(201))).toBe("refused: Company can be at most 200 characters.");
    expect(accepted("phone", "+49 (30) 555-0100")).toBe("+49 (30) 555-0100");
    expect(accepted("phone", "call me")).toBe("refused: Phone must be a phone number: digits, spaces and + ( ) - only.");
    expect(accepted("a_field_added_later", "<i>x</i>")).toBe("refused: A field added later must be plain text, without < or >.");
  });
});
