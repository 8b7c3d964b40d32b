import { z } from "zod";

// The one place that reads process.env: every setting is named, typed and defaulted here.
// An empty variable means "not set" (a blank line in a .env file, or a test unsetting it).
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

const envSchema = z.object({
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
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  AUTH_SECRET: optional(z.string().min(16, "AUTH_SECRET must be at least 16 characters")),
  /** Encrypts connection secrets at rest (AES-256-GCM): 32 bytes as base64 or 64 hex digits. Unset with the embedded database: a key generated beside its data. */
  BATON_ENCRYPTION_KEY: optional(z.string().refine((v) => /^[0-9a-fA-F]{64}$/.test(v) || Buffer.from(v, "base64").length === 32, "BATON_ENCRYPTION_KEY must be 32 bytes, as base64 or 64 hex digits (openssl rand -base64 32)")),
  APP_URL: z.url().default("http://127.0.0.1:3000"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  /** Set: the AI SDK extracts facts and writes summaries (the rules still decide). Unset: the deterministic agent. */
  OPENAI_API_KEY: optional(z.string().min(1)),
  /** Any OpenAI-compatible server, e.g. http://127.0.0.1:11434/v1. */
  OPENAI_BASE_URL: optional(z.url()),
  OPENAI_MODEL: z.string().min(1).default("gpt-4.1-mini"),
  /** Past this the model call is abandoned and the deterministic agent answers. */
  OPENAI_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(8_000),
  /** Secret for intake HMAC signatures (X-Baton-Signature). Unset: only API keys are accepted. */
  INTAKE_SIGNING_SECRET: optional(z.string().min(16, "INTAKE_SIGNING_SECRET must be at least 16 characters")),
  /** Intake requests allowed per API key (or signer) per minute. */
  INTAKE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  /** Failed sign-ins allowed per account (email) per window; past it the account's sign-in waits for the window to end. */
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(10_000).default(10),
  /** Failed sign-ins allowed per client address per window, whatever the accounts tried. */
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).max(100_000).default(50),
  LOGIN_FAILURE_WINDOW_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  /**
   * Comma-separated origins allowed to embed the chat widget (/chat) in an iframe, e.g.
   * https://www.example.com,https://shop.example.com. Unset: only this app's own pages. Every other page never frames.
   */
  CHAT_WIDGET_ALLOWED_ORIGINS: optional(
    z
      .string()
      .transform((v) => v.split(",").map((o) => o.trim()).filter(Boolean))
      .pipe(z.array(z.string().refine(isOrigin, { message: "each entry must be an origin like https://www.example.com (scheme and host, no path)" }).transform((o) => new URL(o).origin))),
  ),
  /** Where handoffs are logged: `builtin` (records in this database, under /crm) or `hubspot`. */
  CRM_ADAPTER: z.enum(["builtin", "hubspot"]).default("builtin"),
  /** A HubSpot private app's token (scopes: crm.objects.*, crm.schemas.*.write, crm.objects.owners.read). */
  HUBSPOT_ACCESS_TOKEN: optional(z.string().min(1)),
  HUBSPOT_API_URL: z.url().default("https://api.hubapi.com"),
  /** Requests allowed per portal per window: HubSpot's Free/Starter limit is 100 per 10 s. */
  HUBSPOT_RATE_LIMIT_MAX: z.coerce.number().int().min(1).max(10_000).default(100),
  HUBSPOT_RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(100).max(86_400_000).default(10_000),
  /** Past this a HubSpot call counts as failed and is retried with backoff. */
  HUBSPOT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
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
  /** Jobs each worker process runs at once, per queue. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** How often an idle worker looks for jobs. */
  WORKER_POLL_SECONDS: z.coerce.number().min(0.5).max(60).default(1),
  /** How often the worker fails expired jobs and those whose worker died (heartbeat lost). */
  WORKER_SUPERVISE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** How often the worker says it is alive (worker_heartbeats), on a connection of its own. */
  WORKER_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(300).default(5),
  /** A queue whose oldest ready job waited longer than this is stuck: /api/health answers 503, managers and admins are told. */
  WORKER_STALL_MINUTES: z.coerce.number().min(0.05).max(24 * 60).default(5),
  /** The worker is silent when its last heartbeat is older than this. */
  WORKER_SILENT_SECONDS: z.coerce.number().int().min(5).max(3600).default(30),
  /** Comma-separated queues this worker runs (e.g. `crm-sync` on its own machine); unset: all of them. */
  WORKER_QUEUES: optional(z.string().regex(/^[a-z-]+(,[a-z-]+)*$/, "WORKER_QUEUES must be queue names separated by commas, e.g. notify,remind")),
  /** Signs the one-click approve/deny links in approval emails; unset: derived from AUTH_SECRET. */
  APPROVAL_LINK_SECRET: optional(z.string().min(16, "APPROVAL_LINK_SECRET must be at least 16 characters")),
  /** How long an emailed approve/deny link works. */
  APPROVAL_LINK_TTL_HOURS: z.coerce.number().min(0.1).max(24 * 30).default(48),
  /** How long an approval request the agent proposed waits for a person before it expires. */
  APPROVAL_TTL_HOURS: z.coerce.number().min(0.1).max(24 * 90).default(48),
  /** Slack app signing secret: verifies approve/deny button clicks (POST /api/slack/interactions). */
  SLACK_SIGNING_SECRET: optional(z.string().min(8)),
  /** Demo only: the stand-ins' inspection URLs, shown on /admin/messages. */
  DEMO_SLACK_OUTBOX_URL: optional(z.url()),
  DEMO_SMTP_OUTBOX_URL: optional(z.url()),
}).refine((e) => e.CRM_ADAPTER !== "hubspot" || e.HUBSPOT_ACCESS_TOKEN, {
  path: ["HUBSPOT_ACCESS_TOKEN"],
  message: "required when CRM_ADAPTER=hubspot",
});

export type Env = z.infer<typeof envSchema>;

// An origin is what a browser compares for frame-ancestors: scheme, host and port, nothing else.
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.origin === value.replace(/\/$/, "");
  } catch {
    return false;
  }
}

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
