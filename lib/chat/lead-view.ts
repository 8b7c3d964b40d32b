import type { LiveMessage } from "@/db/queries/chat-live";

/** A line of the conversation as the lead's widget shows it: a person appears by first name and team. */
export type LeadLine = { id: string; from: "lead" | "agent" | "person"; text: string; sentAt: string; name: string | null };

export function leadLine(message: LiveMessage): LeadLine {
  const from = message.author === "human" ? "person" : message.author;
  return { id: message.id, from, text: message.text, sentAt: message.sentAt.toISOString(), name: from === "person" ? personName(message) : null };
}

/** "Dana from Sales", "Dana", or "A colleague" for a person whose account is gone. */
export function personName(message: Pick<LiveMessage, "authorName" | "authorTeam">): string {
  const first = message.authorName?.trim().split(/\s+/)[0] || null;
  if (!first) return "A colleague";
  return message.authorTeam ? `${first} from ${message.authorTeam}` : first;
}

/** The console's view: every line, with the person's full name and whether it went (or came) by email. */
export type ConsoleLine = { id: string; author: "lead" | "agent" | "human"; text: string; sentAt: string; authorName: string | null; byEmail: boolean };

export function consoleLine(message: LiveMessage): ConsoleLine {
  return {
    id: message.id,
    author: message.author,
    text: message.text,
    sentAt: message.sentAt.toISOString(),
    authorName: message.authorName,
    byEmail: message.channel === "email",
  };
}
