import { z } from "zod";
import { fold, foldKeepingSymbols, stem, stopWords, typoAllowance, editDistance, words } from "@/lib/knowledge/text";

// The topics the agent never answers itself (the limits, an admin setting with this
// default). A question on one of them is refused with "a person will answer" BEFORE any article is
// looked at, so no article, however close, can answer it. Terms are folded words or phrases, either
// language; `patterns` are regular expressions on the folded question for what words alone miss
// ("deliver by 1 March").

export const neverAnswerTopicIds = ["prices", "discounts", "legal", "guarantees", "commitments"] as const;
export type NeverAnswerTopicId = (typeof neverAnswerTopicIds)[number];

export const neverAnswerTopicSchema = z.object({
  id: z.enum(neverAnswerTopicIds),
  enabled: z.boolean(),
  terms: z.array(z.string().trim().min(1).max(80)).max(300),
  patterns: z.array(z.string().max(200)).max(30).default([]),
});
export type NeverAnswerTopic = z.infer<typeof neverAnswerTopicSchema>;

export const defaultNeverAnswerTopics: readonly NeverAnswerTopic[] = [
  {
    id: "prices",
    enabled: true,
    terms: [
      "price",
      "prices",
      "pricing",
      "priced",
      "cost",
      "costs",
      "costing",
      "how much",
      "fee",
      "fees",
      "rate",
      "rates",
      "hourly rate",
      "day rate",
      "quote",
      "quotes",
      "quotation",
      "budget",
      "budgets",
      "invoice",
      "invoicing",
      "billing",
      "billed",
      "payment",
      "payments",
      "pay",
      "paid",
      "expensive",
      "cheap",
      "cheaper",
      "afford",
      "affordable",
      "subscription",
      "per seat",
      "per user",
      "plans and pricing",
      "euros",
      "eur",
      "dollars",
      "usd",
      "charge",
      "charges",
      "retainer",
      "tariff",
      "precio",
      "precios",
      "cuesta",
      "cuestan",
      "costo",
      "costos",
      "coste",
      "costes",
      "cuanto vale",
      "cuanto valen",
      "cuanto cobrais",
      "cobrais",
      "cobran",
      "cobrar",
      "tarifa",
      "tarifas",
      "presupuesto",
      "presupuestos",
      "cotizacion",
      "cotizar",
      "factura",
      "facturas",
      "facturacion",
      "pago",
      "pagos",
      "pagar",
      "caro",
      "cara",
      "barato",
      "barata",
      "economico",
      "suscripcion",
      "cuota",
      "mensualidad",
      "honorarios",
    ],
    patterns: ["\\d+\\s*(?:€|eur|euros|usd|dollars|dolares|\\$)", "\\$\\s*\\d"],
  },
  {
    id: "discounts",
    enabled: true,
    terms: [
      "discount",
      "discounts",
      "discounted",
      "coupon",
      "coupons",
      "promo",
      "promo code",
      "promotion",
      "special offer",
      "better deal",
      "best deal",
      "lower price",
      "price match",
      "startup rate",
      "nonprofit rate",
      "descuento",
      "descuentos",
      "rebaja",
      "rebajas",
      "promocion",
      "cupon",
      "oferta especial",
      "precio especial",
      "mejor precio",
      "rebajar",
    ],
    patterns: [],
  },
  {
    id: "legal",
    enabled: true,
    terms: [
      "contract",
      "contracts",
      "contractual",
      "nda",
      "ndas",
      "non disclosure",
      "dpa",
      "data processing agreement",
      "agreement",
      "liability",
      "liable",
      "sla",
      "slas",
      "penalty",
      "penalties",
      "exclusivity",
      "exclusive",
      "terms and conditions",
      "terms of service",
      "legal",
      "lawyer",
      "lawyers",
      "clause",
      "clauses",
      "indemnity",
      "indemnification",
      "jurisdiction",
      "warranty",
      "warranties",
      "refund",
      "refunds",
      "cancel",
      "cancellation",
      "terminate",
      "termination",
      "notice period",
      "intellectual property",
      "ownership of the code",
      "contrato",
      "contratos",
      "contractual",
      "acuerdo de confidencialidad",
      "confidencialidad",
      "encargado del tratamiento",
      "responsabilidad",
      "penalizacion",
      "penalizaciones",
      "exclusividad",
      "exclusiva",
      "clausula",
      "clausulas",
      "legal",
      "legales",
      "abogado",
      "abogados",
      "terminos y condiciones",
      "condiciones",
      "indemnizacion",
      "jurisdiccion",
      "reembolso",
      "reembolsos",
      "devolucion",
      "cancelar",
      "cancelacion",
      "rescindir",
      "rescision",
      "preaviso",
      "propiedad intelectual",
    ],
    patterns: [],
  },
  {
    id: "guarantees",
    enabled: true,
    terms: [
      "guarantee",
      "guarantees",
      "guaranteed",
      "guaranty",
      "promise results",
      "ensure results",
      "roi",
      "return on investment",
      "double our",
      "increase our sales by",
      "more sales guaranteed",
      "money back",
      "results guaranteed",
      "garantia",
      "garantias",
      "garantizado",
      "garantizais",
      "garantizan",
      "garantizar",
      "garantiza",
      "asegurais resultados",
      "aseguran resultados",
      "asegurar resultados",
      "retorno de la inversion",
      "duplicar",
      "devolucion del dinero",
      "prometeis",
      "prometen",
    ],
    patterns: ["\\b(?:increase|boost|grow|double|triple|aumentar|duplicar|subir)\\b.*\\b\\d+\\s*(?:%|percent|por ciento)"],
  },
  {
    id: "commitments",
    enabled: true,
    terms: [
      "commit",
      "commits",
      "committed",
      "commitment",
      "commitments",
      "promise",
      "promised",
      "deadline",
      "custom sla",
      "dedicated team",
      "exclusively for us",
      "24 7 support",
      "round the clock",
      "comprometerse",
      "comprometeis",
      "comprometen",
      "compromiso",
      "compromisos",
      "prometer",
      "fecha limite",
      "equipo dedicado",
      "dedicacion exclusiva",
    ],
    patterns: [
      "\\b(?:deliver|delivered|launch|launched|ready|finish|finished|done|live|have it)\\b.{0,30}\\b(?:by|before)\\b.{0,20}\\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|next week|end of|january|february|march|april|may|june|july|august|september|october|november|december|\\d)",
      "\\b(?:entregar|entregado|entregarlo|listo|lista|terminar|terminado|lanzar|tenerlo)\\b.{0,30}\\b(?:para|antes)\\b.{0,20}\\b(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo|manana|la semana que viene|final de|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|\\d)",
    ],
  },
];

