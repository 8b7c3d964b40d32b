// What Baton sends to a lead, composed so nothing a person or a lead typed can add a header:
// CR, LF, NUL and other controls are removed from every header value, names lose the characters
// that would end a display name, and Message-IDs are checked before they go into threading headers.

/** One header line's worth of text: no control characters, whitespace collapsed, at most `max` characters. */
export function headerText(value: string, max = 250): string {
  return value
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, max);
}

/** A display name: header-safe, without quotes, angle brackets or backslashes (nodemailer quotes and encodes the rest). */
export function displayName(name: string): string {
  return headerText(name.replace(/["<>\\]/g, ""), 120);
}

const MESSAGE_ID = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,200}@[A-Za-z0-9.-]{1,200}$|^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,200}@\[[0-9a-fA-F:.]{1,60}\]$/;

/** A Message-ID fit to repeat in In-Reply-To/References (without brackets), or null. */
export function safeMessageId(id: string | null | undefined): string | null {
  return id && MESSAGE_ID.test(id) ? id : null;
}

/** "Re: <subject>", once: a subject that already says Re:/RE:/AW:/RV: keeps it. */
export function replySubject(subject: string): string {
  const clean = headerText(subject, 200) || "Your enquiry";
  return /^(re|aw|sv|antw|rv|r)\s*:/i.test(clean) ? clean : `Re: ${clean}`;
}

/**
 * In-Reply-To and References for an answer to `parent` (RFC 5322 3.6.4): the parent's References
 * plus the parent itself, the oldest kept first and the chain cut to the last 20.
 */
export function threadingHeaders(parent: { messageId: string; references: string[] } | null): { inReplyTo: string | null; references: string[] } {
  if (!parent || !safeMessageId(parent.messageId)) return { inReplyTo: null, references: [] };
  const chain = [...parent.references.filter((r) => safeMessageId(r)), parent.messageId];
  const unique = chain.filter((id, i) => chain.indexOf(id) === i);
  const references = unique.length > 20 ? [unique[0]!, ...unique.slice(-19)] : unique;
  return { inReplyTo: parent.messageId, references };
}

/** The domain a new Message-ID is made under: the sending address's. */
export function messageIdFor(localPart: string, fromAddress: string): string {
  const domain = /@([A-Za-z0-9.-]+)$/.exec(fromAddress)?.[1] ?? "baton.invalid";
  return `${localPart.replace(/[^A-Za-z0-9.-]/g, ".")}@${domain}`;
}

/** The text a lead reads: the new words, then the last message they wrote, quoted. */
export function replyBody(text: string, quoted: { from: string; at: Date; text: string } | null): string {
  const body = text
    .replace(/\r\n?/g, "\n")
    .replace(/\u0000/g, "")
    .trim();
  if (!quoted?.text.trim()) return `${body}\n`;
  const when = quoted.at.toUTCString().replace(" GMT", " UTC");
  const lines = quoted.text
    .trim()
    .split("\n")
    .slice(0, 60)
    .map((l) => `> ${l}`);
  return `${body}\n\nOn ${when}, ${headerText(quoted.from, 200)} wrote:\n${lines.join("\n")}\n`;
}

export type OutgoingLeadEmail = {
  from: { name: string; address: string };
  replyTo: string;
  to: string;
  subject: string;
  text: string;
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  /** Agent mail says it is automatic (RFC 3834), so the lead's out-of-office does not answer it. */
  automatic: boolean;
};

/** nodemailer's message options for one lead email; every header value made safe here. */
export function nodemailerMessage(email: OutgoingLeadEmail) {
  return {
    from: { name: displayName(email.from.name), address: headerText(email.from.address, 320) },
    replyTo: headerText(email.replyTo, 320),
    to: headerText(email.to, 320),
    subject: headerText(email.subject, 200),
    text: email.text,
    messageId: `<${email.messageId}>`,
    ...(email.inReplyTo ? { inReplyTo: `<${email.inReplyTo}>` } : {}),
    ...(email.references.length ? { references: email.references.map((r) => `<${r}>`) } : {}),
    headers: (email.automatic ? { "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All" } : {}) as Record<string, string>,
  };
}
