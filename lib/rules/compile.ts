import { z } from "zod";
import { ruleSetSchema, signalPatterns, type Condition, type Rule, type RuleSet } from "@/lib/rules/schema";

export type SignalMatch = { id: string; family: string; label: string; fragment: string };
export type Evidence = { source: string; fragment: string };
export type FeatureValue = { value: boolean; evidence: Evidence[] };

/** Facts the extractor computes; a rule set may name these besides its own signals and features. */
export const extractedFeatures = [
  "business",
  "companyStated",
  "freeEmail",
  "shouting",
  "volume",
  "urgentTimeline",
  "sensitiveAction",
  "needStated",
  "missingCritical",
  "missingEmail",
  "missingCompany",
  "missingNeed",
] as const;
export type ExtractedFeature = (typeof extractedFeatures)[number];

export type CompiledRuleSet = {
  version: number;
  ruleSet: RuleSet;
  detectSignals: (input: { text: string; email: string | null }) => SignalMatch[];
  /** Whether any text-signal of one family matches: cheaper than detectSignals for a single question. */
  hasFamily: (text: string, family: string) => boolean;
  deriveFeatures: (base: Record<string, FeatureValue>) => Record<string, FeatureValue>;
  evaluateCondition: (condition: Condition, features: Record<string, FeatureValue>) => FeatureValue;
};

