import type { Fact, FactSheet, Identity } from "@/lib/agent/facts";
import type { LlmExtraction } from "@/lib/agent/llm/schema";
import { parseAmount } from "@/lib/agent/numbers";
import type { IntakeEvent } from "@/lib/contract/intake";

export type DroppedFact = { field: string; why: string };

type ModelFact<T> = { value: T; fragment: string; confirmed: boolean; basis: string | null };

/**
 * Turns the model's answer into a fact sheet the rules engine can trust. A model cannot invent facts:
 * every fact must quote words the lead supplied, and its value must be readable from those words, or
 * it is dropped. What the model left out or lost comes from the deterministic sheet, so a model's
 * silence never erases what the lead plainly wrote; the sender's `contact` wins, as it does there.
 * The lead text the rules scan for signals is always the deterministic one, never the model's.
 */
export function validateExtraction(input: {
  output: LlmExtraction;
  event: IntakeEvent;
  /** The lead's own data as the prompt showed it (contact, fields, lead messages). */
  leadWords: string;
  baseline: FactSheet;
  freeEmailDomains: readonly string[];
  isInstruction: (text: string) => boolean;
}): { facts: FactSheet; dropped: DroppedFact[] } {
  const { output, baseline } = input;
  const dropped: DroppedFact[] = [];
  const source = normalise(input.leadWords);
  const freeLabels = new Set(input.freeEmailDomains.map((d) => squash(d.split(".")[0]!)));

  const accept = <T>(field: string, fact: ModelFact<T> | null, valueProblem: (fact: ModelFact<T>) => string | null): Fact<T> | null => {
    if (!fact) return null;
    const fragment = normalise(fact.fragment);
    const why =
      fragment.length < 2 || !source.includes(fragment)
        ? "its fragment is not in the lead's text"
        : input.isInstruction(fact.fragment)
          ? "its fragment instructs the agent"
          : !fact.confirmed && !usableNote(fact.basis ?? "", input.isInstruction)
            ? "an inference without a usable basis"
            : valueProblem(fact);
    if (why) {
      dropped.push({ field, why });
      return null;
    }
    const basis = fact.confirmed ? null : usableNote(fact.basis ?? "", input.isInstruction);
    return { value: fact.value, fragment: fact.fragment.trim(), confirmed: fact.confirmed, ...(basis ? { basis } : {}) };
  };

  const identityProblem = (key: keyof Identity) => (fact: ModelFact<string>) => {
    const value = normalise(fact.value);
    if (!value || value.length > 300) return "an empty or overlong value";
    if (key === "email") return emailPattern.test(fact.value.trim()) && source.includes(value) ? null : "an email address the lead did not give";
    if (key === "phone") return digits(fact.fragment).includes(digits(fact.value)) && digits(fact.value).length >= 6 ? null : "a number not in its fragment";
    if (fact.confirmed) return normalise(fact.fragment).includes(value) ? null : "a value not in its fragment";
    // An inference must still rest on its fragment (a company read off "quanta-logistics.com"), and a
    // free mail provider is nobody's company.
    const tokens = fact.value
      .split(/[\s.,&/-]+/)
      .map(squash)
      .filter((t) => t.length >= 3);
    if ((key === "company" || key === "website") && tokens.some((t) => freeLabels.has(t))) return "a free email provider, not a company";
    return tokens.some((t) => squash(fact.fragment).includes(t)) ? null : "a value not in its fragment";
  };

  const identityFact = (key: keyof Identity): Fact | null => {
    const fromModel = accept(`identity.${key}`, output.identity[key], identityProblem(key));
    const given = input.event.contact?.[key];
    return typeof given === "string" && given.trim() !== "" ? baseline.identity[key] : (fromModel ?? baseline.identity[key]);
  };
  const identity: Identity = {
    name: identityFact("name"),
    email: identityFact("email"),
    phone: identityFact("phone"),
    company: identityFact("company"),
    role: identityFact("role"),
    website: identityFact("website"),
  };

  const need = accept("need", output.need, (fact) => (input.isInstruction(fact.value) ? "it instructs the agent" : null));
  // The package shows the need "in the lead's plain words": a paraphrase gives way to the words it quotes.
  const needInTheirWords = need && !source.includes(normalise(need.value)) ? { ...need, value: need.fragment } : need;

  const count = (limit: number) => (fact: ModelFact<number>) =>
    !Number.isFinite(fact.value) || fact.value < 1 || fact.value >= limit
      ? "an implausible number"
      : readableNumber(fact.fragment, fact.value)
        ? null
        : "a number not in its fragment";
  const employees = accept("employees", output.employees, count(10_000_000));
  const monthlyLeads = accept("monthlyLeads", output.monthlyLeads, count(100_000_000));
  const budget = accept("budget", output.budget, (fact) => {
    const { amount, currency } = fact.value;
    if (!Number.isFinite(amount) || amount <= 0) return "an implausible amount";
    if (!readableNumber(fact.fragment, amount)) return "an amount not in its fragment";
    return currencyNamed(fact.fragment, currency) ? null : "a currency not in its fragment";
  });
  const timelineDays = accept("timelineDays", output.timelineDays, (fact) => {
    if (!Number.isFinite(fact.value) || fact.value < 0 || fact.value > 3650) return "an implausible timeline";
    return readableTimeline(fact.fragment, fact.value) ? null : "a timeline not in its fragment";
  });

  const tools: Fact[] = [];
  output.tools.forEach((tool, i) => {
    const fact = accept(`tools.${i}`, tool, (t) =>
      normalise(t.value) && normalise(t.fragment).includes(normalise(t.value)) ? null : "a tool not named in its fragment",
    );
    if (fact) tools.push(fact);
  });
  for (const tool of baseline.tools) if (!tools.some((t) => normalise(t.value) === normalise(tool.value))) tools.push(tool);

  const emailDomain = identity.email ? (identity.email.value.split("@")[1]?.toLowerCase() ?? null) : null;
  return {
    dropped,
    facts: {
      identity,
      emailDomain,
      freeEmail: emailDomain !== null && input.freeEmailDomains.some((d) => emailDomain === d || emailDomain.endsWith(`.${d}`)),
      need: needInTheirWords ?? baseline.need,
      // The basis is the model's own words and a person reads it: short, and never a message to them.
      intent: { value: output.intent.value, basis: usableNote(output.intent.basis, input.isInstruction) ?? baseline.intent.basis },
      timelineDays: timelineDays ?? baseline.timelineDays,
      employees: employees ?? baseline.employees,
      monthlyLeads: monthlyLeads ?? baseline.monthlyLeads,
      budget: budget ?? baseline.budget,
      tools,
      language: baseline.language,
      leadText: baseline.leadText,
    },
  };
}

