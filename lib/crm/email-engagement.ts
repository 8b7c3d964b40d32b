import { maskText } from "@/lib/privacy/mask-text";

// One email of a lead's thread, as the CRM logs it: HubSpot's email engagement (the built-in CRM
// keeps its own note, written with the email). Decided here once, so every adapter sends the same.

/** The mapping kind and key of an email engagement: one per email message, whatever retries. */
export const EMAIL_ENGAGEMENT_KIND = "email";
export const emailEngagementKey = (emailId: string) => `email:${emailId}`;

/** Longer bodies are cut: the CRM holds the words, the thread in Baton holds the rest. */
export const EMAIL_TEXT_MAX = 10_000;
const SUBJECT_MAX = 300;

/** An email row of the thread (db/queries/mailbox.ts `listThreadEmailsForCrm`). */
export type ThreadEmail = {
  id: string;
  handoffId: string;
  direction: "inbound" | "outbound";
  fromName: string | null;
  fromAddress: string;
  toAddresses: string[];
  subject: string;
  /** The new words (the conversation's message), else the body Baton sent. */
  text: string;
  at: Date;
};

export type EmailEngagement = {
  key: string;
  handoffId: string;
  direction: "EMAIL" | "INCOMING_EMAIL";
  timestamp: Date;
  subject: string;
  text: string;
  from: { email: string; firstName: string | null; lastName: string | null };
  to: { email: string }[];
};

export function emailEngagement(email: ThreadEmail): EmailEngagement {
  const [firstName, ...rest] = (email.fromName ?? "").split(/\s+/).filter(Boolean);
  // Masked again here, whatever the path that stored it: a card or password never leaves unmasked.
  const text = maskText(email.text).value;
  return {
    key: emailEngagementKey(email.id),
    handoffId: email.handoffId,
    direction: email.direction === "inbound" ? "INCOMING_EMAIL" : "EMAIL",
    timestamp: email.at,
    subject: maskText(email.subject).value.slice(0, SUBJECT_MAX),
    text: text.length > EMAIL_TEXT_MAX ? `${text.slice(0, EMAIL_TEXT_MAX - 1)}…` : text,
    from: { email: email.fromAddress.toLowerCase(), firstName: firstName ?? null, lastName: rest.length ? rest.join(" ") : null },
    to: email.toAddresses.map((a) => ({ email: a.toLowerCase() })),
  };
}
