// Text as the knowledge base compares it: folded (lower case, no accents), split into words,
// stop words dropped, each word reduced to a light stem. Pure and language-agnostic: the same
// functions read an article and a lead's question, so a question typed without accents
// ("cuanto tarda") meets the article's "cuánto tarda".

/** Lower case and accents removed, punctuation kept: what the limits' patterns read ("30%", "5.000 €"). */
export function foldKeepingSymbols(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Lower case, accents and punctuation removed, whitespace collapsed. */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export function words(text: string): string[] {
  const folded = fold(text);
  return folded ? folded.split(" ") : [];
}

// Words that say nothing about the topic, in both languages, folded. Question fillers ("tell",
// "saber", "could") are here too: a question is about its nouns and verbs of substance.
const stopWordList = `
a about above after again all also am an and any anything are as ask asking at be been being both but by can could
did do does doing done for from get give go going had has have having he hello her here hey hi him his how i if in
into is it its just know let like looking me might more most much my need no not now of off ok okay on once one only
or other our ours out please question quick really regarding say see she should so some something tell than thank thanks
that the their them then there these they thing things this those to too understand up us very want wanted was we were
what when where whether which while who why will wish with wonder wondering would yes you your yours
al algo algun alguna alguno algunos alli aqui bien buenas buenos como con contigo cual cuales cuando de del desde donde
dos el ella ellas ellos en entonces era es esa ese eso esta estan estas este esto estos gracias gustaria ha hay hola la
las le les lo los mas me mi mis mucho muy nada ni no nos nosotros nuestra nuestro o os otra otro para pero poder podeis
podria podrias por porque pregunta preguntar puedo que quería queria quien quiero saber se si sin sobre son su sus
tambien tengo ti tu tus un una uno unos usted ustedes vosotros y ya yo exactamente realmente actualmente vuestra vuestro vuestros
vuestras posible favor actually currently exactly guys folks possible kind sort basically maybe perhaps lot
`;
export const stopWords: ReadonlySet<string> = new Set(stopWordList.split(/\s+/).filter(Boolean));

// Longest first. Spanish and English endings; the stem only has to be the same for the same word
// family, not a linguist's root ("integrations" and "integraciones" need not meet: synonyms do that).
const replacements: [string, string][] = [
  ["ifications", "if"],
  ["ification", "if"],
  ["ifying", "if"],
  ["ified", "if"],
  ["ifies", "if"],
  ["ify", "if"],
];
const suffixes = [
  "aciones",
  "iciones",
  "acion",
  "icion",
  "ating",
  "ated",
  "ates",
  "ate",
  "amiento",
  "imiento",
  "ations",
  "ation",
  "ciones",
  "cion",
  "mente",
  "ments",
  "ment",
  "ings",
  "ing",
  "ados",
  "adas",
  "idos",
  "idas",
  "amos",
  "emos",
  "imos",
  "ado",
  "ada",
  "ido",
  "ida",
  "ais",
  "eis",
  "ies",
  "es",
  "ed",
  "an",
  "en",
  "ar",
  "er",
  "ir",
  "as",
  "s",
];

export function stem(word: string): string {
  if (/^\d/.test(word)) return word;
  for (const [ending, replacement] of replacements) {
    if (word.length - ending.length >= 3 && word.endsWith(ending)) return word.slice(0, -ending.length) + replacement;
  }
  for (const suffix of suffixes) {
    if (word.length - suffix.length >= 4 && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  }
  return word;
}

/** Optimal string alignment distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      // Indexes stay within the rows built so far (0..j, 0..b.length).
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, prev2[j - 2]! + 1);
      row.push(value);
      if (value < best) best = value;
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/** How many typos a word of this length may carry and still count as the word: none under 5 letters. */
export function typoAllowance(length: number): number {
  return length >= 9 ? 2 : length >= 5 ? 1 : 0;
}

/**
 * How well a word the lead typed matches a word of the index, 0..1: the same stem (1), one stem
 * the start of the other (0.9: "integr" and "integrat"), or a misspelling (0.8 / 0.7). Misspellings
 * are only considered for a word the index does not know as it is: "contact" is not "contract".
 */
export function wordMatch(query: string, term: string, allowTypos: boolean): number {
  if (query === term) return 1;
  const [short, long] = query.length <= term.length ? [query, term] : [term, query];
  if (short.length >= 5 && long.startsWith(short)) return 0.9;
  if (!allowTypos || /\d/.test(query)) return 0;
  const allowance = typoAllowance(Math.min(query.length, term.length));
  if (allowance === 0 || query[0] !== term[0]) return 0;
  const distance = editDistance(query, term, allowance);
  return distance === 0 ? 1 : distance === 1 ? 0.8 : distance <= allowance ? 0.7 : 0;
}
