import { z } from "zod";
import { isOrigin } from "@/lib/security/origin";

// The one place that reads process.env: every setting is named, typed and defaulted here.
// An empty variable means "not set" (a blank line in a .env file, or a test unsetting it).
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** Unset: the app starts its own embedded Postgres under BATON_DATA_DIR. */
    DATABASE_URL: optional(z.url()),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
    /** Every connection's bounds, so no wait is endless: one statement, one lock wait, a transaction left idle. */
    DATABASE_STATEMENT_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    DATABASE_LOCK_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(15),
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    /** Connections kept apart for the CRM sync's advisory locks, so a job waiting for a lock never holds one the jobs need. */
    CRM_LOCK_POOL_MAX: z.coerce.number().int().min(1).max(32).default(3),
    /** How long a CRM sync waits for another sync of the same person or company before it gives up and retries later. */
    CRM_LOCK_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(60),
    BATON_DATA_DIR: z.string().default(".data"),
    /** Below Linux's ephemeral port range (32768-60999), where a client connection could hold it first. */
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(25329),
    AUTH_SECRET: optional(z.string().min(16, "AUTH_SECRET must be at least 16 characters")),
    /** Encrypts connection secrets at rest (AES-256-GCM): 32 bytes as base64 or 64 hex digits. Unset with the embedded database: a key generated beside its data. */
    BATON_ENCRYPTION_KEY: optional(
      z
        .string()
        .refine(
          (v) => /^[0-9a-fA-F]{64}$/.test(v) || Buffer.from(v, "base64").length === 32,
          "BATON_ENCRYPTION_KEY must be 32 bytes, as base64 or 64 hex digits (openssl rand -base64 32)",
        ),
    ),
    APP_URL: z.url().default("http://127.0.0.1:3000"),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
    /** Set: the AI SDK extracts facts and writes summaries (the rules still decide). Unset: the deterministic agent. */
    OPENAI_API_KEY: optional(z.string().min(1)),
    /** Any OpenAI-compatible server, e.g. http://127.0.0.1:11434/v1. */
    OPENAI_BASE_URL: optional(z.url()),
    OPENAI_MODEL: z.string().min(1).default("gpt-4.1-mini"),
    /** Set (e.g. text-embedding-3-small), with a key: the knowledge base also retrieves by embedding (POST /v1/embeddings). */
    OPENAI_EMBEDDING_MODEL: optional(z.string().min(1)),
    /** Past this the model call is abandoned and the deterministic agent answers. */
    OPENAI_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(8_000),
    /** Secret for intake HMAC signatures (X-Baton-Signature). Unset: only API keys are accepted. */
    INTAKE_SIGNING_SECRET: optional(z.string().min(16, "INTAKE_SIGNING_SECRET must be at least 16 characters")),
    /** Intake requests allowed per API key (or signer) per minute. */
    INTAKE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
    /** "on": intake answers carry a Server-Timing header (read, auth, parse, triage, record), for the bench; off by default, as it shows the internals' timing to any caller. */
    INTAKE_SERVER_TIMING: z.enum(["on", "off"]).default("off"),
    /** REST API v1 requests allowed per API key per minute (past it: 429 with Retry-After). */
    API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
    /**
     * Hosts an outbound webhook may reach even though they resolve to a loopback or private address
     * (a local n8n, the tests' stand-ins), comma-separated; every other such target is refused (SSRF).
     */
    WEBHOOK_ALLOWED_PRIVATE_HOSTS: z
      .string()
      .default("")
      .transform((v) =>
        v
          .split(",")
          .map((h) => h.trim().toLowerCase())
          .filter(Boolean),
      ),
    /** The wait before each retry of a failed webhook, in seconds, comma-separated; unset: the Standard Webhooks example (5 s … 24 h). */
    WEBHOOK_RETRY_SCHEDULE_SECONDS: optional(
      z
        .string()
        .regex(/^\s*\d+(\.\d+)?(\s*,\s*\d+(\.\d+)?)*\s*$/, "WEBHOOK_RETRY_SCHEDULE_SECONDS must be seconds, comma-separated")
        .transform((v) => v.split(",").map((s) => Number(s.trim()))),
    ),
    /** One webhook request's limit, connection to last byte read. */
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(15_000),
    /** An endpoint that has failed for this many days without one success is switched off and the admins told. */
    WEBHOOK_DISABLE_AFTER_DAYS: z.coerce.number().positive().max(365).default(5),
    /** Failed sign-ins allowed per account (email) per window; past it the account's sign-in waits for the window to end. */
    LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(10_000).default(10),
    /** Failed sign-ins allowed per client address per window, whatever the accounts tried. */
    LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).max(100_000).default(50),
    LOGIN_FAILURE_WINDOW_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
    /**
     * Comma-separated origins allowed to embed the chat widget (/chat) in an iframe, e.g.
     * https://www.example.com,https://shop.example.com. Unset: only this app's own pages. Every other page never frames.
     * The default: a list saved on /admin/connections replaces it (lib/chat/widget-origins.ts).
     */
    CHAT_WIDGET_ALLOWED_ORIGINS: optional(
      z
        .string()
        .transform((v) =>
          v
            .split(",")
            .map((o) => o.trim())
            .filter(Boolean),
        )
        .pipe(
          z.array(
            z
              .string()
              .refine(isOrigin, { message: "each entry must be an origin like https://www.example.com (scheme and host, no path)" })
              .transform((o) => new URL(o).origin),
          ),
        ),
    ),
    /** Where handoffs are logged: `builtin` (records in this database, under /crm), `hubspot` or `salesforce`; /admin/connections can choose another. */
    CRM_ADAPTER: z.enum(["builtin", "hubspot", "salesforce"]).default("builtin"),
    /** The org's My Domain (https://acme.my.salesforce.com): its token endpoint and REST API. */
    SALESFORCE_INSTANCE_URL: optional(z.url()),
    /** The External Client App's consumer key and secret (client credentials flow, with a Run As user). */
    SALESFORCE_CLIENT_ID: optional(z.string().min(1)),
    SALESFORCE_CLIENT_SECRET: optional(z.string().min(1)),
    /** The REST API version, e.g. 67.0 (Summer '26); blank: the newest the org lists. */
    SALESFORCE_API_VERSION: optional(z.string().regex(/^\d{2,3}\.\d$/, "must be an API version such as 67.0")),
    /** Past this a Salesforce call counts as failed and is retried with backoff. */
    SALESFORCE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
    /** A HubSpot private app's token (scopes: crm.objects.*, crm.schemas.*.write, crm.objects.owners.read). */
    HUBSPOT_ACCESS_TOKEN: optional(z.string().min(1)),
    HUBSPOT_API_URL: z.url().default("https://api.hubapi.com"),
    /** Requests allowed per portal per window: HubSpot's Free/Starter limit is 100 per 10 s. */
    HUBSPOT_RATE_LIMIT_MAX: z.coerce.number().int().min(1).max(10_000).default(100),
    HUBSPOT_RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(100).max(86_400_000).default(10_000),
    /** Past this a HubSpot call counts as failed and is retried with backoff. */
    HUBSPOT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    /** The secret of the Cal.com webhook (X-Cal-Signature-256); /admin/connections wins over it. */
    CALCOM_WEBHOOK_SECRET: optional(z.string().min(16)),
    /** The signing key of the Calendly webhook subscription (Calendly-Webhook-Signature); /admin/connections wins over it. */
    CALENDLY_SIGNING_KEY: optional(z.string().min(16)),
    /** Slack incoming webhook: every Slack notification posts here. */
    SLACK_WEBHOOK_URL: optional(z.url()),
    /** Slack bot token (xoxb-…): chat.postMessage to each person's or team's channel. Wins over the webhook when both are set. */
    SLACK_BOT_TOKEN: optional(z.string().regex(/^xox[a-z]-/, "SLACK_BOT_TOKEN must be a Slack token (xoxb-…)")),
    /** Slack's Web API base; a stand-in in tests and the demo. */
    SLACK_API_URL: z.url().default("https://slack.com/api/"),
    /** With a bot token: where a notification goes when neither the person nor the team names a channel. */
    SLACK_DEFAULT_CHANNEL: optional(z.string().min(1)),
    /** Outgoing mail, e.g. smtp://user:pass@smtp.example.com:587 (smtps:// for implicit TLS). Unset: no email. */
    SMTP_URL: optional(z.url()),
    EMAIL_FROM: z.string().min(3).default("Baton <baton@localhost>"),
    /** The sales mailbox (IMAP) read by the worker, when /admin/connections has none: imap://user:pass@host:143/INBOX (imaps:// for TLS). */
    MAILBOX_URL: optional(z.url()),
    /** The address leads write to (the mailbox's); replies go out from it with a reply token (sales+r-…@). */
    MAILBOX_ADDRESS: optional(z.email()),
    /** `off`: this worker does not read the mailbox (another one does). */
    MAILBOX_READER: z.enum(["on", "off"]).default("on"),
    /** How often the mailbox reader polls when the server has no IDLE (and how long an IDLE waits before re-checking). */
    MAILBOX_POLL_SECONDS: z.coerce.number().min(0.2).max(600).default(30),
    /** Emails one sender may send in an hour before the rest are quarantined as a flood. */
    EMAIL_SENDER_LIMIT_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(30),
    /** Loop protection: at most this many agent emails to one lead a day. */
    EMAIL_AGENT_MAX_PER_LEAD_PER_DAY: z.coerce.number().int().min(0).max(100).default(3),
    /** Jobs each worker process runs at once, per queue. */
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
    /** How often an idle worker looks for jobs. */
    WORKER_POLL_SECONDS: z.coerce.number().min(0.5).max(60).default(1),
    /** How often the worker fails expired jobs and those whose worker died (heartbeat lost). */
    WORKER_SUPERVISE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
    /** How often the worker says it is alive (worker_heartbeats), on a connection of its own. */
    WORKER_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(300).default(5),
    /** A queue whose oldest ready job waited longer than this is stuck: /api/health answers 503, managers and admins are told. */
    WORKER_STALL_MINUTES: z.coerce
      .number()
      .min(0.05)
      .max(24 * 60)
      .default(5),
    /** The worker is silent when its last heartbeat is older than this. */
    WORKER_SILENT_SECONDS: z.coerce.number().int().min(5).max(3600).default(30),
    /** Comma-separated queues this worker runs (e.g. `crm-sync` on its own machine); unset: all of them. */
    WORKER_QUEUES: optional(z.string().regex(/^[a-z-]+(,[a-z-]+)*$/, "WORKER_QUEUES must be queue names separated by commas, e.g. notify,remind")),
    /** Signs the one-click approve/deny links in approval emails; unset: derived from AUTH_SECRET. */
    APPROVAL_LINK_SECRET: optional(z.string().min(16, "APPROVAL_LINK_SECRET must be at least 16 characters")),
    /** How long an emailed approve/deny link works. */
    APPROVAL_LINK_TTL_HOURS: z.coerce
      .number()
      .min(0.1)
      .max(24 * 30)
      .default(48),
    /** How long an approval request the agent proposed waits for a person before it expires. */
    APPROVAL_TTL_HOURS: z.coerce
      .number()
      .min(0.1)
      .max(24 * 90)
      .default(48),
    /** Slack app signing secret: verifies approve/deny button clicks (POST /api/slack/interactions). */
    SLACK_SIGNING_SECRET: optional(z.string().min(8)),
    /** Demo only: the stand-ins' inspection URLs, shown on /admin/messages. */
    DEMO_SLACK_OUTBOX_URL: optional(z.url()),
    DEMO_SMTP_OUTBOX_URL: optional(z.url()),
    /** Demo only: the port of the demo's local IMAP server (Dovecot); unset: a free one. */
    DEMO_IMAP_PORT: optional(z.coerce.number().int().min(1024).max(65_535)),
  })
  .refine((e) => e.CRM_ADAPTER !== "hubspot" || e.HUBSPOT_ACCESS_TOKEN, {
    path: ["HUBSPOT_ACCESS_TOKEN"],
    message: "required when CRM_ADAPTER=hubspot",
  })
  .refine((e) => e.CRM_ADAPTER !== "salesforce" || (e.SALESFORCE_INSTANCE_URL && e.SALESFORCE_CLIENT_ID && e.SALESFORCE_CLIENT_SECRET), {
    path: ["SALESFORCE_CLIENT_SECRET"],
    message: "SALESFORCE_INSTANCE_URL, SALESFORCE_CLIENT_ID and SALESFORCE_CLIENT_SECRET are required when CRM_ADAPTER=salesforce",
  });

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    // An empty variable means "not set" for libraries too (e.g. @ai-sdk/openai throws on an empty
    // OPENAI_BASE_URL when loaded), so empty settings are removed before anything else reads them.
    for (const key of Object.keys(envSchema.shape)) if (process.env[key] === "") delete process.env[key];
    const parsed = envSchema.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`Invalid environment: ${problems}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** For tests and scripts that change the environment after start. */
export function resetEnvCache(): void {
  cached = undefined;
}

/**
 * Every database connection's bounds, in milliseconds as Postgres takes them: a statement, a lock
 * wait and a transaction left idle each end with an error instead of holding a connection forever.
 */
export function connectionBounds(settings: Env = env()): { statement_timeout: number; lock_timeout: number; idle_in_transaction_session_timeout: number } {
  return {
    statement_timeout: settings.DATABASE_STATEMENT_TIMEOUT_SECONDS * 1000,
    lock_timeout: settings.DATABASE_LOCK_TIMEOUT_SECONDS * 1000,
    idle_in_transaction_session_timeout: settings.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS * 1000,
  };
}
