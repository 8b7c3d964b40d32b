import type { Fact, Identity } from "@/lib/agent/facts";
import { fieldAliases, findField, splitSentences } from "@/lib/agent/lead-text";
import type { IntakeEvent } from "@/lib/contract/intake";

const emailPattern = /[\p{L}\d._%+-]+@[\p{L}\d.-]+\.[\p{L}]{2,}/u;
const phonePattern = /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]\d{2,4}){2,4}/;
// Capitalised words, with the small joining words company names keep inside ("Vías del Norte", "Hollis & Grant").
const capitalisedPhrase = String.raw`(\p{Lu}[\p{L}\d&'’.-]*(?:\s+(?:(?:&|de|del|la|las|los|y|of)\s+)?\p{Lu}[\p{L}\d&'’.-]*){0,4})`;

/**
 * Who the lead is. The sender's `contact` wins, then form fields (HubSpot names count), then what
 * the lead wrote in messages; a business email domain stands in for a company not named, as an inference.
 */
export function extractIdentity(
  event: IntakeEvent,
  leadText: string,
  freeEmailDomains: readonly string[],
): { identity: Identity; emailDomain: string | null; freeEmail: boolean } {
  const fields = event.fields;
  const contact = event.contact ?? {};
  const stated = (value: string | undefined | null, fragment?: string): Fact | null =>
    value && value.trim() ? { value: value.trim(), fragment: fragment ?? value.trim(), confirmed: true } : null;
  const field = (aliases: readonly string[]) => {
    const found = findField(fields, aliases);
    return found ? stated(found.text) : null;
  };

  const first = findField(fields, fieldAliases.firstName)?.text;
  const last = findField(fields, fieldAliases.lastName)?.text;
  const fieldName = first || last ? stated([first, last].filter(Boolean).join(" ")) : field(fieldAliases.fullName);

  const emailInText = emailPattern.exec(leadText)?.[0];
  const email =
    stated(contact.email) ??
    validEmail(field(fieldAliases.email)) ??
    (emailInText ? { value: emailInText, fragment: sentenceWith(leadText, emailInText), confirmed: true } : null);
  const emailDomain = email ? (email.value.split("@")[1]?.toLowerCase() ?? null) : null;
  const freeEmail = emailDomain !== null && freeEmailDomains.some((d) => emailDomain === d || emailDomain.endsWith(`.${d}`));

  const company = stated(contact.company) ?? field(fieldAliases.company) ?? companyFromText(leadText, emailDomain) ?? companyFromDomain(emailDomain, freeEmail);
  const name = stated(contact.name) ?? fieldName ?? nameFromText(leadText, company?.value ?? null);
  const role = stated(contact.role) ?? field(fieldAliases.role) ?? roleFromText(leadText);
  const phone = stated(contact.phone) ?? field(fieldAliases.phone) ?? phoneFromText(leadText);
  const website =
    stated(contact.website) ??
    field(fieldAliases.website) ??
    (emailDomain && !freeEmail ? { value: emailDomain, fragment: email!.value, confirmed: false, basis: "the domain of their business email address" } : null);

  return { identity: { name, email, phone, company, role, website }, emailDomain, freeEmail };
}

function validEmail(fact: Fact | null): Fact | null {
  return fact && emailPattern.test(fact.value) ? fact : null;
}

// Compiled once per process: identity runs on every lead.
const companyCues = [
  new RegExp(String.raw`\b(?:from|at|with|of|for)\s+${capitalisedPhrase}`, "gu"),
  new RegExp(String.raw`\b(?:founder|co-founder|CEO|CTO|COO|CRO|owner|director|head of sales|manager)\s+(?:of|at)\s+${capitalisedPhrase}`, "giu"),
  new RegExp(String.raw`\b(?:de|en|desde)\s+${capitalisedPhrase}`, "gu"),
  // A chat introduces the company in a sentence: "We're Stellar Insurance, around 2,000 employees",
  // "Our company, Lumen Solar, gets…", "Somos Seguros Atlántico", "Northgate Software here".
  new RegExp(
    String.raw`\b(?:[Ww]e'?re|[Ww]e are|[Oo]ur company(?: is)?,?|[Mm]y company(?: is)?,?|[Tt]he company is|I represent|I'?m with|[Ss]omos|[Rr]epresento a|[Nn]uestra (?:empresa|compañía)(?: es)?,?|[Mm]i empresa(?: es)?,?)\s+${capitalisedPhrase}`,
    "gu",
  ),
  new RegExp(String.raw`(?:^|[!.,]\s+)${capitalisedPhrase}\s+(?:here|aquí)\b`, "gu"),
];
// Words that name a function inside a company, never the company: "Head of Revenue Operations".
const functionWords = new Set([
  "sales",
  "revenue",
  "operations",
  "marketing",
  "growth",
  "business",
  "development",
  "customer",
  "success",
  "partnerships",
  "finance",
  "it",
  "hr",
  "people",
  "product",
  "engineering",
  "ventas",
  "marketing",
  "operaciones",
  "desarrollo",
  "negocio",
]);
const personName = String.raw`(\p{Lu}[\p{Ll}'’-]+(?:\s+\p{Lu}[\p{Ll}'’-]+){0,2})`;
const nameCues = [
  new RegExp(String.raw`\b(?:I'?m|I am|my name is|this is|soy|me llamo|mi nombre es)\s+${personName}`, "u"),
  new RegExp(String.raw`^(?:hi|hello|hola|hey)[,!]?\s+${personName}(?:\s+(?:from|here|de)\b|,)`, "iu"),
  new RegExp(String.raw`^${personName}\s+(?:from|here|de)\b`, "u"),
];

