import type { Fact } from "@/lib/agent/facts";
import { splitSentences } from "@/lib/agent/lead-text";

const wordNumbers: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  a: 1,
  an: 1,
  un: 1,
  una: 1,
  uno: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
  doce: 12,
  quince: 15,
  veinte: 20,
  treinta: 30,
};
// "500+" counts as 500: a floor is a number too.
const numberWord = `(?:\\d[\\d.,]*k?\\+?|${Object.keys(wordNumbers).join("|")})`;

/**
 * "1.200" and "1,200" are twelve hundred (a separator followed by exactly three digits);
 * "4.5" is four and a half; "25k" is 25,000; "three" is 3.
 */
export function parseAmount(raw: string): number | null {
  const text = raw.trim().toLowerCase().replace(/\+$/, "");
  const word = wordNumbers[text];
  if (word !== undefined) return word;
  const match = /^(\d[\d.,]*)\s*(k|m|mil)?$/.exec(text);
  if (!match) return null;
  let digits = match[1]!.replace(/[.,]$/, "");
  digits = /^\d{1,3}([.,]\d{3})+$/.test(digits) ? digits.replace(/[.,]/g, "") : digits.replace(",", ".");
  const value = Number(digits);
  if (!Number.isFinite(value)) return null;
  const scale = match[2] === "k" || match[2] === "mil" ? 1_000 : match[2] === "m" ? 1_000_000 : 1;
  return value * scale;
}

/** "51-200" → 51 (the form's lower bound), "1000+" → 1000, "300" → 300. */
export function parseRangeLowerBound(raw: string): number | null {
  const match = /(\d[\d.,]*)/.exec(raw);
  return match ? parseAmount(match[1]!) : null;
}

const employeePatterns = [
  new RegExp(`\\b(${numberWord})[- ](?:person|people|employee|staff|strong)\\b`, "gi"),
  // Sales headcount is a floor for company size.
  new RegExp(`\\b(${numberWord})\\s+(?:sales ?people|salespeople|sales reps|reps|SDRs|account executives|comerciales|vendedores)\\b`, "gi"),
  new RegExp(`\\b(${numberWord})\\s+(?:employees|people|staff|empleados|personas|trabajadores|colaboradores)\\b`, "gi"),
  new RegExp(`\\bteam of (${numberWord})\\b`, "gi"),
  new RegExp(
    `\\b(?:staff|headcount|head count|workforce|plantilla) (?:of|is|de|es)(?: around| about| roughly| approximately| ~| unas?| de unas?)? (${numberWord})`,
    "gi",
  ),
  new RegExp(`\\b(${numberWord}) of us\\b`, "gi"),
  new RegExp(`\\bequipo de (${numberWord})\\b`, "gi"),
];
// A range counts from its lower end: "200-500 employees", "between 200 and 300 people", "entre 200 y 300 empleados".
const employeeRange = new RegExp(
  `\\b(?:between |entre )?(\\d[\\d.,]*)\\s*(?:-|–|to|and|y|a)\\s*\\d[\\d.,]*\\s+(?:employees|people|staff|empleados|personas|trabajadores)\\b`,
  "i",
);

/**
 * The head count of the first sentence that gives one. Within that sentence the largest count wins:
 * "about 250 employees with 18 sales reps" is a company of 250, the reps a part of it.
 */
export function findEmployees(text: string): Fact<number> | null {
  for (const sentence of splitSentences(text)) {
    const range = employeeRange.exec(sentence);
    const lower = range ? parseAmount(range[1]!) : null;
    if (lower !== null && lower >= 1) return { value: lower, fragment: sentence, confirmed: true, basis: "the lower end of the range they gave" };
    let best: number | null = null;
    for (const pattern of employeePatterns) {
      pattern.lastIndex = 0;
      let match: RegExpExecArray | null;
      while ((match = pattern.exec(sentence)) !== null) {
        const value = parseAmount(match[1]!);
        if (value !== null && value >= 1 && value < 10_000_000 && (best === null || value > best)) best = value;
      }
    }
    if (best !== null) return { value: best, fragment: sentence, confirmed: true };
  }
  return null;
}

const leadUnit = "(?:leads?|inquiries|enquiries|sign-?ups|requests|contacts|prospects|solicitudes|consultas|contactos|registros)";
const monthlyLeadPatterns = [
  new RegExp(`\\b(${numberWord})\\s+(?:[\\p{L}-]+\\s+){0,3}?${leadUnit}\\s*(?:/\\s*|\\s(?:a|per|each|every)\\s+)(?:month|mo)\\b`, "iu"),
  new RegExp(`\\b(${numberWord})\\s+(?:[\\p{L}-]+\\s+){0,3}?${leadUnit}\\s+(?:mensuales|al mes|por mes|cada mes)`, "iu"),
  new RegExp(`\\b(${numberWord})\\s+(?:[\\p{L}-]+\\s+){0,2}?${leadUnit}\\s+monthly\\b`, "iu"),
  new RegExp(`\\b(${numberWord})\\s+monthly\\s+(?:[\\p{L}-]+\\s+){0,2}?${leadUnit}`, "iu"),
];

