import type { Ctx } from "./archetype";
import type { CompanyDef } from "./companies";
import { currencyOf, type Country } from "./country";
import { makePerson, type Person } from "./lead-person";
import { pickFrom } from "./random";
import { group } from "./text";

/** What an archetype draws from: every number and name comes from the package's own seeded PRNG. */
export function makeCtx(rand: () => number, def: CompanyDef | null, person: Person, country: Country, slotKey: string): Ctx {
  const currency = currencyOf(country);
  const symbol: Record<string, string> = { EUR: "€", USD: "$", GBP: "£" };
  return {
    company: () => {
      if (!def) throw new Error(`Demo slot ${slotKey} needs a company for its archetype`);
      return def;
    },
    person,
    colleague: () => {
      let other = makePerson(rand, country, def);
      while (other.name === person.name) other = makePerson(rand, country, def);
      return other;
    },
    int: (min, max, step = 1) => min + step * Math.floor(rand() * (Math.floor((max - min) / step) + 1)),
    pick: (items) => pickFrom(rand, items),
    num: (n) => group(n, ","),
    numEs: (n) => group(n, "."),
    money: (n) => `${symbol[currency]}${group(n, ",")}`,
    currency,
    budgetCounts: currency === "EUR" || currency === "USD",
  };
}
