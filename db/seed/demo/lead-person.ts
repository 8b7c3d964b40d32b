import type { CompanyDef } from "./companies";
import type { Country } from "./country";
import { pickFrom } from "./random";
import { ascii } from "./text";

// Names and numbers: invented people, by where the company is.

export type Person = { first: string; last: string; name: string; email: string; personalEmail: string; phone: string };

type Region = "en" | "es" | "fr" | "de" | "nl" | "pt" | "it" | "nordic";

const regionOf: Record<Country, Region> = {
  GB: "en",
  IE: "en",
  US: "en",
  CA: "en",
  ES: "es",
  MX: "es",
  CO: "es",
  FR: "fr",
  BE: "nl",
  DE: "de",
  AT: "de",
  NL: "nl",
  PT: "pt",
  BR: "pt",
  IT: "it",
  DK: "nordic",
  SE: "nordic",
};

const namePools: Record<Region, [first: string[], last: string[]]> = {
  en: [
    [
      "Oliver",
      "Charlotte",
      "James",
      "Amelia",
      "Harry",
      "Sophie",
      "Thomas",
      "Grace",
      "Daniel",
      "Emily",
      "Ryan",
      "Megan",
      "Connor",
      "Aoife",
      "Ethan",
      "Hannah",
      "Michael",
      "Jessica",
      "Tyler",
      "Lauren",
      "Marcus",
      "Olivia",
      "Nathan",
      "Chloe",
    ],
    [
      "Walsh",
      "Bennett",
      "Carter",
      "Hughes",
      "Murphy",
      "Brennan",
      "Fletcher",
      "Hayes",
      "Palmer",
      "Sullivan",
      "Turner",
      "Whitaker",
      "Kowalski",
      "Okafor",
      "Patel",
      "Nguyen",
      "Chen",
      "Rivera",
      "Brooks",
      "Coleman",
      "Donovan",
      "Gallagher",
    ],
  ],
  es: [
    [
      "Lucía",
      "Javier",
      "Marta",
      "Carlos",
      "Elena",
      "Pablo",
      "Carmen",
      "Álvaro",
      "Laura",
      "Sergio",
      "Nuria",
      "Diego",
      "Irene",
      "Andrés",
      "Paula",
      "Raúl",
      "Beatriz",
      "Alejandro",
      "Valeria",
      "Mateo",
    ],
    [
      "García",
      "Martínez",
      "López",
      "Sánchez",
      "Fernández",
      "Romero",
      "Navarro",
      "Torres",
      "Domínguez",
      "Vázquez",
      "Ramos",
      "Gil",
      "Serrano",
      "Molina",
      "Castillo",
      "Ortega",
      "Delgado",
      "Herrera",
    ],
  ],
  fr: [
    ["Camille", "Julien", "Léa", "Antoine", "Manon", "Nicolas", "Chloé", "Mathieu", "Sarah", "Hugo"],
    ["Martin", "Bernard", "Dubois", "Lefèvre", "Laurent", "Girard", "Roux", "Fontaine", "Chevalier", "Mercier"],
  ],
  de: [
    ["Jonas", "Lena", "Felix", "Anna", "Lukas", "Julia", "Maximilian", "Katrin", "Tobias", "Miriam"],
    ["Müller", "Schneider", "Fischer", "Wagner", "Becker", "Hoffmann", "Schulz", "Keller", "Richter", "Neumann"],
  ],
  nl: [
    ["Daan", "Sanne", "Lars", "Femke", "Bram", "Lotte", "Thijs", "Eva", "Ruben", "Noor"],
    ["de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Peeters"],
  ],
  pt: [
    ["João", "Inês", "Tiago", "Beatriz", "Rafael", "Mariana", "Pedro", "Ana", "Gabriel", "Carolina"],
    ["Silva", "Santos", "Ferreira", "Pereira", "Costa", "Oliveira", "Rodrigues", "Almeida", "Carvalho", "Sousa"],
  ],
  it: [
    ["Marco", "Giulia", "Luca", "Francesca", "Alessandro", "Chiara", "Matteo", "Sara", "Davide", "Elena"],
    ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco"],
  ],
  nordic: [
    ["Mads", "Freja", "Emil", "Ida", "Oscar", "Astrid", "Magnus", "Maja", "Viktor", "Ebba"],
    ["Nielsen", "Jensen", "Hansen", "Andersson", "Johansson", "Lindberg", "Karlsson", "Berg", "Holm", "Dahl"],
  ],
};

// Fictional or unallocated-looking numbers; `#` is a random digit.
const phonePatterns: Record<Country, string> = {
  GB: "+44 7700 900###",
  IE: "+353 85 ### ####",
  US: "+1 212 555 01##",
  CA: "+1 416 555 01##",
  ES: "+34 6## ### ###",
  MX: "+52 55 #### ####",
  CO: "+57 3## ### ####",
  FR: "+33 6 ## ## ## ##",
  BE: "+32 4## ## ## ##",
  DE: "+49 151 ########",
  AT: "+43 664 #######",
  NL: "+31 6 ########",
  PT: "+351 9## ### ###",
  BR: "+55 11 9####-####",
  IT: "+39 3## ### ####",
  DK: "+45 ## ## ## ##",
  SE: "+46 70 ### ## ##",
};

const personalDomains = ["gmail.com", "outlook.com", "hotmail.com", "yahoo.com"];

export function makePerson(rand: () => number, country: Country, company: CompanyDef | null): Person {
  const [firsts, lasts] = namePools[regionOf[country]];
  const first = pickFrom(rand, firsts);
  const last = pickFrom(rand, lasts);
  const local = ascii(first);
  const surname = ascii(last);
  const small = company !== null && company.employees < 40;
  const email = company ? (small ? `${local}@${company.domain}` : `${local}.${surname}@${company.domain}`) : "";
  const personalEmail = `${local}.${surname}${10 + Math.floor(rand() * 89)}@${pickFrom(rand, personalDomains)}`;
  const phone = phonePatterns[country].replace(/#/g, () => String(Math.floor(rand() * 10)));
  return { first, last, name: `${first} ${last}`, email, personalEmail, phone };
}
