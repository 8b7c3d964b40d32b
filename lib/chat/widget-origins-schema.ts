import { z } from "zod";
import { isOrigin } from "@/lib/security/origin";

export const MAX_WIDGET_ORIGINS = 50;

/**
 * The sites allowed to embed the chat widget, as an admin types them: one origin a line (or separated
 * by commas). Each must be an origin (scheme and host, an optional port), so it can go into the
 * frame-ancestors header as it is; the error names the first entry that is not.
 */
export const widgetOriginsSchema = z.object({
  origins: z
    .string({ error: "Allowed sites: write one site a line, e.g. https://www.example.com" })
    .max(20_000, "Allowed sites: the list is too long.")
    .transform((text, ctx) => {
      const parsed = parseWidgetOrigins(text);
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: parsed.message });
        return z.NEVER;
      }
      return parsed.origins;
    }),
});

export type ParsedOrigins = { ok: true; origins: string[] } | { ok: false; message: string };

/** One site a line or comma-separated, each normalised to its origin, duplicates dropped (pure). */
export function parseWidgetOrigins(text: string): ParsedOrigins {
  const entries = text
    .split(/[\n,]/)
    .map((e) => e.trim())
    .filter(Boolean);
  const origins: string[] = [];
  for (const entry of entries) {
    if (!isOrigin(entry))
      return {
        ok: false,
        message: `Allowed sites: "${entry.slice(0, 200)}" is not a site's origin. Write the scheme and host only (an optional port), e.g. https://www.example.com, with no path or query.`,
      };
    const origin = new URL(entry).origin;
    if (!origins.includes(origin)) origins.push(origin);
  }
  if (origins.length > MAX_WIDGET_ORIGINS)
    return { ok: false, message: `Allowed sites: at most ${MAX_WIDGET_ORIGINS} sites (this list has ${origins.length}).` };
  return { ok: true, origins };
}
