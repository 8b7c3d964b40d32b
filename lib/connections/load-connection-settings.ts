import { listConnectionRows } from "@/db/queries/connections";
import type { ConnectionSettingsRow } from "@/db/schema";
import { decryptSecret } from "@/lib/connections/encryption";
import { encryptionKey } from "@/lib/connections/encryption-key";
import { configSchemas, connectionKinds, secretFields, secretSchemas, type ConnectionKind } from "@/lib/connections/schema";
import { env, type Env } from "@/lib/env";

export type ConnectionSource = "database" | "environment";

export type ResolvedConnections = {
  slack: { source: ConnectionSource; botToken?: string; webhookUrl?: string; apiUrl: string; defaultChannel?: string };
  smtp: { source: ConnectionSource; url?: string; from: string };
  /** The sales mailbox the worker reads; `host` unset: none. */
  imap: {
    source: ConnectionSource;
    host?: string;
    port: number;
    security: "tls" | "starttls" | "none";
    user?: string;
    password?: string;
    folder: string;
    address?: string;
  };
  hubspot: { source: ConnectionSource; accessToken?: string; apiUrl: string };
  salesforce: {
    source: ConnectionSource;
    instanceUrl?: string;
    clientId?: string;
    clientSecret?: string;
    apiVersion?: string;
    stageQualified: string;
    stageInProgress: string;
    stageWon: string;
    stageLost: string;
    closeDays: number;
  };
  llm: { source: ConnectionSource; apiKey?: string; baseUrl?: string; model: string; embeddingModel?: string };
  calcom: { source: ConnectionSource; webhookSecret?: string };
  calendly: { source: ConnectionSource; signingKey?: string };
};

/** A saved row, its secrets decrypted. */
export type DecryptedConnection = { kind: ConnectionKind; config: Record<string, unknown>; secrets: Record<string, string> };

/**
 * What the Slack, SMTP, HubSpot and LLM clients use: the settings saved on /admin/connections, else
 * the environment. Read on every call (a handful of rows), never cached: an admin saves in one app
 * process while the notifications, syncs and intakes run in others, and a copy per process kept
 * them on a token or server the admin had just replaced.
 */
export async function loadConnectionSettings(): Promise<ResolvedConnections> {
  return resolveConnections(decryptRows(await listConnectionRows()), env());
}

export function decryptRows(rows: readonly ConnectionSettingsRow[]): DecryptedConnection[] {
  if (rows.length === 0) return [];
  const key = encryptionKey();
  return rows.flatMap((row) => {
    const kind = connectionKinds.find((k) => k === row.kind);
    if (!kind) return [];
    const secrets = Object.fromEntries(Object.entries(row.secrets).map(([field, token]) => [field, decryptSecret(token, key, secretContext(kind, field))]));
    return [{ kind, config: row.config, secrets }];
  });
}

/** The associated data a secret is encrypted with: it only decrypts as the same field of the same service. */
export function secretContext(kind: ConnectionKind, field: string): string {
  return `connection:${kind}:${field}`;
}

/**
 * Per service: the saved row when there is one (all of it), else the environment's settings. A saved
 * row that does not pass today's validation (saved before it was checked, or edited by hand) is not
 * used: the environment's settings stay in force, and /admin/connections says so (`unusableSaved`).
 */