export type NeverAnswerMatch = { topic: NeverAnswerTopicId; evidence: string };

export type CompiledTopic = { id: NeverAnswerTopicId; phrases: string[][]; patterns: RegExp[] };

export function compileLimits(topics: readonly NeverAnswerTopic[]): CompiledTopic[] {
  return topics
    .filter((t) => t.enabled)
    .map((t) => ({
      id: t.id,
      phrases: t.terms.map((term) => words(term).map(stem)).filter((p) => p.length > 0),
      patterns: t.patterns.map((p) => new RegExp(p, "u")),
    }));
}

const defaultCompiled = compileLimits(defaultNeverAnswerTopics);

/**
 * The first never-answer topic a question touches, or null. Words match by stem, and a word the
 * knowledge base does not know may be a misspelling of a topic word ("pricce", "descuneto");
 * `knownWords` (the index's vocabulary) keeps real words from being read as typos.
 */
export function detectNeverAnswer(question: string, options: { knownWords?: ReadonlySet<string>; topics?: CompiledTopic[] } = {}): NeverAnswerMatch | null {
  const folded = fold(question);
  const tokens = folded ? folded.split(" ").map(stem) : [];
  for (const topic of options.topics ?? defaultCompiled) {
    for (const pattern of topic.patterns) {
      const found = foldKeepingSymbols(question).match(pattern) ?? folded.match(pattern);
      if (found) return { topic: topic.id, evidence: found[0] };
    }
    for (const phrase of topic.phrases) {
      const at = findPhrase(tokens, phrase, options.knownWords);
      if (at !== null) return { topic: topic.id, evidence: phrase.join(" ") };
    }
  }
  return null;
}

