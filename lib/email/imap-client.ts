import { ImapFlow } from "imapflow";

export type MailboxSettings = {
  host: string;
  port: number;
  security: "tls" | "starttls" | "none";
  user: string;
  password: string;
  folder: string;
  address?: string;
};

/** An imapflow client for the settings, with bounded connect/greeting/socket waits and no logging of mail. */
export function imapClient(settings: MailboxSettings, timeoutMs = 20_000): ImapFlow {
  return new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.security === "tls",
    doSTARTTLS: settings.security === "starttls" ? true : settings.security === "none" ? false : undefined,
    auth: { user: settings.user, pass: settings.password },
    logger: false,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    // IDLE keeps the socket quiet for minutes; imapflow re-issues IDLE well within this.
    socketTimeout: Math.max(timeoutMs, 5 * 60_000),
    emitLogs: false,
  });
}

/** The key the reader's cursor is stored under: one per mailbox and folder. */
export function mailboxKey(settings: MailboxSettings): string {
  return `${settings.user}@${settings.host}:${settings.port}/${settings.folder}`.slice(0, 500);
}

/** Logs in and reads the folder's STATUS: the connection test button. */
export async function mailboxStatus(
  settings: MailboxSettings,
  timeoutMs: number,
): Promise<{ ok: true; folder: string; messages: number; uidValidity: string; uidNext: number } | { ok: false; message: string }> {
  const client = imapClient(settings, timeoutMs);
  client.on("error", () => undefined);
  const timer = setTimeout(() => client.close(), timeoutMs);
  try {
    await client.connect();
    const status = await client.status(settings.folder, { messages: true, uidNext: true, uidValidity: true });
    if (!status) return { ok: false, message: `The folder ${settings.folder} does not exist on the server.` };
    return {
      ok: true,
      folder: settings.folder,
      messages: status.messages ?? 0,
      uidValidity: String(status.uidValidity ?? ""),
      uidNext: Number(status.uidNext ?? 0),
    };
  } catch (error) {
    return { ok: false, message: describeImapError(error, settings) };
  } finally {
    clearTimeout(timer);
    await client.logout().catch(() => client.close());
  }
}

export function describeImapError(error: unknown, settings: MailboxSettings): string {
  const e = error as { authenticationFailed?: boolean; code?: string; responseText?: string; serverResponseCode?: string; message?: string };
  if (e.authenticationFailed)
    return `The server refused the login for ${settings.user}: check the user and password (an app password where the provider requires one).`;
  if (e.code === "ECONNREFUSED") return `Nothing answers on ${settings.host}:${settings.port}: check the host and port.`;
  if (e.code === "ENOTFOUND" || e.code === "EAI_AGAIN") return `The host ${settings.host} is not known (DNS).`;
  if (e.code === "ETIMEDOUT" || e.code === "CONNECT_TIMEOUT" || e.code === "GREETING_TIMEOUT")
    return `${settings.host}:${settings.port} did not answer in time.`;
  if (e.serverResponseCode === "NONEXISTENT" || /doesn't exist|not exist|unknown mailbox/i.test(e.responseText ?? ""))
    return `The folder ${settings.folder} does not exist on the server.`;
  if (/self[- ]signed|certificate|SSL|TLS/i.test(e.message ?? ""))
    return `TLS failed with ${settings.host}: ${e.message}. Check the Security setting (TLS on 993, STARTTLS on 143).`;
  return `The mailbox could not be read: ${e.responseText ?? e.message ?? String(error)}`;
}
