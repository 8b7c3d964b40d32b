import { intakeEventSchema, type IntakeEvent } from "@/lib/contract/intake";
import { scenarios, type Cue, type Language, type Scenario } from "./corpus-scenarios";

export const CORPUS_SIZE = 320;
const RECEIVED_AT = "2026-11-24T08:30:00Z";

export type CorpusEntry = {
  scenario: string;
  language: Language;
  /** What a sender posts (HubSpot's field list stays a list): the HTTP body. */
  input: Record<string, unknown>;
  /** The same event as the endpoint's schema parses it: what triage() and the intake row see. */
  event: IntakeEvent;
};

/**
 * A few hundred distinct intake events, the same on every run (a seeded generator): every scenario
 * of the default rules, in English and Spanish, over forms, landing pages, chat and email, with
 * people, companies, numbers and phrasing varied. `mark` is put where it makes a lead unique (the
 * email's domain or mailbox) without changing what triage reads, so a load test can stamp every
 * request as a new lead and company instead of 32 connections fighting over the same few rows.
 */
export function buildCorpus(options: { size?: number; mark?: string } = {}): CorpusEntry[] {
  const random = seededRandom(20_261_124);
  const mark = options.mark ?? "";
  const entries: CorpusEntry[] = [];
  for (let i = 0; i < (options.size ?? CORPUS_SIZE); i++) {
    const scenario = scenarios[i % scenarios.length];
    const language: Language = random() < 0.6 ? "en" : "es";
    const channel =
      scenario!.identity === "none" ? pick(random, ["chat", "form"] as const) : pick(random, ["form", "form", "landing_page", "chat", "email"] as const);
    const person = pick(random, people[language]);
    const company = pick(random, companies[language]);
    const cue: Cue = {
      company: company.name,
      first: person.first,
      employees: 50 + Math.floor(random() * 1_950),
      monthlyLeads: 300 + Math.floor(random() * 4_700),
      budget: 15_000 + Math.floor(random() * 65) * 1_000,
      crm: pick(random, ["HubSpot", "Pipedrive", "Salesforce"]),
    };
    const text = pick(random, scenario!.text[language])(cue);
    const email = emailFor(scenario!, person, company, mark, random);
    const input = assemble({ index: i, channel, language, scenario: scenario!, person, company, email, text, cue, random });
    entries.push({ scenario: scenario!.name, language, input, event: intakeEventSchema.parse(input) });
  }
  return entries;
}

type Person = { first: string; last: string };
type Company = { name: string; label: string; tld: string };
type Channel = "form" | "landing_page" | "chat" | "email";

function assemble(p: {
  index: number;
  channel: Channel;
  language: Language;
  scenario: Scenario;
  person: Person;
  company: Company;
  email: string | null;
  text: string;
  cue: Cue;
  random: () => number;
}): Record<string, unknown> {
  const { channel, language, scenario, person, company, email, text, random } = p;
  const business = scenario.identity === "business";
  const es = language === "es";
  const campaign = pick(random, ["winter-ads", "webinar-q4", "linkedin-retargeting", "partners", "organic"]);
  const base = {
    externalId: `corpus-${p.index}`,
    channel,
    receivedAt: RECEIVED_AT,
    source: {
      url: `https://baton.example/${es ? "es/" : ""}${pick(random, ["contact", "pricing", "demo", "agents"])}`,
      formId: `${channel}-${p.index % 7}`,
      campaign,
      utm: { source: pick(random, ["google", "linkedin", "newsletter"]), campaign },
    },
    ...(scenario.proposedActions ? { proposedActions: scenario.proposedActions } : {}),
  };
  const extra = scenario.fields?.(p.cue) ?? {};

  if (channel === "chat") {
    const intro = business ? (es ? `Hola, soy ${person.first} de ${company.name}.` : `Hi, I'm ${person.first} from ${company.name}.`) : null;
    const ask = es ? "¿En qué podemos ayudarte?" : "What are you looking for?";
    const messages = [
      { from: "agent", text: es ? "¡Hola! Soy el asistente de Baton." : "Hi! I'm Baton's assistant." },
      ...(intro ? [{ from: "lead", text: intro }] : []),
      { from: "agent", text: ask },
      { from: "lead", text },
      ...(email
        ? [
            { from: "agent", text: es ? "¿Nos dejas tu email?" : "Could you leave your email?" },
            { from: "lead", text: es ? `Claro, ${email}` : `Sure, it's ${email}` },
          ]
        : []),
    ];
    return { ...base, messages };
  }

  if (channel === "email") {
    const subject = es ? pick(random, ["Consulta", "Información", "Propuesta"]) : pick(random, ["Inquiry", "Question about your agent", "Proposal"]);
    const body = [es ? "Hola," : "Hello,", text, es ? "Un saludo," : "Best regards,", `${person.first} ${person.last}`, business ? company.name : ""]
      .filter(Boolean)
      .join("\n");
    return {
      ...base,
      contact: { name: `${person.first} ${person.last}`, ...(email ? { email } : {}) },
      fields: { subject, to: "sales@baton.example" },
      messages: [{ from: "lead", text: body }],
    };
  }

  const identity: Record<string, string> = {
    ...(channel === "landing_page" ? { name: `${person.first} ${person.last}` } : { firstname: person.first, lastname: person.last }),
    ...(email ? { email } : {}),
    ...(business ? { company: company.name } : {}),
    ...(random() < 0.3
      ? { jobtitle: pick(random, es ? ["Directora comercial", "Gerente comercial", "CEO"] : ["Head of Sales", "Marketing Manager", "Founder"]) }
      : {}),
    ...(random() < 0.25
      ? { phone: `+${es ? "34" : "44"} ${600 + Math.floor(random() * 300)} ${100 + Math.floor(random() * 800)} ${100 + Math.floor(random() * 800)}` }
      : {}),
  };
  const fields = { ...identity, ...extra, message: text };
  // HubSpot posts its form fields as a list of {name, value}: a third of the forms arrive that way.
  const hubspot = channel === "form" && random() < 0.35;
  return {
    ...base,
    ...(channel === "landing_page" ? { source: { ...base.source, pageName: es ? "Agente IA" : "AI agent" } } : {}),
    fields: hubspot ? Object.entries(fields).map(([name, value]) => ({ name, value })) : fields,
  };
}

