import nodemailer, { type Transporter } from "nodemailer";
import { loadOutboundEmail, markOutboundEmail } from "@/db/queries/mailbox";
import { loadConnectionSettings } from "@/lib/connections/load-connection-settings";
import { nodemailerMessage } from "@/lib/email/compose";
import { replyAddress } from "@/lib/email/reply-token";
import { PermanentJobError } from "@/lib/jobs/define-job";
import type { Logger } from "@/lib/logger";

const transports = new Map<string, Transporter>();

function transportFor(smtpUrl: string): Transporter {
  let transport = transports.get(smtpUrl);
  if (!transport) {
    const url = new URL(smtpUrl);
    const secure = url.protocol === "smtps:";
    transport = nodemailer.createTransport({
      host: url.hostname,
      port: url.port ? Number(url.port) : secure ? 465 : 587,
      secure,
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
    transports.set(smtpUrl, transport);
  }
  return transport;
}

/**
 * The email-send job: the recorded email, sent once over SMTP with the Message-ID it was recorded
 * with (a retry after a crash between the server's 250 and our mark carries the same id, so a mail
 * store keeps one copy). A 5xx refusal fails it for good and says so on the package's timeline.
 */
export async function sendRecordedEmail(emailId: string, log: Logger): Promise<void> {
  const row = await loadOutboundEmail(emailId);
  if (!row) throw new PermanentJobError(`No outgoing email ${emailId}.`);
  const { email } = row;
  if (email.deliveryStatus === "sent") return;
  const smtp = (await loadConnectionSettings()).smtp;
  if (!smtp.url) throw new Error("Outgoing email (SMTP) is not configured; retrying until it is.");
  const to = email.toAddresses[0];
  if (!to || !email.body) throw new PermanentJobError(`Outgoing email ${emailId} has no recipient or body.`);
  const message = nodemailerMessage({
    from: { name: email.fromName ?? "Baton", address: email.fromAddress },
    replyTo: row.replyToken ? replyAddress(email.fromAddress, row.replyToken) : email.fromAddress,
    to,
    subject: email.subject,
    text: email.body,
    messageId: email.messageId,
    inReplyTo: email.inReplyTo,
    references: email.references,
    automatic: email.kind === "agent",
  });
  try {
    await transportFor(smtp.url).sendMail(message);
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode;
    const text = `Email not sent: ${error instanceof Error ? error.message : String(error)}`;
    if (typeof code === "number" && code >= 500 && code < 600) {
      await markOutboundEmail(emailId, { sent: false, error: text, handoffId: email.handoffId });
      throw new PermanentJobError(text);
    }
    throw new Error(text);
  }
  await markOutboundEmail(emailId, { sent: true });
  log.info("email sent", { emailId, kind: email.kind });
}