export class RuleSetError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid rule set: ${problems.join("; ")}`);
    this.name = "RuleSetError";
  }
}

type CompiledSignal = { id: string; family: string; label: string; target: "text" | "email"; patterns: RegExp[] };

/**
 * Validates a rule set and compiles its patterns once. Every name a condition uses must exist
 * (an extracted fact, a signal family or id, or a feature defined earlier), so a typo fails at
 * publish time instead of silently never matching.
 */
export function compileRuleSet(raw: unknown, version: number): CompiledRuleSet {
  const parsed = ruleSetSchema.safeParse(raw);
  if (!parsed.success) throw new RuleSetError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  const ruleSet = parsed.data;
  const problems: string[] = [];

  const signals: CompiledSignal[] = Object.entries(ruleSet.signals).map(([id, definition]) => ({
    id,
    family: id.split(".")[0]!,
    label: definition.label,
    target: definition.target,
    patterns: combine(id, signalPatterns(definition), problems),
  }));

  const known = new Set<string>([...extractedFeatures, ...signals.map((s) => s.id), ...signals.map((s) => s.family)]);
  const featureOrder = dependencyOrder(ruleSet.features, problems);
  for (const [name, condition] of featureOrder) {
    checkNames(condition, known, `features.${name}`, problems);
    known.add(name);
  }
  const ruleIds = new Set<string>();
  ruleSet.rules.forEach((rule, i) => {
    // Metrics and the dashboard's links name rules by id: two rules with one id would share a record.
    if (ruleIds.has(rule.id)) problems.push(`rules.${i} (${rule.id}).id: another rule already has the id "${rule.id}"`);
    ruleIds.add(rule.id);
    checkRule(rule, known, `rules.${i} (${rule.id})`, problems);
  });
  if (problems.length) throw new RuleSetError(problems);

  const evaluateCondition = (condition: Condition, features: Record<string, FeatureValue>): FeatureValue => evaluate(condition, features);

  return {
    version,
    ruleSet,
    detectSignals: ({ text, email }) => detect(signals, text, email),
    hasFamily: (text, family) =>
      signals.some((signal) => signal.family === family && signal.target === "text" && signal.patterns.some((p) => findMatch(p, text) !== null)),
    deriveFeatures: (base) => {
      const features = { ...base };
      for (const [name, condition] of featureOrder) features[name] = evaluate(condition, features);
      return features;
    },
    evaluateCondition,
  };
}

export type RuleSetValidation = { ok: true } | { ok: false; problems: string[] };

export function validateRuleSet(raw: unknown): RuleSetValidation {
  try {
    compileRuleSet(raw, 0);
    return { ok: true };
  } catch (error) {
    if (error instanceof RuleSetError) return { ok: false, problems: error.problems };
    if (error instanceof z.ZodError) return { ok: false, problems: error.issues.map((i) => i.message) };
    throw error;
  }
}

/**
 * A signal's patterns become one alternation, so the lead's text is scanned once per signal, not
 * once per pattern. Unicode mode only where a pattern needs it (\p{…}, \u{…}): V8 runs
 * case-insensitive Unicode regexes about ten times slower.
 */
function combine(id: string, sources: { source: string; path: string }[], problems: string[]): RegExp[] {
  const valid = sources
    .filter(({ source, path }) => {
      // Patterns are joined into one alternation, where a numbered backreference would point elsewhere.
      if (/\\[1-9]/.test(source)) {
        problems.push(`signals.${id}.${path}: backreferences (\\1…) are not supported`);
        return false;
      }
      try {
        new RegExp(source, "u");
        return true;
      } catch (error) {
        problems.push(`signals.${id}.${path}: ${(error as Error).message}`);
        return false;
      }
    })
    .map(({ source }) => source);
  const plain = valid.filter((s) => !/\\[pPu]\{/.test(s));
  const unicode = valid.filter((s) => /\\[pPu]\{/.test(s));
  return [
    ...(plain.length ? [new RegExp(plain.map((s) => `(?:${s})`).join("|"), "gi")] : []),
    ...(unicode.length ? [new RegExp(unicode.map((s) => `(?:${s})`).join("|"), "giu")] : []),
  ];
}

function evaluate(condition: Condition, features: Record<string, FeatureValue>): FeatureValue {
  if (typeof condition === "boolean") return { value: condition, evidence: [] };
  if (typeof condition === "string") return features[condition] ?? { value: false, evidence: [] };
  if ("not" in condition) return { value: !evaluate(condition.not, features).value, evidence: [] };
  if ("atLeast" in condition) {
    const matched = condition.of.map((c) => evaluate(c, features)).filter((p) => p.value);
    const value = matched.length >= condition.atLeast;
    return { value, evidence: value ? matched.flatMap((p) => p.evidence) : [] };
  }
  const parts = ("all" in condition ? condition.all : condition.any).map((c) => evaluate(c, features));
  if ("all" in condition) {
    const value = parts.every((p) => p.value);
    return { value, evidence: value ? parts.flatMap((p) => p.evidence) : [] };
  }
  const matched = parts.filter((p) => p.value);
  return { value: matched.length > 0, evidence: matched.flatMap((p) => p.evidence) };
}

function detect(signals: CompiledSignal[], text: string, email: string | null): SignalMatch[] {
  const matches: SignalMatch[] = [];
  for (const signal of signals) {
    const haystack = signal.target === "email" ? (email ?? "") : text;
    if (!haystack) continue;
    for (const pattern of signal.patterns) {
      pattern.lastIndex = 0;
      const found = findMatch(pattern, haystack);
      if (found) {
        matches.push({
          id: signal.id,
          family: signal.family,
          label: signal.label,
          fragment: signal.target === "email" ? haystack : sentenceAround(haystack, found.index, found.length),
        });
        break;
      }
    }
  }
  return matches;
}

// A run of digits long enough to be a card number counts only if its check digit is right:
// order numbers and phone numbers are not sensitive data.
// exec on the compiled (global) pattern itself: matchAll would copy the regular expression on every
// call, and triage calls this for every signal of every lead.
function findMatch(pattern: RegExp, text: string): { index: number; length: number } | null {
  pattern.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) {
    if (match[0].length === 0) pattern.lastIndex++;
    const digits = match[0].replace(/[ -]/g, "");
    if (/^\d{13,19}$/.test(digits) && !luhnValid(digits)) continue;
    pattern.lastIndex = 0;
    return { index: match.index, length: match[0].length };
  }
  pattern.lastIndex = 0;
  return null;
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The sentence (or line) a match sits in: the evidence a person reads. */
export function sentenceAround(text: string, index: number, length: number): string {
  const before = text.slice(0, index);
  const startCandidates = [before.lastIndexOf(". "), before.lastIndexOf("? "), before.lastIndexOf("! "), before.lastIndexOf("\n")];
  const start = Math.max(...startCandidates) + 1;
  const rest = text.slice(index + length);
  const ends = [rest.search(/[.?!](\s|$)/), rest.indexOf("\n")].filter((i) => i >= 0);
  const end = ends.length ? index + length + Math.min(...ends) + 1 : text.length;
  const sentence = text.slice(start, end).trim();
  return sentence.length > 240 ? text.slice(Math.max(index - 100, 0), index + length + 100).trim() : sentence;
}

function checkRule(rule: Rule, known: Set<string>, where: string, problems: string[]) {
  checkNames(rule.when, known, `${where}.when`, problems);
  if (Array.isArray(rule.priority)) rule.priority.forEach((p, i) => p.when !== undefined && checkNames(p.when, known, `${where}.priority.${i}`, problems));
  rule.reasons.forEach((r, i) => {
    if (r.when !== undefined) checkNames(r.when, known, `${where}.reasons.${i}.when`, problems);
    if (r.evidence !== undefined) checkNames(r.evidence, known, `${where}.reasons.${i}.evidence`, problems);
  });
  if ((rule.decision === "filter" || rule.decision === "act") && rule.priority !== null) problems.push(`${where}: ${rule.decision} has no priority (use null)`);
  if (rule.decision === "ask" && rule.priority !== "nurture") problems.push(`${where}: ask is always nurture`);
}

/**
 * Derived features in an order where each comes after the ones it names. Stored as jsonb, the
 * features object does not keep the order it was written in, so the order is worked out here.
 */
function dependencyOrder(features: Record<string, Condition>, problems: string[]): [string, Condition][] {
  const ordered: [string, Condition][] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string, path: string[]) => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "visiting") {
      problems.push(`features.${name}: depends on itself (${[...path.slice(path.indexOf(name)), name].join(" → ")})`);
      return;
    }
    state.set(name, "visiting");
    for (const used of namesIn(features[name]!)) if (used in features) visit(used, [...path, name]);
    state.set(name, "done");
    ordered.push([name, features[name]!]);
  };
  for (const name of Object.keys(features)) visit(name, []);
  return ordered;
}

function namesIn(condition: Condition): string[] {
  if (typeof condition === "boolean") return [];
  if (typeof condition === "string") return [condition];
  if ("not" in condition) return namesIn(condition.not);
  if ("atLeast" in condition) return condition.of.flatMap(namesIn);
  return ("all" in condition ? condition.all : condition.any).flatMap(namesIn);
}

function checkNames(condition: Condition, known: Set<string>, where: string, problems: string[]) {
  if (typeof condition === "boolean") return;
  if (typeof condition === "string") {
    if (!known.has(condition)) problems.push(`${where}: unknown feature or signal "${condition}"`);
    return;
  }
  if ("not" in condition) return checkNames(condition.not, known, where, problems);
  if ("atLeast" in condition) {
    if (condition.atLeast > condition.of.length) problems.push(`${where}: at least ${condition.atLeast} of ${condition.of.length} conditions can never hold`);
    for (const c of condition.of) checkNames(c, known, where, problems);
    return;
  }
  for (const c of "all" in condition ? condition.all : condition.any) checkNames(c, known, where, problems);
}