function findPhrase(tokens: string[], phrase: string[], known: ReadonlySet<string> | undefined): number | null {
  outer: for (let i = 0; i + phrase.length <= tokens.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (!sameWord(tokens[i + j]!, phrase[j]!, known)) continue outer;
    return i;
  }
  return null;
}

function sameWord(token: string, term: string, known: ReadonlySet<string> | undefined): boolean {
  if (token === term) return true;
  if (stopWords.has(token) || known?.has(token) || commonWords.has(token)) return false;
  const allowance = typoAllowance(Math.min(token.length, term.length));
  return allowance > 0 && token[0] === term[0] && editDistance(token, term, allowance) <= allowance;
}

// Real words one typo away from a topic word, never read as it ("contact" is not "contract").
const commonWords = new Set(
  [
    "contact",
    "contacto",
    "contacta",
    "contactar",
    "content",
    "contenido",
    "cast",
    "post",
    "coast",
    "legacy",
    "comment",
    "comentario",
    "promote",
    "prompt",
    "control",
    "contrast",
    "customer",
    "custom",
    "castellano",
    "paso",
    "pasos",
    "caso",
    "casos",
    "cosas",
    "costa",
    "fase",
    "base",
  ].map(stem),
);

/** What an admin saves: each topic on or off, and extra words or phrases that name it. */
export type LimitSetting = { id: string; enabled: boolean; extraTerms: string[] };

/** The limits in force: the shipped topics, as the admin set them (all on, no extra words, when nothing is saved). */
export function limitsFromSettings(settings: readonly LimitSetting[] | null): NeverAnswerTopic[] {
  return defaultNeverAnswerTopics.map((topic) => {
    const saved = settings?.find((s) => s.id === topic.id);
    return saved ? { ...topic, enabled: saved.enabled, terms: [...topic.terms, ...saved.extraTerms] } : { ...topic };
  });
}

export const topicLabels: Record<NeverAnswerTopicId, string> = {
  prices: "Prices and quotes",
  discounts: "Discounts",
  legal: "Contract and legal terms",
  guarantees: "Guarantees of results",
  commitments: "Custom commitments",
};

const extraTermsField = (label: string) =>
  z
    .string()
    .max(4_000, `${label}: at most 4,000 characters`)
    .default("")
    .transform((text) => [
      ...new Set(
        text
          .split(/[,\n]/)
          .map((t) => fold(t))
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(z.string().max(80, `${label}: each word or phrase at most 80 characters`)).max(100, `${label}: at most 100 words or phrases`));

/**
 * The limits form: `<topic>_enabled` (a checkbox) and `<topic>_extra` (words or phrases, comma- or
 * line-separated). An unchecked box sends nothing, so the form says it is the whole form (`form`):
 * an empty or partial post is refused rather than read as "every topic off".
 */
export const limitsFormSchema = z
  .object(
    Object.fromEntries([
      ["form", z.literal("limits", { error: "Limits: the form was incomplete; reload the page and save again" })],
      ...neverAnswerTopicIds.flatMap((id) => [
        [`${id}_enabled`, z.union([z.literal("on"), z.literal("true"), z.literal("")]).optional()],
        [`${id}_extra`, extraTermsField(topicLabels[id])],
      ]),
    ]) as Record<string, z.ZodType>,
  )
  .transform((form): LimitSetting[] =>
    neverAnswerTopicIds.map((id) => ({
      id,
      enabled: form[`${id}_enabled`] === "on" || form[`${id}_enabled`] === "true",
      extraTerms: (form[`${id}_extra`] as string[] | undefined) ?? [],
    })),
  );
