import { z } from "zod";
import { blankIsUnset } from "@/lib/forms/form-fields";

const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")])
  .optional()
  .transform((v) => v === "on" || v === "true");

/** An issuer URL: https, or http on the loopback (local tests); no query or fragment (OIDC Discovery 1.0 §4). */
export function issuerProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "must be the issuer's URL, e.g. https://accounts.google.com";
  }
  const loopback = url.hostname === "127.0.0.1" || url.hostname === "localhost" || url.hostname === "[::1]";
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) return "must be an https URL, e.g. https://login.microsoftonline.com/<tenant>/v2.0";
  if (url.search || url.hash) return "must not have a query or fragment";
  if (url.username || url.password) return "must not hold a user name or password";
  return null;
}

/** "example.com, sales.example.com" → ["example.com", "sales.example.com"], lower case, no duplicates. */
export const domainList = z
  .string()
  .max(2000, "must be at most 2000 characters")
  .transform((text, ctx) => {
    const domains = [
      ...new Set(
        text
          .split(/[\s,]+/)
          .map((d) => d.trim().toLowerCase().replace(/^@/, ""))
          .filter(Boolean),
      ),
    ];
    for (const d of domains) {
      if (!/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(d)) {
        ctx.addIssue({ code: "custom", message: `"${d}" is not a domain such as example.com` });
        return z.NEVER;
      }
    }
    return domains;
  });

export const saveSsoSchema = z.object({
  enabled: checkbox,
  issuer: z
    .string({ error: "must be the issuer's URL" })
    .trim()
    .max(500)
    .superRefine((value, ctx) => {
      const problem = issuerProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .transform((v) => v.replace(/\/+$/, "")),
  clientId: z.string({ error: "must not be empty" }).trim().min(1, "must not be empty").max(500),
  /** Blank: keep the saved secret. */
  clientSecret: blankIsUnset(z.string().trim().min(1).max(2000, "must be at most 2000 characters")),
  allowedDomains: z.preprocess((v) => v ?? "", domainList),
  autoCreate: checkbox,
  autoCreateTeamId: blankIsUnset(z.uuid("must be a team")),
  passwordSignIn: checkbox,
  breakGlassUserId: blankIsUnset(z.string().min(1).max(200)),
});

export type SaveSsoInput = z.output<typeof saveSsoSchema>;
