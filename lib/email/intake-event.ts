import type { IntakeEvent } from "@/lib/contract/intake";
import { classifyEmail, type EmailKind } from "@/lib/email/classify";
import { extractNewWords, type NewWords } from "@/lib/email/new-words";
import type { ParsedEmail } from "@/lib/email/parse";

export type ReadEmail = { email: ParsedEmail; kind: EmailKind; words: NewWords; event: IntakeEvent | null };

/** The intake's idempotency key for an email: its Message-ID, so a message read twice is one intake. */
export function emailExternalId(messageId: string): string {
  return `email:${messageId}`.slice(0, 200);
}

/** Classifies a parsed message and cuts it to its new words; `new` and `reply` get their v1 intake event. */
export function readEmail(email: ParsedEmail, options: { receivedAt?: Date } = {}): ReadEmail {
  const kind = classifyEmail(email);
  const words = extractNewWords(email.text);
  return { email, kind, words, event: kind === "new" || kind === "reply" ? intakeEventFor(email, words, options.receivedAt ?? new Date()) : null };
}

/** The v1 intake event (triage-contract.md section 1) of an email from a lead: channel `email`, its new words as the lead's message. */
export function intakeEventFor(email: ParsedEmail, words: NewWords, receivedAt: Date): IntakeEvent {
  const at = validDate(email.date) ?? receivedAt;
  const lines = [email.subject ? `Subject: ${email.subject}` : "", words.text].filter(Boolean).join("\n\n");
  return {
    externalId: emailExternalId(email.messageId),
    channel: "email",
    receivedAt: receivedAt.toISOString(),
    source: { pageName: "email" },
    contact: { ...(email.from.name ? { name: email.from.name.slice(0, 300) } : {}), email: email.from.email },
    messages: [{ from: "lead", text: lines.slice(0, 20_000) || "(empty message)", at: at.toISOString() }],
  };
}

function validDate(value: string | null): Date | null {
  if (!value) return null;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return null;
  // A sender's clock far in the future (or the last century) is not when it arrived.
  if (d.getTime() > Date.now() + 86_400_000 || d.getFullYear() < 2000) return null;
  return d;
}
