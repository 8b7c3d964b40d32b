import type { InfoRequest } from "@/lib/handoffs/info-request";

// What the agent says to the lead on the owner's behalf when the owner asks for more information.

/** The agent's chat line after the owner's request, or after the lead's answer: the next question, or thanks. */
export function chatLineFor(request: InfoRequest | null, options: { first: boolean; ownerName: string | null }): string {
  const next = request?.questions.find((q) => q.answer === null);
  if (!request || !next) return `Thank you! I've passed your answers on to ${options.ownerName ?? "our team"}.`;
  if (options.first) {
    const who = options.ownerName ? `${options.ownerName} from our team` : "Our team";
    return request.questions.length === 1
      ? `${who} would like to know one more thing so they can help you properly: ${next.text}`
      : `${who} has ${request.questions.length} quick questions so they can help you properly. First: ${next.text}`;
  }
  const left = request.questions.filter((q) => q.answer === null).length;
  return left === 1 ? `Thanks! And finally: ${next.text}` : `Thanks! Next: ${next.text}`;
}

/** The agent picks the conversation up again after a person handed the lead back. */
export const RESUME_LINE =
  "Hi again! I'm the team's assistant, and I'll keep helping you here. Is there anything else you'd like to tell me about what you need?";

/** The email that asks a form or email lead the owner's questions (sent once someone approves it). */
export function infoRequestEmail(options: { leadName: string | null; ownerName: string | null; questions: readonly string[] }) {
  const greeting = firstName(options.leadName) ? `Hi ${firstName(options.leadName)},` : "Hello,";
  const signature = options.ownerName ?? "The sales team";
  const list = options.questions.map((q, i) => `${i + 1}. ${q}`).join("\n");
  return {
    subject: options.questions.length === 1 ? "One question about your request" : "A few questions about your request",
    body: `${greeting}\n\nThank you for getting in touch. So that we can help you properly, could you tell us:\n\n${list}\n\nJust reply to this email.\n\nBest regards,\n${signature}`,
  };
}

/**
 * What approving the info-request email does, read from the email as it stands (the questions are
 * its numbered lines), so a manager who edits five questions down to two sees "asking 2 questions".
 */
export function infoRequestConsequence(to: unknown, body: unknown): string {
  const count = typeof body === "string" ? body.split("\n").filter((line) => /^\s*\d+[.)]\s+\S/.test(line)).length : 0;
  const asking = count === 0 ? "asking for more information" : count === 1 ? "asking one question" : `asking ${count} questions`;
  return `Sends an email to ${typeof to === "string" && to ? to : "the lead"} ${asking}.`;
}

function firstName(name: string | null): string | null {
  return name?.trim().split(/\s+/)[0] || null;
}
