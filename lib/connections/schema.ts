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
const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });
// Checkboxes and multi-selects arrive as one string or several.
const listOf = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(schema));

export const slackSecretsSchema = z.object({
  botToken: blankIsUnset(z.string().regex(/^xox[a-z]-[A-Za-z0-9-]+$/, "must be a Slack bot token (xoxb-…)")),
  webhookUrl: blankIsUnset(httpUrl),
});
export const slackConfigSchema = z.object({
  apiUrl: httpUrl.default("https://slack.com/api/"),
  defaultChannel: blankIsUnset(z.string().max(80)),
});

export const smtpSecretsSchema = z.object({
  url: blankIsUnset(z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@smtp.example.com:587" })),
});
export const smtpConfigSchema = z.object({ from: z.string().trim().min(3, "must be a sender such as Baton <baton@example.com>").max(320) });

export const hubspotSecretsSchema = z.object({ accessToken: blankIsUnset(z.string().min(8, "must be a HubSpot private app token").max(500)) });
export const hubspotConfigSchema = z.object({ apiUrl: httpUrl.default("https://api.hubapi.com") });

export const llmSecretsSchema = z.object({ apiKey: blankIsUnset(z.string().min(8, "must be an API key").max(500)) });
export const llmConfigSchema = z.object({
  /** Any OpenAI-compatible server; unset means OpenAI itself. */
  baseUrl: blankIsUnset(httpUrl),
  model: z.string().trim().min(1, "must name a model, e.g. gpt-4.1-mini").max(200),
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