const emailPattern = /^[^\s@<>()"]+@[^\s@<>()"]+\.[\p{L}]{2,}$/u;

// Numbers spelled out ("eighty people", "a hundred leads") cannot be parsed reliably; their presence is
// enough. A digit in the fragment, though, has to be the value (or its thousands: "20k", "20 mil").
const numberWords =
  /\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozen|uno|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|doce|quince|veinte|treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|noventa|cien|ciento|cientos|mil|docena)\b/iu;
const timeWords =
  /\b(today|tonight|tomorrow|asap|urgent\w*|immediately|right away|soon|days?|week\w*|month\w*|quarter\w*|year\w*|q[1-4]|deadline|monday|tuesday|wednesday|thursday|friday|january|february|march|april|may|june|july|august|september|october|november|december|hoy|mañana|urgente|cuanto antes|d[ií]as?|semana\w*|mes|meses|trimestre|año|lunes|martes|miércoles|jueves|viernes|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)\b/iu;

function numbersIn(fragment: string): number[] {
  const found: number[] = [];
  for (const match of fragment.matchAll(/\d[\d.,]*(?:\s?(?:k|m|mil)\b)?/giu)) {
    const value = parseAmount(match[0].replace(/\s/g, "").replace(/[.,]$/, ""));
    if (value !== null) found.push(value);
  }
  const scale = /\b(thousand|mil)\b/iu.test(fragment) ? [1, 1_000] : /\b(million|mill[oó]n|millones)\b/iu.test(fragment) ? [1, 1_000_000] : [1];
  return found.flatMap((n) => scale.map((s) => n * s));
}

function readableNumber(fragment: string, value: number): boolean {
  const numbers = numbersIn(fragment);
  if (numbers.length) return numbers.some((n) => Math.abs(n - value) < 1e-9);
  return numberWords.test(fragment);
}

function readableTimeline(fragment: string, days: number): boolean {
  const numbers = numbersIn(fragment);
  if (numbers.length && !timeWords.test(fragment)) return false;
  if (numbers.length) return numbers.some((n) => [1, 7, 30, 31, 90, 365].some((unit) => n * unit === days)) || numberWords.test(fragment);
  return timeWords.test(fragment);
}

const currencyMarks: Record<string, RegExp> = {
  USD: /\$|\b(usd|dollars?|d[oó]lares)\b/iu,
  EUR: /€|\b(eur|euros?)\b/iu,
  GBP: /£|\b(gbp|pounds?|libras?)\b/iu,
};

function currencyNamed(fragment: string, currency: string): boolean {
  const code = currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) return false;
  return currencyMarks[code]?.test(fragment) || new RegExp(`\\b${code}\\b`, "i").test(fragment);
}

function usableNote(text: string, isInstruction: (text: string) => boolean): string | null {
  const note = text.replace(/\s+/g, " ").trim();
  return note && note.length <= 300 && !isInstruction(note) ? note : null;
}

function normalise(text: string): string {
  return text.normalize("NFC").replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, " ").trim().toLowerCase();
}

function squash(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\p{L}\d]/gu, "");
}

function digits(text: string): string {
  return text.replace(/\D/g, "");
}
