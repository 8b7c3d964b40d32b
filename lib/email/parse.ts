import { createHash } from "node:crypto";
import PostalMime, { type Address, type Email } from "postal-mime";
import { htmlToText } from "@/lib/email/html-to-text";

/** Largest message Baton reads at all; bigger ones are quarantined (attachments of 25 MB fit). */
export const MAX_RAW_EMAIL_BYTES = 40 * 1024 * 1024;
/** Text past this is cut before triage (a lead's email is never this long; a pasted log is). */
export const MAX_TEXT_CHARS = 20_000;

export class EmailParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EmailParseError";
  }
}

export type EmailAddress = { name: string; email: string };
export type AttachmentInfo = { filename: string | null; mimeType: string; size: number };
export type DeliveryReport = {
  recipient: string | null;
  action: string | null;
  status: string | null;
  diagnostic: string | null;
  originalMessageId: string | null;
};

export type ParsedEmail = {
  /** Without angle brackets; synthesised from the content's hash when the message has none. */
  messageId: string;
  hasMessageId: boolean;
  inReplyTo: string | null;
  references: string[];
  from: EmailAddress;
  to: EmailAddress[];
  cc: EmailAddress[];
  subject: string;
  date: string | null;
  /** The whole body as text (HTML-only mail converted), NULs removed, cut at MAX_TEXT_CHARS. */
  text: string;
  htmlOnly: boolean;
  /** Lower-case header name → values, in order. */
  headers: Map<string, string[]>;
  attachments: AttachmentInfo[];
  rawSize: number;
  /** The delivery-status part of a bounce (RFC 3464), when there is one. */
  deliveryReport: DeliveryReport | null;
  contentType: string;
};

/** Parses one RFC 5322 message. Refuses (EmailParseError) what is not a mail: no headers, no sender. */
export async function parseEmail(raw: Uint8Array | string): Promise<ParsedEmail> {
  const bytes = typeof raw === "string" ? Buffer.from(raw, "utf8") : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  if (bytes.byteLength === 0) throw new EmailParseError("the message is empty");
  if (bytes.byteLength > MAX_RAW_EMAIL_BYTES) throw new EmailParseError(`the message is larger than ${MAX_RAW_EMAIL_BYTES / 1024 / 1024} MB`);
  const head = bytes.subarray(0, 4096).toString("latin1");
  if (!/^[\x21-\x39\x3b-\x7e]+:/m.test(head)) throw new EmailParseError("no mail headers found (not an RFC 5322 message)");
  let email: Email;
  try {
    email = await PostalMime.parse(bytes, { attachmentEncoding: "arraybuffer", maxNestingDepth: 50 });
  } catch (error) {
    throw new EmailParseError(`malformed MIME: ${error instanceof Error ? error.message : String(error)}`);
  }
  const headers = new Map<string, string[]>();
  for (const h of email.headers) headers.set(h.key, [...(headers.get(h.key) ?? []), h.value]);
  const from = firstMailbox(email.from) ?? firstMailbox(email.sender);
  if (!from || !from.email) throw new EmailParseError("no From address");

  const contentType = (headers.get("content-type")?.[0] ?? "text/plain").toLowerCase();
  const attachments: AttachmentInfo[] = [];
  let deliveryReport: DeliveryReport | null = null;
  let originalHeaders: string | null = null;
  for (const a of email.attachments) {
    const size = typeof a.content === "string" ? Buffer.byteLength(a.content) : a.content.byteLength;
    const mime = a.mimeType.toLowerCase();
    if (mime === "message/delivery-status") deliveryReport = readDeliveryStatus(decode(a.content));
    else if (mime === "text/rfc822-headers" || mime === "message/rfc822-headers") originalHeaders = decode(a.content).slice(0, 64 * 1024);
    else if (mime === "message/rfc822" && !originalHeaders)
      originalHeaders =
        decode(a.content)
          .slice(0, 64 * 1024)
          .split(/\r?\n\r?\n/)[0] ?? null;
    attachments.push({ filename: clean(a.filename ?? "") || null, mimeType: mime.slice(0, 200), size });
  }
  if (deliveryReport && originalHeaders) deliveryReport.originalMessageId = stripBrackets(/^message-id:\s*(<[^>\r\n]+>)/im.exec(originalHeaders)?.[1] ?? "");
  if (deliveryReport && !deliveryReport.originalMessageId) deliveryReport.originalMessageId = null;

  const htmlOnly = !email.text?.trim() && !!email.html;
  const body = htmlOnly ? htmlToText(email.html ?? "") : (email.text ?? "");
  const messageId = stripBrackets(email.messageId ?? "");
  return {
    messageId: messageId || `sha256-${createHash("sha256").update(bytes).digest("hex").slice(0, 40)}@baton.invalid`,
    hasMessageId: !!messageId,
    inReplyTo: idList(email.inReplyTo)[0] ?? null,
    references: idList(email.references),
    from,
    to: mailboxes(email.to),
    cc: mailboxes(email.cc),
    subject: clean(email.subject ?? "").slice(0, 998),
    date: email.date ?? null,
    text: clean(body).slice(0, MAX_TEXT_CHARS),
    htmlOnly,
    headers,
    attachments,
    rawSize: bytes.byteLength,
    deliveryReport,
    contentType,
  };
}

