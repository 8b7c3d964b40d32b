// Small text helpers: digit grouping, email-safe names, and English lists, articles and capitals.

export function group(n: number, separator: string): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

export function ascii(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^A-Za-z]/g, "")
    .toLowerCase();
}

export function listWords(words: string[], conjunction: "and" | "or"): string {
  return words.length < 2 ? words.join("") : `${words.slice(0, -1).join(", ")} ${conjunction} ${words[words.length - 1]}`;
}

/** "a 140-person", "an 18-person", "an 800-person": English reads the number aloud. */
export function article(formatted: string): string {
  return /^(8|1[18](\D|$))/.test(formatted) ? "an" : "a";
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
