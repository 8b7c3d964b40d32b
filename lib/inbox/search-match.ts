/**
 * How well a package matches an inbox search, best first. Every match holds the search text
 * somewhere (the trigram-indexed LIKE); the tiers only order them, so "Tom" lists Tom Becker before
 * a "tomorrow" in a summary, and both before the "tom" inside "custom" and "automation".
 */
export const searchMatchTiers = ["word", "prefix", "substring"] as const;
export type SearchMatchTier = (typeof searchMatchTiers)[number];

/**
 * Postgres regular expressions (ARE) over the lower-cased search text: `\m` is the start of a word
 * and `\M` its end. The search text is literal, so every regex metacharacter in it is escaped.
 */
export function searchMatchPatterns(q: string): { word: string; prefix: string } {
  const literal = q.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return { word: `\\m${literal}\\M`, prefix: `\\m${literal}` };
}
