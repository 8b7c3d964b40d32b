import nodemailer, { type Transporter } from "nodemailer";
import { DeliveryError } from "@/lib/notifications/delivery-error";
import type { EmailMessage } from "@/lib/notifications/email-message";

const transports = new Map<string, Transporter>();

/**
 * Sends one email over SMTP. The Message-ID is derived from the delivery key, so a resend after a
 * crash carries the same id and mail stores that de-duplicate on it keep one copy.
 */
export async function sendEmail(input: { smtpUrl: string; from: string; to: string; message: EmailMessage; messageId: string }): Promise<{ ref: string }> {
  const transport = transportFor(input.smtpUrl);
  try {
    const info = await transport.sendMail({
      from: input.from,
      to: input.to,
      subject: input.message.subject,
      text: input.message.text,
      html: input.message.html,
      messageId: input.messageId,
    });
    return { ref: info.messageId ?? input.messageId };
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode;
    // 5xx SMTP replies are refusals (bad address, policy); connection failures and 4xx are worth retrying.
    const permanent = typeof code === "number" && code >= 500 && code < 600;
    throw new DeliveryError(`Email not sent: ${error instanceof Error ? error.message : String(error)}`, permanent);
  }
}

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
      // A few kept-open connections: a burst of notifications does not pay a handshake each.
      pool: true,
      maxConnections: 8,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
    transports.set(smtpUrl, transport);
  }
  return transport;
}

/** `<key@host>` from the delivery key: stable across retries, valid in a header. */
export function messageIdFor(deliveryKey: string, fromAddress: string): string {
  const host = /@([^>\s]+)/.exec(fromAddress)?.[1] ?? "baton.local";
  return `<${deliveryKey.replace(/[^a-zA-Z0-9.-]/g, ".")}@${host}>`;
}
