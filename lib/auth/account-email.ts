import { randomUUID } from "node:crypto";
import { loadConnectionSettings } from "@/lib/connections/load-connection-settings";
import { env } from "@/lib/env";
import { messageIdFor, sendEmail } from "@/lib/notifications/email";

/**
 * Invitation and reset emails, sent at once over the SMTP connection (not queued: the job table
 * would keep the link's token in the clear, and the link is only ever in this email).
 */
export async function sendAccountEmail(input: { to: string; subject: string; text: string }): Promise<void> {
  const smtp = (await loadConnectionSettings()).smtp;
  if (!smtp.url) throw new AccountEmailUnavailable();
  await sendEmail({
    smtpUrl: smtp.url,
    from: smtp.from,
    to: input.to,
    message: { subject: input.subject, text: input.text, html: plainHtml(input.text) },
    messageId: messageIdFor(`account.${randomUUID()}`, smtp.from),
  });
}

export class AccountEmailUnavailable extends Error {
  constructor() {
    super("Outgoing email (SMTP) is not configured on Connections, so the email cannot be sent.");
    this.name = "AccountEmailUnavailable";
  }
}

export async function accountEmailConfigured(): Promise<boolean> {
  return Boolean((await loadConnectionSettings()).smtp.url);
}

/** A link on this site, from APP_URL. */
export function appLink(path: string): string {
  return new URL(path, env().APP_URL).toString();
}

export function invitationEmail({ name, link, invitedBy, sso }: { name: string | null; link: string; invitedBy: string; sso: boolean }) {
  return {
    subject: "You are invited to Baton",
    text: [
      `Hello${name ? ` ${name}` : ""},`,
      "",
      `${invitedBy} invited you to Baton, the sales handoff console.`,
      sso ? "Open this link to choose a password, or sign in with your company's single sign-on:" : "Open this link to choose your password:",
      "",
      link,
      "",
      "The link works once and expires in 7 days.",
    ].join("\n"),
  };
}

export function passwordResetEmail({ link }: { link: string }) {
  return {
    subject: "Reset your Baton password",
    text: [
      "Someone asked to reset the password of the Baton account for this address.",
      "",
      "Open this link to choose a new password (it works once, for 30 minutes):",
      "",
      link,
      "",
      "Choosing a new password signs you out everywhere. If you did not ask for this, ignore this email: your password stays as it is.",
    ].join("\n"),
  };
}

// The text as HTML, each line escaped, links kept clickable.
function plainHtml(text: string): string {
  const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  const lines = text.split("\n").map((line) => (/^https?:\/\/\S+$/.test(line) ? `<a href="${escape(line)}">${escape(line)}</a>` : escape(line)));
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a;max-width:640px"><p>${lines.join("<br>")}</p></body></html>`;
}