export function findMonthlyLeads(text: string): Fact<number> | null {
  return firstNumberFact(text, monthlyLeadPatterns, (n) => n >= 1 && n < 100_000_000);
}

const currencySymbols: Record<string, string> = {
  $: "USD",
  "€": "EUR",
  "£": "GBP",
  usd: "USD",
  eur: "EUR",
  gbp: "GBP",
  dollars: "USD",
  euros: "EUR",
  pounds: "GBP",
  dólares: "USD",
};
const budgetWords =
  /\b(budget|set aside|to spend|invest|allocated|approved|earmarked|available for|presupuesto|invertir|aprobad[oa]s?|dispuestos a gastar)\b/iu;

/** A sum of money in a sentence about budget, with its currency (a bare percentage is not a budget). */
export function findBudget(text: string): Fact<{ amount: number; currency: string }> | null {
  const money =
    /(?:([$€£]|\b(?:usd|eur|gbp)\b)\s?(\d[\d.,]*\s?(?:k|m)?)|(\d[\d.,]*\s?(?:k|m|mil)?)\s?(usd|eur|gbp|dollars|euros|pounds|dólares|[$€£]))(?![\d%])/giu;
  for (const sentence of splitSentences(text)) {
    if (!budgetWords.test(sentence)) continue;
    for (const match of sentence.matchAll(money)) {
      const amount = parseAmount((match[2] ?? match[3])!.replace(/\s/g, ""));
      const currency = currencySymbols[(match[1] ?? match[4])!.toLowerCase()];
      if (amount && currency) return { value: { amount, currency }, fragment: sentence, confirmed: true };
    }
  }
  return null;
}

/** How many days until the lead wants it: "in three weeks" → 21, "este mes" → 30, "next year" → 365. */
export function findTimelineDays(text: string): Fact<number> | null {
  const units: Record<string, number> = {
    day: 1,
    days: 1,
    week: 7,
    weeks: 7,
    month: 30,
    months: 30,
    día: 1,
    días: 1,
    dia: 1,
    dias: 1,
    semana: 7,
    semanas: 7,
    mes: 30,
    meses: 30,
  };
  const counted = new RegExp(
    `\\b(?:in|within|under|next|en|dentro de|en menos de|próximas?|proximas?)\\s+(?:the\\s+|las\\s+|los\\s+)?(${numberWord})\\s+(days?|weeks?|months?|días|dias|d[ií]a|semanas?|mes(?:es)?)\\b`,
    "iu",
  );
  const fixed: [RegExp, number][] = [
    [/\b(today|hoy)\b/iu, 0],
    [/\b(tomorrow|mañana)\b/iu, 1],
    [/\b(this week|esta semana)\b/iu, 7],
    [/\b(on|by|next|this|el|este) (monday|tuesday|wednesday|thursday|friday|lunes|martes|miércoles|jueves|viernes)\b/iu, 7],
    // "Next week" is within the next seven days or so: the lead means soon, not a fortnight.
    [/\b(next week|la (semana )?pr[oó]xima semana|la semana que viene)\b/iu, 7],
    [/\b(a|one|in a|within a) fortnight\b/iu, 14],
    [/\b(this month|este mes|end of (the )?month|fin de mes|finales de mes)\b/iu, 30],
    [/\b(next month|el (pr[oó]ximo )?mes (que viene|pr[oó]ximo))\b/iu, 60],
    [/\b(this quarter|next quarter|este trimestre|el pr[oó]ximo trimestre)\b/iu, 90],
    [/\b(next year|el año que viene|el pr[oó]ximo año)\b/iu, 365],
  ];
  let best: Fact<number> | null = null;
  for (const sentence of splitSentences(text)) {
    const candidates: number[] = [];
    const match = counted.exec(sentence);
    if (match) {
      const n = parseAmount(match[1]!);
      const unit = units[match[2]!.toLowerCase()] ?? (match[2]!.toLowerCase().startsWith("mes") ? 30 : null);
      if (n !== null && unit !== null) candidates.push(n * unit);
    }
    for (const [pattern, days] of fixed) if (pattern.test(sentence)) candidates.push(days);
    if (candidates.length === 0) continue;
    const days = Math.min(...candidates);
    if (!best || days < best.value) best = { value: days, fragment: sentence, confirmed: true };
  }
  return best;
}

function firstNumberFact(text: string, patterns: RegExp[], plausible: (n: number) => boolean): Fact<number> | null {
  for (const sentence of splitSentences(text)) {
    for (const pattern of patterns) {
      const match = pattern.exec(sentence);
      if (!match) continue;
      const value = parseAmount(match[1]!);
      if (value !== null && plausible(value)) return { value, fragment: sentence, confirmed: true };
    }
  }
  return null;
}
