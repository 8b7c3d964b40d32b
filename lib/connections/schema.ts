import { z } from "zod";
import { blankIsUnset, listOf } from "@/lib/forms/form-fields";

// The services Baton talks to, as admins configure them on /admin/connections. Secret fields are
// stored encrypted and never sent back to the browser; a blank secret in the form keeps the saved one.

export const connectionKinds = ["slack", "smtp", "imap", "hubspot", "salesforce", "llm", "calcom", "calendly"] as const;
export type ConnectionKind = (typeof connectionKinds)[number];

export const secretFields = {
  slack: ["botToken", "webhookUrl"],
  smtp: ["url"],
  imap: ["password"],
  hubspot: ["accessToken"],
  salesforce: ["clientSecret"],
  llm: ["apiKey"],
  calcom: ["webhookSecret"],
  calendly: ["signingKey"],
} as const satisfies Record<ConnectionKind, readonly string[]>;

export type SecretField<K extends ConnectionKind> = (typeof secretFields)[K][number];

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
  defaultChannel: blankIsUnset(
    z
      .string()
      .max(80)
      .regex(/^(#[a-z0-9][a-z0-9._-]{0,79}|[CGD][A-Z0-9]{8,})$/, "must be a channel name such as #sales-handoffs, or a channel id such as C0123456789"),
  ),
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

export const imapSecurityModes = ["tls", "starttls", "none"] as const;
export const imapSecretsSchema = z.object({ password: blankIsUnset(z.string().min(1).max(500, "must be at most 500 characters")) });
export const imapConfigSchema = z.object({
  host: z
    .string({ error: "must name the IMAP server, e.g. imap.example.com" })
    .trim()
    .min(1, "must name the IMAP server, e.g. imap.example.com")
    .max(253)
    .regex(/^[A-Za-z0-9.-]+$|^\[[0-9a-fA-F:.]+\]$/, "must be a host name or IP address, e.g. imap.example.com"),
  port: z.preprocess(
    blankToDefault("993"),
    z.coerce
      .number({ error: "must be a port number" })
      .int("must be a whole number")
      .min(1, "must be between 1 and 65535")
      .max(65_535, "must be between 1 and 65535"),
  ),
  security: z.preprocess(blankToDefault("tls"), z.enum(imapSecurityModes, { error: "must be tls, starttls or none" })),
  user: z.string({ error: "must be the mailbox's login" }).trim().min(1, "must be the mailbox's login").max(320),
  folder: z.preprocess(
    blankToDefault("INBOX"),
    z
      .string()
      .max(200)
      .refine((v) => !/[\r\n\u0000]/.test(v), "must be a folder name on one line"),
  ),
  address: z.email("must be the address leads write to, e.g. sales@example.com").max(320),
});

export const hubspotSecretsSchema = z.object({ accessToken: blankIsUnset(z.string().min(8, "must be a HubSpot private app token").max(500)) });
export const hubspotConfigSchema = z.object({ apiUrl: z.preprocess(blankToDefault("https://api.hubapi.com"), httpUrl({ example: "https://api.hubapi.com" })) });

export const salesforceSecretsSchema = z.object({
  clientSecret: blankIsUnset(z.string().min(8, "must be the External Client App's consumer secret").max(500, "must be at most 500 characters")),
});
const stageName = (fallback: string) => z.preprocess(blankToDefault(fallback), z.string().max(255, "must be at most 255 characters"));
export const salesforceConfigSchema = z.object({
  instanceUrl: blankIsUnset(
    httpUrl({ example: "https://acme.my.salesforce.com" }).refine(
      (v) => !/^https:\/\/(login|test)\.salesforce\.com/i.test(v),
      "must be the org's My Domain (https://<domain>.my.salesforce.com): login.salesforce.com refuses the client credentials flow",
    ),
  ),
  clientId: blankIsUnset(z.string().trim().min(8, "must be the External Client App's consumer key").max(255)),
  apiVersion: blankIsUnset(
    z
      .string()
      .trim()
      .regex(/^\d{2,3}\.\d$/, "must be an API version such as 67.0 (blank: the newest the org lists)"),
  ),
  stageQualified: stageName("Qualification"),
  stageInProgress: stageName("Proposal/Price Quote"),
  stageWon: stageName("Closed Won"),
  stageLost: stageName("Closed Lost"),
  closeDays: z.preprocess(
    blankToDefault("30"),
    z.coerce
      .number({ error: "must be a number of days" })
      .int("must be a whole number of days")
      .min(1, "must be at least 1 day")
      .max(730, "must be at most 730 days"),
  ),
});

export const llmSecretsSchema = z.object({ apiKey: blankIsUnset(z.string().min(8, "must be an API key").max(500)) });
export const llmConfigSchema = z.object({
  /** Any OpenAI-compatible server; unset means OpenAI itself. */
  baseUrl: blankIsUnset(httpUrl({ example: "https://api.openai.com/v1" })),
  model: z.string({ error: "must name a model, e.g. gpt-4.1-mini" }).trim().min(1, "must name a model, e.g. gpt-4.1-mini").max(200),
  /** Optional: the knowledge base also retrieves by embedding, on the same server (POST /v1/embeddings). */
  embeddingModel: blankIsUnset(z.string().max(200, "must be at most 200 characters")),
});

// Booking webhooks: only their secrets (Cal.com's webhook secret, Calendly's signing key) are settings.
const webhookSecret = (what: string) =>
  blankIsUnset(z.string().min(16, `must be the ${what}, at least 16 characters`).max(500, "must be at most 500 characters"));
export const calcomSecretsSchema = z.object({ webhookSecret: webhookSecret("secret set on the Cal.com webhook") });
export const calendlySecretsSchema = z.object({ signingKey: webhookSecret("signing key of the Calendly webhook subscription") });
const noConfig = z.object({});

export const configSchemas = {
  slack: slackConfigSchema,
  smtp: smtpConfigSchema,
  imap: imapConfigSchema,
  hubspot: hubspotConfigSchema,
  salesforce: salesforceConfigSchema,
  llm: llmConfigSchema,
  calcom: noConfig,
  calendly: noConfig,
} as const;
export const secretSchemas = {
  slack: slackSecretsSchema,
  smtp: smtpSecretsSchema,
  imap: imapSecretsSchema,
  hubspot: hubspotSecretsSchema,
  salesforce: salesforceSecretsSchema,
  llm: llmSecretsSchema,
  calcom: calcomSecretsSchema,
  calendly: calendlySecretsSchema,
} as const;

export type ConnectionConfig<K extends ConnectionKind> = z.infer<(typeof configSchemas)[K]>;

/** The form of one connection: its settings, new secrets (blank keeps the saved one) and secrets to remove. */
export const saveConnectionSchema = z.discriminatedUnion("kind", [
  z
    .object({ kind: z.literal("slack"), clear: listOf(z.enum(secretFields.slack)) })
    .extend(slackConfigSchema.shape)
    .extend(slackSecretsSchema.shape),
  z
    .object({ kind: z.literal("smtp"), clear: listOf(z.enum(secretFields.smtp)) })
    .extend(smtpConfigSchema.shape)
    .extend(smtpSecretsSchema.shape),
  z
    .object({ kind: z.literal("imap"), clear: listOf(z.enum(secretFields.imap)) })
    .extend(imapConfigSchema.shape)
    .extend(imapSecretsSchema.shape),
  z
    .object({ kind: z.literal("hubspot"), clear: listOf(z.enum(secretFields.hubspot)) })
    .extend(hubspotConfigSchema.shape)
    .extend(hubspotSecretsSchema.shape),
  z
    .object({ kind: z.literal("salesforce"), clear: listOf(z.enum(secretFields.salesforce)) })
    .extend(salesforceConfigSchema.shape)
    .extend(salesforceSecretsSchema.shape),
  z
    .object({ kind: z.literal("llm"), clear: listOf(z.enum(secretFields.llm)) })
    .extend(llmConfigSchema.shape)
    .extend(llmSecretsSchema.shape),
  z.object({ kind: z.literal("calcom"), clear: listOf(z.enum(secretFields.calcom)) }).extend(calcomSecretsSchema.shape),
  z.object({ kind: z.literal("calendly"), clear: listOf(z.enum(secretFields.calendly)) }).extend(calendlySecretsSchema.shape),
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
  if (port !== undefined && (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65_535))
    return "must have a port between 1 and 65535 (or none: 587, or 465 for smtps://)";
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