function emailFor(scenario: Scenario, person: Person, company: Company, mark: string, random: () => number): string | null {
  const local = ascii(person.first);
  switch (scenario.identity) {
    case "business":
      // The mark goes at the end of the domain's first label: still the same company name to triage.
      return `${local}@${company.label}${mark}.${company.tld}`;
    case "free":
      return `${local}.${ascii(person.last)}${mark ? `+${mark}` : ""}@${pick(random, ["gmail.com", "hotmail.es", "outlook.com", "yahoo.com"])}`;
    case "student":
      return `${local}.${ascii(person.last)}${mark}@${pick(random, ["students", "alumni"])}.${company.label}.edu`;
    case "none":
      return null;
  }
}

const people: Record<Language, Person[]> = {
  en: [
    "Tom Walker",
    "Sarah Chen",
    "James Patel",
    "Emily Brooks",
    "Michael Murphy",
    "Olivia Haddad",
    "David Kim",
    "Grace Foster",
    "Daniel Reid",
    "Priya Novak",
    "Amir Okafor",
    "Chloe Hughes",
    "Ben Carter",
    "Hannah Scott",
    "Ryan Lee",
    "Zoe Turner",
  ].map(split),
  es: [
    "Lucía García",
    "Javier Martínez",
    "Carmen López",
    "Pablo Sánchez",
    "Marta Romero",
    "Diego Navarro",
    "Elena Ortega",
    "Andrés Castillo",
    "Sofía Vidal",
    "Raúl Herrera",
    "Nuria Gil",
    "Tomás Rubio",
  ].map(split),
};

const companies: Record<Language, Company[]> = {
  en: [
    ["Brightlane", "io"],
    ["Northwind Logistics", "com"],
    ["Falcon Retail", "co.uk"],
    ["Bluepeak Software", "io"],
    ["Harbor Health", "com"],
    ["Summit Realty", "com"],
    ["Greenfield Solar", "co.uk"],
    ["Atlas Freight", "com"],
    ["Keystone Legal", "com"],
    ["Orbit Analytics", "ai"],
    ["Maple Insurance", "ca"],
    ["Crescent Hotels", "com"],
  ].map(([name, tld]) => ({ name: name!, tld: tld!, label: ascii(name!.split(" ")[0]!) })),
  es: [
    ["Hoteles Mar", "es"],
    ["Florista Luna", "es"],
    ["Grupo Norte", "com"],
    ["Clínica Sol", "es"],
    ["Inmobiliaria Costa", "es"],
    ["Talleres Vega", "es"],
    ["Seguros Alba", "mx"],
    ["Bodegas Ribera", "es"],
    ["Academia Delta", "com"],
    ["Transportes Sierra", "mx"],
  ].map(([name, tld]) => ({ name: name!, tld: tld!, label: ascii(name!.replace(/\s+/g, "")) })),
};

function split(full: string): Person {
  const [first = "", last = ""] = full.split(" ");
  return { first, last };
}

function ascii(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

// mulberry32: a tiny seeded generator, so the corpus is identical on every run and machine.
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
