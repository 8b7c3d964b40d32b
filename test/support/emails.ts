import { randomUUID } from "node:crypto";

/** A raw RFC 5322 message as a mail client writes one (CRLF lines), for appending to the Dovecot stand-in. */
export function rawEmail(options: {
  from: string;
  to?: string;
  subject: string;
  body: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  headers?: Record<string, string>;
  date?: Date;
}): { raw: string; messageId: string } {
  const messageId = options.messageId ?? `${randomUUID()}@mail.example.test`;
  const lines = [
    `From: ${options.from}`,
    `To: ${options.to ?? "Sales <sales@baton.test>"}`,
    `Subject: ${options.subject}`,
    `Date: ${(options.date ?? new Date()).toUTCString()}`,
    `Message-ID: <${messageId}>`,
    ...(options.inReplyTo ? [`In-Reply-To: <${options.inReplyTo}>`] : []),
    ...(options.references?.length ? [`References: ${options.references.map((r) => `<${r}>`).join(" ")}`] : []),
    ...Object.entries(options.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    ...options.body.split("\n"),
    "",
  ];
  return { raw: lines.join("\r\n"), messageId };
}

/** An RFC 3464 bounce of `originalMessageId` sent to `recipient`. */
export function rawBounce(options: { recipient: string; originalMessageId: string; status?: string }): { raw: string; messageId: string } {
  const messageId = `${randomUUID()}@mx.baton.test`;
  const status = options.status ?? "5.1.1";
  const raw = [
    "Return-Path: <>",
    "From: Mail Delivery System <MAILER-DAEMON@mx.baton.test>",
    "To: sales@baton.test",
    "Subject: Undelivered Mail Returned to Sender",
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${messageId}>`,
    "Auto-Submitted: auto-replied",
    "MIME-Version: 1.0",
    'Content-Type: multipart/report; report-type=delivery-status; boundary="BNDRY"',
    "",
    "--BNDRY",
    "Content-Type: text/plain; charset=us-ascii",
    "",
    "Your message could not be delivered.",
    "",
    "--BNDRY",
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; mx.baton.test",
    "",
    `Final-Recipient: rfc822; ${options.recipient}`,
    `Action: ${status.startsWith("5") ? "failed" : "delayed"}`,
    `Status: ${status}`,
    `Diagnostic-Code: smtp; 550 ${status} <${options.recipient}>: User unknown`,
    "",
    "--BNDRY",
    "Content-Type: text/rfc822-headers",
    "",
    "From: Sales <sales@baton.test>",
    `To: ${options.recipient}`,
    `Message-ID: <${options.originalMessageId}>`,
    "",
    "--BNDRY--",
    "",
  ].join("\r\n");
  return { raw, messageId };
}
