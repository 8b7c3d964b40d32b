import type { ParsedEmail } from "@/lib/email/parse";

export const emailKinds = ["new", "reply", "automated", "bounce"] as const;
export type EmailKind = (typeof emailKinds)[number];

/** `sales+r-<token>@…`: the reply token Baton puts in the Reply-To of what it sends. */
const REPLY_TOKEN = /^[^+@\s]+\+r-([a-z0-9]{16,40})@/i;

export function replyTokenIn(email: ParsedEmail): string | null {
  for (const to of [...email.to, ...email.cc]) {
    const token = REPLY_TOKEN.exec(to.email)?.[1];
    if (token) return token.toLowerCase();
  }
  for (const value of email.headers.get("delivered-to") ?? []) {
    const token = REPLY_TOKEN.exec(value.trim())?.[1];
    if (token) return token.toLowerCase();
  }
  return null;
}

const OUT_OF_OFFICE_SUBJECT =
  /^(auto(matic)?[ -]?(reply|response)|out of (the )?office|respuesta autom[aá]tica|fuera de la oficina|ausencia|r[ée]ponse automatique|absence)\b|^auto:/i;
const DAEMON_SENDER = /^(mailer-daemon|postmaster|mail-daemon)@/i;

/** Why a message counts as sent by a machine (RFC 3834 and the de-facto headers), or null. */
export function automatedReason(email: ParsedEmail): string | null {
  const h = (name: string) => email.headers.get(name)?.[0]?.trim().toLowerCase() ?? null;
  const autoSubmitted = h("auto-submitted");
  if (autoSubmitted && !autoSubmitted.startsWith("no")) return `Auto-Submitted: ${autoSubmitted.slice(0, 40)}`;
  if (email.headers.has("x-autoreply")) return "X-Autoreply";
  if (email.headers.has("x-autorespond")) return "X-Autorespond";
  const precedence = h("precedence");
  if (precedence && /^(bulk|junk|list|auto_reply)\b/.test(precedence)) return `Precedence: ${precedence.slice(0, 20)}`;
  if (email.headers.has("list-id") || email.headers.has("list-unsubscribe")) return "mailing list";
  if (h("return-path") === "<>") return "null sender (Return-Path: <>)";
  if (DAEMON_SENDER.test(email.from.email)) return "mailer daemon";
  if (OUT_OF_OFFICE_SUBJECT.test(email.subject.trim())) return "out-of-office subject";
  return null;
}

/** RFC 3464 delivery report, or a mailer daemon's failure notice carrying one. */
export function isBounce(email: ParsedEmail): boolean {
  const ct = email.contentType;
  if (/^multipart\/report\b/.test(ct) && /report-type\s*=\s*"?delivery-status"?/.test(ct)) return true;
  return email.deliveryReport !== null && DAEMON_SENDER.test(email.from.email);
}

/**
 * What a message is, from the message alone: a bounce, automated mail, a reply (it names a
 * thread: In-Reply-To, References or a reply token) or a new lead. Whether the thread is known is
 * the caller's question: a reply to nothing Baton knows becomes a new lead there.
 */
export function classifyEmail(email: ParsedEmail): EmailKind {
  if (isBounce(email)) return "bounce";
  if (automatedReason(email)) return "automated";
  if (email.inReplyTo || email.references.length > 0 || replyTokenIn(email)) return "reply";
  return "new";
}
