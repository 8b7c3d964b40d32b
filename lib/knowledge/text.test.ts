import { describe, expect, it } from "vitest";
import { editDistance, fold, stem, wordMatch } from "@/lib/knowledge/text";
import { detectNeverAnswer } from "@/lib/knowledge/limits";
import { questionLanguage } from "@/lib/knowledge/language";
import { markdownToPlain, splitPassages } from "@/lib/knowledge/markdown-text";

describe("text", () => {
  it("folds accents, case and punctuation", () => {
    expect(fold("¿Cuánto CUESTA la integración?")).toBe("cuanto cuesta la integracion");
  });
  it("stems word families alike in both languages", () => {
    expect(stem("integraciones")).toBe(stem("integración".normalize("NFD").replace(/\p{M}/gu, "")));
    expect(stem("qualification")).toBe(stem("qualify"));
    expect(stem("trabajamos")).toBe(stem("trabajais"));
  });
  it("counts a typo within the word's allowance, never in a short word", () => {
    expect(editDistance("salesfroce", "salesforce", 2)).toBe(1);
    expect(wordMatch("hubspt", "hubspot", true)).toBeGreaterThan(0);
    expect(wordMatch("hubspt", "hubspot", false)).toBe(0);
    expect(wordMatch("cat", "car", true)).toBe(0);
  });
});

describe("detectNeverAnswer", () => {
  it("names the topic in either language, misspelt or not", () => {
    expect(detectNeverAnswer("What are your prices?")?.topic).toBe("prices");
    expect(detectNeverAnswer("¿Cuánto cuesta?")?.topic).toBe("prices");
    expect(detectNeverAnswer("is there a discout")?.topic).toBe("discounts");
    expect(detectNeverAnswer("¿Firmáis un acuerdo de confidencialidad?")?.topic).toBe("legal");
    expect(detectNeverAnswer("Will sales grow by 30%?")?.topic).toBe("guarantees");
    expect(detectNeverAnswer("Can you have it live by next Friday?")?.topic).toBe("commitments");
  });
  it("leaves ordinary questions alone", () => {
    for (const q of ["How can I contact you?", "Do you integrate with HubSpot?", "¿Enviáis una propuesta por escrito?", "When does your team answer?"]) {
      expect(detectNeverAnswer(q), q).toBeNull();
    }
  });
});

describe("questionLanguage", () => {
  it("reads short questions", () => {
    expect(questionLanguage("¿Integráis con HubSpot?")).toBe("es");
    expect(questionLanguage("que idiomas soportan")).toBe("es");
    expect(questionLanguage("Which CRMs do you support?")).toBe("en");
    expect(questionLanguage("HubSpot?", "es")).toBe("es");
  });
});

describe("markdown", () => {
  it("splits passages, joining a heading to what follows", () => {
    expect(splitPassages("# Title\n\nFirst para.\n\n- a\n- b")).toEqual(["# Title\nFirst para.", "- a\n- b"]);
  });
  it("reduces Markdown to plain words, dropping HTML", () => {
    expect(markdownToPlain("**Bold** and [a link](https://x.y) <script>alert(1)</script>")).toBe("Bold and a link alert(1)");
  });
});

describe("limits as an admin sets them", () => {
  it("reads the form: topics on or off, extra words folded, bad input named", async () => {
    const { limitsFormSchema, limitsFromSettings, compileLimits } = await import("@/lib/knowledge/limits");
    const parsed = limitsFormSchema.parse({
      form: "limits",
      prices_enabled: "on",
      prices_extra: "Tarif, licence fee\nlicence fee",
      legal_enabled: "on",
      guarantees_enabled: "on",
      commitments_enabled: "on",
    });
    expect(parsed.find((t) => t.id === "prices")).toEqual({ id: "prices", enabled: true, extraTerms: ["tarif", "licence fee"] });
    expect(parsed.find((t) => t.id === "discounts")?.enabled).toBe(false);
    const topics = compileLimits(limitsFromSettings(parsed));
    expect(detectNeverAnswer("What is the licence fee?", { topics })?.topic).toBe("prices");
    expect(detectNeverAnswer("Do you offer a discount?", { topics })).toBeNull();
    expect(limitsFormSchema.safeParse({}).success).toBe(false);
    const bad = limitsFormSchema.safeParse({ form: "limits", prices_extra: "x".repeat(81) });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/^Prices and quotes: /);
  });
});