export function resolveConnections(rows: readonly DecryptedConnection[], e: Env): ResolvedConnections {
  const row = (kind: ConnectionKind) => {
    const found = rows.find((r) => r.kind === kind);
    return found && savedRowProblem(found) === null ? found : undefined;
  };
  const slack = row("slack");
  const smtp = row("smtp");
  const hubspot = row("hubspot");
  const salesforce = row("salesforce");
  const llm = row("llm");
  const calcom = row("calcom");
  const calendly = row("calendly");
  const imap = row("imap");
  return {
    slack: slack
      ? { source: "database", ...configSchemas.slack.parse(slack.config), ...pick(slack.secrets, secretFields.slack) }
      : {
          source: "environment",
          botToken: e.SLACK_BOT_TOKEN,
          webhookUrl: e.SLACK_WEBHOOK_URL,
          apiUrl: e.SLACK_API_URL,
          defaultChannel: e.SLACK_DEFAULT_CHANNEL,
        },
    smtp: smtp
      ? { source: "database", ...configSchemas.smtp.parse(smtp.config), ...pick(smtp.secrets, secretFields.smtp) }
      : { source: "environment", url: e.SMTP_URL, from: e.EMAIL_FROM },
    imap: imap
      ? { source: "database", ...configSchemas.imap.parse(imap.config), ...pick(imap.secrets, secretFields.imap) }
      : { source: "environment", ...imapFromUrl(e.MAILBOX_URL, e.MAILBOX_ADDRESS) },
    hubspot: hubspot
      ? { source: "database", ...configSchemas.hubspot.parse(hubspot.config), ...pick(hubspot.secrets, secretFields.hubspot) }
      : { source: "environment", accessToken: e.HUBSPOT_ACCESS_TOKEN, apiUrl: e.HUBSPOT_API_URL },
    salesforce: salesforce
      ? { source: "database", ...configSchemas.salesforce.parse(salesforce.config), ...pick(salesforce.secrets, secretFields.salesforce) }
      : {
          source: "environment",
          ...configSchemas.salesforce.parse({}),
          instanceUrl: e.SALESFORCE_INSTANCE_URL,
          clientId: e.SALESFORCE_CLIENT_ID,
          clientSecret: e.SALESFORCE_CLIENT_SECRET,
          apiVersion: e.SALESFORCE_API_VERSION,
        },
    llm: llm
      ? { source: "database", ...configSchemas.llm.parse(llm.config), ...pick(llm.secrets, secretFields.llm) }
      : { source: "environment", apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL, embeddingModel: e.OPENAI_EMBEDDING_MODEL },
    calcom: calcom ? { source: "database", ...pick(calcom.secrets, secretFields.calcom) } : { source: "environment", webhookSecret: e.CALCOM_WEBHOOK_SECRET },
    calendly: calendly
      ? { source: "database", ...pick(calendly.secrets, secretFields.calendly) }
      : { source: "environment", signingKey: e.CALENDLY_SIGNING_KEY },
  };
}

/** The first problem of a saved row under today's validation ("from: must be a sender…"), or null. */
export function savedRowProblem(row: DecryptedConnection): string | null {
  const config = configSchemas[row.kind].safeParse(row.config);
  const secrets = secretSchemas[row.kind].safeParse(row.secrets);
  const issue = (!config.success ? config.error.issues[0] : undefined) ?? (!secrets.success ? secrets.error.issues[0] : undefined);
  return issue ? `${issue.path.join(".") || "settings"}: ${issue.message}` : null;
}

/** MAILBOX_URL, imap://user:pass@host:143/INBOX or imaps://…: the environment's mailbox. */
export function imapFromUrl(value: string | undefined, address: string | undefined): Omit<ResolvedConnections["imap"], "source"> {
  if (!value) return { port: 993, security: "tls", folder: "INBOX", address };
  const url = new URL(value);
  const secure = url.protocol === "imaps:";
  const folder = decodeURIComponent(url.pathname.replace(/^\//, "")) || "INBOX";
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 993 : 143,
    // imap:// is STARTTLS unless the URL says ?security=none (a server on the same host, a test).
    security: secure ? "tls" : url.searchParams.get("security") === "none" ? "none" : "starttls",
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    folder,
    address: address ?? (url.username.includes("@") ? decodeURIComponent(url.username) : undefined),
  };
}

function pick(secrets: Record<string, string>, fields: readonly string[]): Record<string, string> {
  return Object.fromEntries(fields.flatMap((f) => (secrets[f] ? [[f, secrets[f]]] : [])));
}