/** Message-ID list from In-Reply-To / References: each `<…>` without its brackets, at most 50. */
export function idList(value: string | undefined | null): string[] {
  if (!value) return [];
  const ids = [...value.matchAll(/<([^<>\s]{1,998})>/g)].map((m) => m[1]!);
  if (ids.length === 0 && /^[^<>\s]+@[^<>\s]+$/.test(value.trim())) ids.push(value.trim());
  return ids.slice(-50);
}

export function stripBrackets(id: string): string {
  return id.trim().replace(/^<|>$/g, "").trim();
}

function decode(content: ArrayBuffer | Uint8Array | string): string {
  if (typeof content === "string") return content;
  return Buffer.from(content instanceof ArrayBuffer ? new Uint8Array(content) : content).toString("utf8");
}

/** Removes what Postgres cannot store (NUL) and what no text needs (other C0 controls but tab/newline). */
function clean(s: string): string {
  return fixCp1252(s)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "")
    .replace(/\r\n?/g, "\n");
}

// Node decodes windows-1252 as latin1, so its 0x80-0x9f (€, curly quotes, dashes) come out as C1
// controls, which no real text contains: mapped back to what the sender typed.
const CP1252_C1 = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";
function fixCp1252(s: string): string {
  return s.replace(/[\u0080-\u009f]/g, (c) => {
    const mapped = CP1252_C1[c.charCodeAt(0) - 0x80];
    return mapped && mapped.charCodeAt(0) >= 0xa0 ? mapped : "";
  });
}

function firstMailbox(address: Address | undefined): EmailAddress | null {
  if (!address) return null;
  const box = address.address !== undefined ? address : address.group?.[0];
  if (!box?.address) return null;
  return {
    name: clean(box.name ?? "")
      .replace(/\n/g, " ")
      .trim()
      .slice(0, 300),
    email: box.address.trim().toLowerCase().slice(0, 320),
  };
}

function mailboxes(list: Address[] | undefined): EmailAddress[] {
  return (list ?? [])
    .flatMap((a) => (a.address !== undefined ? [a] : (a.group ?? [])))
    .filter((a) => a.address)
    .slice(0, 100)
    .map((a) => ({
      name: clean(a.name ?? "")
        .replace(/\n/g, " ")
        .trim()
        .slice(0, 300),
      email: a.address.trim().toLowerCase().slice(0, 320),
    }));
}

/** RFC 3464: the first recipient block's Final-Recipient, Action, Status and Diagnostic-Code. */
function readDeliveryStatus(text: string): DeliveryReport {
  const field = (name: string) =>
    new RegExp(`^${name}:\\s*(.+(?:\\r?\\n[ \\t].+)*)`, "im")
      .exec(text)?.[1]
      ?.replace(/\r?\n[ \t]+/g, " ")
      .trim() ?? null;
  const recipient = field("Final-Recipient") ?? field("Original-Recipient");
  return {
    recipient: recipient
      ? recipient
          .replace(/^[a-z0-9-]+;\s*/i, "")
          .replace(/^<|>$/g, "")
          .toLowerCase()
          .slice(0, 320)
      : null,
    action: field("Action")?.toLowerCase().slice(0, 40) ?? null,
    status: field("Status")?.slice(0, 20) ?? null,
    diagnostic: field("Diagnostic-Code")?.slice(0, 1000) ?? null,
    originalMessageId: null,
  };
}
