import { z } from "zod";

// The services Baton talks to, as admins configure them on /admin/connections. Secret fields are
// stored encrypted and never sent back to the browser; a blank secret in the form keeps the saved one.

export const connectionKinds = ["slack", "smtp", "hubspot", "llm"] as const;
export type ConnectionKind = (typeof connectionKinds)[number];

export const secretFields = {
  slack: ["botToken", "webhookUrl"],
  smtp: ["url"],
  hubspot: ["accessToken"],
  llm: ["apiKey"],
} as const satisfies Record<ConnectionKind, readonly string[]>;

export type SecretField<K extends ConnectionKind> = (typeof secretFields)[K][number];

const blankIsUnset = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v), schema.optional());
// Checkboxes and multi-selects arrive as one string or several.
const listOf = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(schema));

/**
 * An http(s) URL a client can call: a host, and no password in it (secrets go in their own field).
 * `path` says whether it must have one (a webhook is a path on its host) or must not carry a query.
 */
const httpUrl = (options: { example: string; needsPath?: boolean }) =>
  z.string().superRefine((value, ctx) => {
    const problem = httpUrlProblem(value, options.needsPath ?? false);
    if (problem) ctx.addIssue({ code: "custom", message: `${problem}, e.g. ${options.example}` });
  });

export const slackSecretsSchema = z.object({
  botToken: blankIsUnset(z.string().regex(/^xox[a-z]-[A-Za-z0-9-]+$/, "must be a Slack bot token (xoxb-…)")),
  webhookUrl: blankIsUnset(httpUrl({ example: "https://hooks.slack.com/services/T000/B000/XXXX", needsPath: true })),
});
export const slackConfigSchema = z.object({
  apiUrl: z.preprocess(blankToDefault("https://slack.com/api/"), httpUrl({ example: "https://slack.com/api/" })),
  defaultChannel: blankIsUnset(z.string().max(80).regex(/^(#[a-z0-9][a-z0-9._-]{0,79}|[CGD][A-Z0-9]{8,})$/, "must be a channel name such as #sales-handoffs, or a channel id such as C0123456789")),
});

export const smtpSecretsSchema = z.object({
  url: blankIsUnset(
    z.string().superRefine((value, ctx) => {
      const problem = smtpUrlProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  ),
});
export const smtpConfigSchema = z.object({
  from: z
    .string({ error: "must be a sender such as Baton <baton@example.com>" })
    .trim()
    .min(1, "must be a sender such as Baton <baton@example.com>")
    .max(320, "must be at most 320 characters")
    .refine(isSenderAddress, "must be a sender address such as Baton <baton@example.com> or baton@example.com"),
});

export const hubspotSecretsSchema = z.object({ accessToken: blankIsUnset(z.string().min(8, "must be a HubSpot private app token").max(500)) });
export const hubspotConfigSchema = z.object({ apiUrl: z.preprocess(blankToDefault("https://api.hubapi.com"), httpUrl({ example: "https://api.hubapi.com" })) });

export const llmSecretsSchema = z.object({ apiKey: blankIsUnset(z.string().min(8, "must be an API key").max(500)) });
export const llmConfigSchema = z.object({
  /** Any OpenAI-compatible server; unset means OpenAI itself. */
  baseUrl: blankIsUnset(httpUrl({ example: "https://api.openai.com/v1" })),
  model: z.string({ error: "must name a model, e.g. gpt-4.1-mini" }).trim().min(1, "must name a model, e.g. gpt-4.1-mini").max(200),
});

export const configSchemas = { slack: slackConfigSchema, smtp: smtpConfigSchema, hubspot: hubspotConfigSchema, llm: llmConfigSchema } as const;
export const secretSchemas = { slack: slackSecretsSchema, smtp: smtpSecretsSchema, hubspot: hubspotSecretsSchema, llm: llmSecretsSchema } as const;

export type ConnectionConfig<K extends ConnectionKind> = z.infer<(typeof configSchemas)[K]>;

/** The form of one connection: its settings, new secrets (blank keeps the saved one) and secrets to remove. */
export const saveConnectionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("slack"), clear: listOf(z.enum(secretFields.slack)) }).extend(slackConfigSchema.shape).extend(slackSecretsSchema.shape),
  z.object({ kind: z.literal("smtp"), clear: listOf(z.enum(secretFields.smtp)) }).extend(smtpConfigSchema.shape).extend(smtpSecretsSchema.shape),
  z.object({ kind: z.literal("hubspot"), clear: listOf(z.enum(secretFields.hubspot)) }).extend(hubspotConfigSchema.shape).extend(hubspotSecretsSchema.shape),
  z.object({ kind: z.literal("llm"), clear: listOf(z.enum(secretFields.llm)) }).extend(llmConfigSchema.shape).extend(llmSecretsSchema.shape),
]);

export type SaveConnectionInput = z.infer<typeof saveConnectionSchema>;

/** The kind of one form: for the test and reset buttons, which name only the service. */
export const connectionKindSchema = z.object({ kind: z.enum(connectionKinds, { error: `must be one of: ${connectionKinds.join(", ")}` }) });

const SMTP_EXAMPLE = "smtp://user:pass@smtp.example.com:587";

/** What is wrong with an SMTP URL, in words (null when it can be used): the scheme, a host, a port in range. */
export function smtpUrlProblem(value: string): string | null {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1]?.toLowerCase();
  if (scheme !== "smtp" && scheme !== "smtps") return `must be an smtp:// or smtps:// URL, e.g. ${SMTP_EXAMPLE}`;
  const authority = /^[a-z]+:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^:/?#]*)(?::([^/?#]*))?/i.exec(value);
  if (!authority?.[1]) return `must name the mail server's host, e.g. ${SMTP_EXAMPLE}`;
  const port = authority[2];
  if (port !== undefined && (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65_535)) return "must have a port between 1 and 65535 (or none: 587, or 465 for smtps://)";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `must be an smtp:// or smtps:// URL, e.g. ${SMTP_EXAMPLE}`;
  }
  if (!url.hostname) return `must name the mail server's host, e.g. ${SMTP_EXAMPLE}`;
  return null;
}

function httpUrlProblem(value: string, needsPath: boolean): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "must be an http(s) URL";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "must be an http(s) URL";
  if (!url.hostname) return "must name a host";
  if (url.username || url.password) return "must not carry a user name or password (put the secret in its own field)";
  if (needsPath && (url.pathname === "/" || url.pathname === "")) return "must be the whole webhook URL, with its path";
  if (url.search || url.hash) return "must not have a query or fragment";
  return null;
}

/** "Baton <baton@example.com>", "\"Sales, EMEA\" <sales@example.com>" or a bare address. */
export function isSenderAddress(value: string): boolean {
  const named = /^(?:"[^"\r\n]*"|[^<>"\r\n]*)\s*<([^<>\s]+)>$/.exec(value);
  const address = named ? named[1] : value;
  return z.email().safeParse(address).success;
}

function blankToDefault(fallback: string) {
  return (v: unknown) => (v === undefined || (typeof v === "string" && v.trim() === "") ? fallback : typeof v === "string" ? v.trim() : v);
}
