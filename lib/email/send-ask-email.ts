import { getHandoff } from "@/db/queries/handoffs";
import type { EmailKnowledgeReply } from "@/lib/email/email-knowledge";
import { type LeadEmailResult, sendLeadEmail } from "@/lib/email/send-lead-email";

/** The Message-ID key of a package's first ask: one per package, so a retried job records nothing twice. */
export const askMessageKey = (handoffId: string, afterEmailId?: string) => (afterEmailId ? `ask.${handoffId}.${afterEmailId}` : `ask.${handoffId}`);
export const filterReplyMessageKey = (handoffId: string) => `filter-reply.${handoffId}`;

/**
 * The `email-ask` job: the agent's first questions to an email lead, threaded into their email and
 * recorded with its SMTP job (sendLeadEmail, with its loop protection). Queued in the intake's own
 * transaction; a retry finds the email it recorded by its deterministic Message-ID and sends nothing more.
 */
export async function sendAskEmail(
  job: { handoffId: string; questions: string[]; afterEmailId?: string; answer?: EmailKnowledgeReply },
  now?: Date,
): Promise<LeadEmailResult> {
  const found = await getHandoff({ id: job.handoffId });
  if (!found) return { sent: false, reason: "the package no longer exists" };
  const name = found.handoff.package.identification.name ?? "";
  return sendLeadEmail({
    handoffId: job.handoffId,
    author: { kind: "agent" },
    text: job.afterEmailId ? followUpText(name, job.questions) : askText(name, job.questions, job.answer),
    purpose: "ask",
    messageKey: askMessageKey(job.handoffId, job.afterEmailId),
    now,
  });
}

const askWording = {
  en: {
    hi: "Hi",
    thanks: "Thanks for writing.",
    ask: "So we can put you in touch with the right person, could you tell us:",
    reply: "Just reply to this email.",
  },
  es: {
    hi: "Hola",
    thanks: "Gracias por escribirnos.",
    ask: "Para ponerte en contacto con la persona adecuada, cuéntanos por favor:",
    reply: "Basta con que respondas a este correo.",
  },
} as const;

/**
 * The agent's questions as a short email (pure). With the knowledge base's answer to the lead's own
 * question, the answer (or "a person will answer") comes first, then the questions, in its language.
 */
export function askText(name: string, questions: string[], answer?: EmailKnowledgeReply): string {
  const first = name.trim().split(/\s+/)[0];
  const w = askWording[answer?.language ?? "en"];
  return [
    `${w.hi}${first ? ` ${first}` : ""},`,
    "",
    ...(answer ? [`${w.thanks} ${answer.text}`, "", w.ask] : [`${w.thanks} ${w.ask}`]),
    "",
    ...questions.slice(0, 4).map((q) => `- ${q}`),
    "",
    w.reply,
  ].join("\n");
}

/**
 * The `email-filter-reply` job: one short reply to a lead the rules filtered (no fit), when the rule
 * set turns it on. Within the triage contract: it thanks them, promises nothing (no call, price or
 * date) and invites more detail; sendLeadEmail's loop protection applies (never an automated sender,
 * never after an automated message, the daily cap), and a retry records nothing twice.
 */
export async function sendFilterReplyEmail(job: { handoffId: string }, now?: Date): Promise<LeadEmailResult> {
  const found = await getHandoff({ id: job.handoffId });
  if (!found) return { sent: false, reason: "the package no longer exists" };
  if (found.handoff.decision !== "filter") return { sent: false, reason: "the package is no longer filtered" };
  return sendLeadEmail({
    handoffId: job.handoffId,
    author: { kind: "agent" },
    text: filterReplyText(found.handoff.package.identification.name ?? ""),
    purpose: "filter_reply",
    messageKey: filterReplyMessageKey(job.handoffId),
    now,
  });
}

/** The safe reply to a filtered lead (pure): polite, non-committal, nothing the lead wrote echoed back. */
export function filterReplyText(name: string): string {
  const first = name.trim().split(/\s+/)[0];
  return [
    `Hi${first ? ` ${first}` : ""},`,
    "",
    "Thank you for getting in touch. From your message this does not look like something we can help with, so we will not follow up on it for now.",
    "",
    "If we have misunderstood, you are welcome to reply with a few words about your company and what you need.",
  ].join("\n");
}

/** The follow-up after a partial answer (pure): thanks, then only what is still missing. */
export function followUpText(name: string, questions: string[]): string {
  const first = name.trim().split(/\s+/)[0];
  return [
    `Hi${first ? ` ${first}` : ""},`,
    "",
    "Thanks, that helps. To finish, could you also tell us:",
    "",
    ...questions.slice(0, 4).map((q) => `- ${q}`),
    "",
    "Just reply to this email.",
  ].join("\n");
}
