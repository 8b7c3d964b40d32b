import { describe, expect, it } from "vitest";
import type { FactSheet } from "@/lib/agent/facts";
import { openQuestions } from "@/lib/agent/questions";
import { criticalFields } from "@/lib/contract/decision";
import { GREETING, lines } from "./agent-lines";

/**
 * Every Spanish line the product says to a lead, collected from where it is written: the chat
 * agent's lines (each function called with and without its optional parts) and the questions the
 * agent asks. The seller speaks tú (and vosotros to a team), never usted.
 */
function spanishLines(): string[] {
  const out: string[] = [GREETING];
  for (const line of Object.values(lines.es)) {
    if (typeof line === "string") out.push(line);
    else out.push(...variants(line as (...args: unknown[]) => string));
  }
  const unknownEverything = { language: "es", timelineDays: null, employees: null, monthlyLeads: null, tools: [], budget: null } as unknown as FactSheet;
  out.push(...openQuestions(unknownEverything, [...criticalFields]));
  return out;
}

function variants(line: (...args: unknown[]) => string): string[] {
  // The line functions take a name and an email, a URL, an owner's name or a list of fields: each is
  // tried with every kind of argument, full and empty, and what reads as a sentence is kept.
  const tries: unknown[][] = [
    ["Lucía", "lucia@hotelesmar.es"],
    [null, null],
    ["https://cal.com/equipo/diagnostico"],
    ["Dana Reyes"],
    [null],
    [[...criticalFields]],
    [["email"]],
  ];
  const said = tries.flatMap((args) => {
    try {
      const text = line(...args);
      return typeof text === "string" && !/undefined|null|\[object/.test(text) ? [text] : [];
    } catch {
      return [];
    }
  });
  expect(said.length, line.toString()).toBeGreaterThan(0);
  return [...new Set(said)];
}

// What gives usted away: the word itself, a clause opening with le/les ("Le paso esto", "Les
// escribimos"), or le/les fastened to a verb ("contactarle", "ayudándole").
const formal = [/\busted(es)?\b/i, /(^|[.!?¡¿,;:]\s*)les?\s/i, /\p{L}+(?:ar|er|ir|ando|iendo)les?\b/iu];

describe("the Spanish the product says", () => {
  it("is collected from its sources", () => {
    expect(spanishLines().length).toBeGreaterThan(20);
  });

  it("uses one register, tú, in every line", () => {
    const offending = spanishLines().filter((text) => formal.some((marker) => marker.test(text)));
    expect(offending).toEqual([]);
  });

  it("would catch usted", () => {
    for (const sample of ["Le paso esto a una persona.", "¡Gracias! Le escribiremos pronto.", "Podemos contactarle mañana.", "¿Usted prefiere una llamada?"]) {
      expect(
        formal.some((marker) => marker.test(sample)),
        sample,
      ).toBe(true);
    }
    expect(formal.some((marker) => marker.test("Voy a pasar tu mensaje a una persona, que te contactará."))).toBe(false);
  });
});
