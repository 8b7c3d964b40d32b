import { z } from "zod";

const text = (max: number) => z.string().trim().max(max).optional();

/**
 * Where the visitor opened the chat, as the embed script (public/widget.js) passes it: the page's URL,
 * title and referrer, and its UTM parameters. It becomes the chat intake's `source` (triage-contract.md
 * section 1), kept verbatim. Anything else is dropped; a value too long is refused with its name.
 */
export const entryContextSchema = z
  .object({
    url: z
      .url({ protocol: /^https?$/, error: "must be a web address (http or https)" })
      .max(2000)
      .optional(),
    title: text(300),
    referrer: z.union([z.url({ protocol: /^https?$/, error: "must be a web address (http or https)" }).max(2000), z.literal("")]).optional(),
    utm: z
      .object({ source: text(200), medium: text(200), campaign: text(200), term: text(200), content: text(200) })
      .strip()
      .optional(),
  })
  .strip();

export type EntryContext = z.infer<typeof entryContextSchema>;

/** The intake event's `source` for this entry (its `pageName` is the page title). */
export function entrySource(entry: EntryContext | null | undefined): Record<string, unknown> | null {
  if (!entry) return null;
  const utmPairs = Object.entries(entry.utm ?? {}).filter((pair): pair is [string, string] => typeof pair[1] === "string" && pair[1] !== "");
  const utm = utmPairs.length ? Object.fromEntries(utmPairs) : undefined;
  const source = {
    ...(entry.url ? { url: entry.url } : {}),
    ...(entry.title ? { pageName: entry.title } : {}),
    ...(entry.referrer ? { referrer: entry.referrer } : {}),
    ...(utm ? { utm, ...(utm.campaign ? { campaign: utm.campaign } : {}) } : {}),
  };
  return Object.keys(source).length ? source : null;
}

/** The entry context the embed script put in the iframe's address (/chat?url=…&title=…&utm_source=…), if valid. */
export function entryFromSearch(search: Record<string, string | string[] | undefined>): EntryContext | undefined {
  const one = (key: string) => (typeof search[key] === "string" ? (search[key] as string) : undefined);
  const parsed = entryContextSchema.safeParse({
    url: one("url"),
    title: one("title"),
    referrer: one("referrer"),
    utm: { source: one("utm_source"), medium: one("utm_medium"), campaign: one("utm_campaign"), term: one("utm_term"), content: one("utm_content") },
  });
  return parsed.success && entrySource(parsed.data) ? parsed.data : undefined;
}
