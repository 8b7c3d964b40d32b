import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { textWithSensitiveValue } from "@/test/chaos/sensitive-strings";
import { findSensitiveValues } from "./find-sensitive-values";
import { maskDeep, maskText } from "./mask-text";
import { sharedValuesIn } from "./describe-masks";

const masked = (text: string) => maskText(text).value;
const kinds = (text: string) => findSensitiveValues(text).map((m) => m.kind);

describe("card numbers", () => {
  it("masks Luhn-valid numbers written with spaces, dashes or none, in English and Spanish", () => {
    expect(masked("Charge it to 4111 1111 1111 1111 for the invoice.")).toBe("Charge it to •••• 1111 for the invoice.");
    expect(masked("Mi tarjeta es 4242-4242-4242-4242, caduca 12/28.")).toBe("Mi tarjeta es •••• 4242, caduca 12/28.");
    expect(masked("card 5555555555554444")).toBe("card •••• 4444");
    expect(masked("Amex 3782 822463 10005")).toBe("Amex •••• 0005");
  });

  it("leaves numbers that fail the Luhn check or are not written like a card", () => {
    expect(kinds("4111 1111 1111 1112")).toEqual([]);
    expect(kinds("ref 41111 1111 1111 111")).toEqual([]);
  });
});

describe("IBANs", () => {
  it("masks mod-97-valid IBANs to their country code and last four", () => {
    expect(masked("Pay to ES91 2100 0418 4502 0005 1332 please.")).toBe("Pay to ES•• •••• 1332 please.");
    expect(masked("IBAN: DE89370400440532013000")).toBe("IBAN: DE•• •••• 3000");
    expect(masked("cuenta GB82 WEST 1234 5698 7654 32, gracias")).toBe("cuenta GB•• •••• 5432, gracias");
  });

  it("leaves an IBAN-shaped string whose check digits are wrong", () => {
    expect(kinds("ES92 2100 0418 4502 0005 1332")).toEqual([]);
  });
});

describe("passwords and tokens", () => {
  it("removes what follows password, pwd, contraseña, clave and similar", () => {
    expect(masked("Our HubSpot admin password: Hunter2!Secret, use it.")).toBe("Our HubSpot admin password: [removed], use it.");
    expect(masked("my password is Tr0ub4dor&3")).toBe("my password is [removed]");
    expect(masked("pwd=s3cr3tpw")).toBe("pwd=[removed]");
    expect(masked("La contraseña de HubSpot: Gato.Azul.77")).toBe("La contraseña de HubSpot: [removed]");
    expect(masked("la contraseña es Madrid2024")).toBe("la contraseña es [removed]");
    expect(masked("clave: perro1234")).toBe("clave: [removed]");
    expect(masked('password: "correct horse battery"')).toBe("password: [removed]");
    expect(masked("CVV 123")).toBe("CVV [removed]");
  });

  it("removes tokens by their shape anywhere", () => {
    for (const token of [
      "sk-proj-A1b2C3d4E5f6G7h8I9j0KLmn",
      "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp",
      "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
      "AKIAIOSFODNN7EXAMPLE",
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
    ]) {
      expect(masked(`here is our key ${token} for the integration`)).toBe("here is our key [removed] for the integration");
    }
  });

  it("keeps ordinary words about passwords and Spanish 'clave'", () => {
    for (const text of [
      "We need a password reset flow in the portal.",
      "The password is wrong on the login page.",
      "La clave es que necesitamos calificar mejor los leads.",
      "Es un punto clave para el equipo de ventas.",
      "Can you pass this on to sales?",
      "The token is expired, please help.",
    ]) {
      expect(masked(text)).toBe(text);
    }
  });
});

describe("national ids", () => {
  it("masks Spanish DNI and NIE with a valid check letter, and US SSNs, to their last three characters", () => {
    expect(masked("Mi DNI es 12345678Z.")).toBe("Mi DNI es •••78Z.");
    expect(masked("NIE X-1234567-L")).toBe("NIE •••67L");
    expect(masked("dni 12345678-z")).toBe("dni •••78Z");
    expect(masked("My SSN is 123-45-6789.")).toBe("My SSN is •••789.");
    expect(masked("SSN: 123456789")).toBe("SSN: •••789");
  });

  it("leaves a DNI with the wrong letter and SSN-shaped numbers that cannot be SSNs", () => {
    expect(kinds("12345678A")).toEqual([]);
    expect(kinds("000-12-3456 and 666-12-3456 and 123-00-4567")).toEqual([]);
  });
});

describe("ordinary numbers stay", () => {
  it("does not touch phones, amounts, head counts, dates, ranges or order numbers", () => {
    for (const text of [
      "Call me on +34 600 000 000 or 612 345 678.",
      "US office: +1 415 555 0100, (415) 555-0134.",
      "We are 1,200 employees and get 400 leads a month.",
      "Budget 15.000 € this quarter, maybe 25k USD.",
      "Start 2026-11-20, numemployees 51-200.",
      "Order number 1234567890 and invoice 2026-000123.",
      "Tenemos 12345678 clientes potenciales.",
      "Our VAT is ESB12345678 and the campaign ES2026Q4.",
    ]) {
      expect(findSensitiveValues(text), text).toEqual([]);
    }
  });
});

describe("masking JSON and reading masks back", () => {
  it("masks every string in a value and removes fields that name a secret", () => {
    const result = maskDeep({ fields: { message: "card 4111111111111111", password: "plainword", n: 3 }, list: [{ name: "contraseña", value: "x" }] });
    expect(result.value).toEqual({ fields: { message: "card •••• 1111", password: "[removed]", n: 3 }, list: [{ name: "contraseña", value: "x" }] });
    expect(result.removed.map((r) => r.kind)).toEqual(["card", "credential"]);
  });

  it("returns the same object when nothing was sensitive", () => {
    const value = { a: ["hello", { b: "world" }] };
    expect(maskDeep(value).value).toBe(value);
  });

  it("masks idempotently", () => {
    const once = masked("4111 1111 1111 1111, ES91 2100 0418 4502 0005 1332, 12345678Z, password: abc123xyz");
    expect(masked(once)).toBe(once);
  });

  it("describes each mask by its kind, never its value", () => {
    const text = masked(
      "card 4111 1111 1111 1111, IBAN ES91 2100 0418 4502 0005 1332, DNI 12345678Z, password: abc123xyz, key sk-proj-A1b2C3d4E5f6G7h8I9j0KLmn",
    );
    expect(sharedValuesIn(text).map((s) => s.evidence)).toEqual([
      "the lead shared a card number ending 1111",
      "the lead shared a bank account number (ES IBAN ending 1332)",
      "the lead shared a national id number ending 78Z",
      "the lead shared a password (removed)",
      "the lead shared a password or access token (removed)",
    ]);
  });
});

describe("any such value, generated, inside arbitrary text", () => {
  it("never survives masking, written with or without separators", () => {
    fc.assert(
      fc.property(textWithSensitiveValue, ({ value, text }) => {
        const out = maskText(text).value.replace(/[\s-]/g, "");
        expect(out).not.toContain(value.replace(/[\s-]/g, ""));
      }),
      { numRuns: 2_000, seed: 20_261_201 },
    );
  });
});
