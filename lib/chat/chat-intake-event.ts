import type { IntakeEvent } from "@/lib/contract/intake";

export type StoredMessage = { author: "lead" | "agent" | "human"; text: string; sentAt: Date };

/**
 * The intake event of a chat, built from the stored transcript only (never from what the browser
 * says was said). Entry time is the lead's first message; a person's lines are not the agent's
 * and not the lead's, so the contract's `messages` leaves them out.
 */
export function chatIntakeEvent({
  externalId,
  transcript,
  source,
}: {
  externalId: string;
  transcript: readonly StoredMessage[];
  source?: Record<string, unknown> | null;
}): IntakeEvent {
  const first = transcript.find((m) => m.author === "lead") ?? transcript[0];
  return {
    externalId,
    channel: "chat",
    receivedAt: (first?.sentAt ?? new Date()).toISOString(),
    // Where the widget was opened (the embedding page's URL, title, UTM), when the embed passed it.
    source: { pageName: "Website chat", ...source },
    messages: transcript
      .filter((m): m is StoredMessage & { author: "lead" | "agent" } => m.author !== "human")
      .map((m) => ({ from: m.author, text: m.text, at: m.sentAt.toISOString() })),
  };
}
