import { loadConnectionSettings } from "@/lib/connections/load-connection-settings";
import type { MailboxSettings } from "@/lib/email/imap-client";

/** The sales mailbox in force (/admin/connections, else MAILBOX_URL), or null when none is configured. */
export async function mailboxSettings(): Promise<MailboxSettings | null> {
  const { imap } = await loadConnectionSettings();
  if (!imap.host || !imap.user || !imap.password) return null;
  return { host: imap.host, port: imap.port, security: imap.security, user: imap.user, password: imap.password, folder: imap.folder, address: imap.address };
}