function companyFromText(text: string, emailDomain: string | null): Fact | null {
  const candidates: { value: string; fragment: string; score: number }[] = [];
  for (const sentence of splitSentences(text)) {
    for (const cue of companyCues) {
      for (const match of sentence.matchAll(cue)) {
        const value = match[1]!.replace(/[.,]+$/, "").trim();
        if (!looksLikeCompany(value)) continue;
        candidates.push({ value, fragment: sentence, score: domainMatches(value, emailDomain) ? 2 : 1 });
      }
    }
    // "Hi, Amir Haddad, Falcon Retail Group, amir@falconretail.ae": a listed phrase the domain confirms.
    for (const part of sentence.split(/,\s*/)) {
      const value = part.replace(/^(hi|hello|hola)\b\s*/i, "").trim();
      if (looksLikeCompany(value) && domainMatches(value, emailDomain)) candidates.push({ value, fragment: sentence, score: 3 });
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates[0];
  return best ? { value: best.value, fragment: best.fragment, confirmed: true } : null;
}

function companyFromDomain(domain: string | null, freeEmail: boolean): Fact | null {
  if (!domain || freeEmail) return null;
  // The registrable name: skip second-level suffixes (co.uk, com.br, ac.at) and mail hosts.
  const label = domain
    .split(".")
    .slice(0, -1)
    .filter((p) => !["co", "com", "org", "net", "ac", "edu", "gov", "gob", "or", "ne", "www", "mail"].includes(p))
    .pop();
  if (!label || label.length < 2) return null;
  return {
    value: label.charAt(0).toUpperCase() + label.slice(1),
    fragment: domain,
    confirmed: false,
    basis: `the lead writes from the business domain ${domain}`,
  };
}

function nameFromText(text: string, company: string | null): Fact | null {
  for (const sentence of splitSentences(text)) {
    for (const cue of nameCues) {
      const match = cue.exec(sentence);
      const value = match?.[1]?.trim();
      if (value && value !== company && !stopNames.has(value.toLowerCase())) return { value, fragment: sentence, confirmed: true };
    }
  }
  return null;
}

function roleFromText(text: string): Fact | null {
  const role =
    /\b(head of [\p{L} ]{3,30}?|VP of [\p{L} ]{3,30}?|(?:co-)?founder|CEO|CTO|COO|CRO|CMO|sales (?:director|manager)|marketing (?:director|manager)|legal counsel|general counsel|gerente comercial|director(?:a)? comercial|responsable de ventas)(?=[\s,.]|$)/iu;
  for (const sentence of splitSentences(text)) {
    const match = role.exec(sentence);
    if (match) return { value: match[1]!.trim(), fragment: sentence, confirmed: true };
  }
  return null;
}

function phoneFromText(text: string): Fact | null {
  for (const sentence of splitSentences(text)) {
    if (!/\b(phone|call me|tel|mobile|whatsapp|teléfono|llámame|móvil)\b|\+\d/iu.test(sentence)) continue;
    const match = phonePattern.exec(sentence);
    const digits = match?.[0].replace(/\D/g, "") ?? "";
    if (match && digits.length >= 8 && digits.length <= 15) return { value: match[0].trim(), fragment: sentence, confirmed: true };
  }
  return null;
}

function looksLikeCompany(value: string): boolean {
  const words = value.split(/\s+/);
  if (words.every((w) => functionWords.has(w.toLowerCase()))) return false;
  if (value.length < 3 || words.length > 5) return false;
  if (stopNames.has(value.toLowerCase()) || stopNames.has(words[0]!.toLowerCase())) return false;
  return !/^(I|We|Our|The|My|Hi|Hello|Hola|Monday|Tuesday|Wednesday|Thursday|Friday|January|February|March|April|May|June|July|August|September|October|November|December)$/.test(
    words[0]!,
  );
}

function domainMatches(value: string, domain: string | null): boolean {
  if (!domain) return false;
  const squashed = value
    .toLowerCase()
    .normalize("NFD")
    .replace(/[^\p{L}\d]/gu, "")
    .replace(/\p{M}/gu, "");
  const label = domain.split(".")[0]!.replace(/[^a-z\d]/g, "");
  if (squashed.length < 3 || label.length < 3) return false;
  return (
    label === squashed ||
    label.startsWith(squashed) ||
    squashed.startsWith(label) ||
    label.includes(squashed.slice(0, Math.max(5, Math.floor(squashed.length / 2))))
  );
}

function sentenceWith(text: string, needle: string): string {
  return splitSentences(text).find((s) => s.includes(needle)) ?? needle;
}

// Capitalised words that start sentences or name products, not people or companies.
const stopNames = new Set([
  "hubspot",
  "salesforce",
  "pipedrive",
  "microsoft",
  "microsoft dynamics",
  "dynamics",
  "zoho",
  "ai",
  "crm",
  "sales",
  "legal",
  "legal counsel",
  "we",
  "our",
  "the",
  "i",
  "you",
  "your",
  "hi",
  "hello",
  "hola",
  "thanks",
  "gracias",
  "please",
  "can",
  "could",
  "would",
  "is",
  "are",
  "english",
  "spanish",
  "german",
  "french",
  "hello",
  "hey",
  "linkedin",
  "google",
  "wordpress",
  "slack",
  "excel",
  "ia",
  "nda",
  "dpa",
  "sla",
]);
