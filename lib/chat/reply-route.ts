/**
 * How long a lead may show no sign of their widget (no stream heartbeat, no poll, no line) before a
 * person's reply is taken to have missed them. A held stream beats every 15 s and is recorded at most
 * every 20 s, so two minutes is several missed beats, not a slow network.
 */
export const LEAD_AWAY_AFTER_MS = 2 * 60_000;

/** `notice`: what the person should know when the chat is the only way left (null: the lead is there). */
export type ReplyRoute = { via: "chat"; notice: string | null } | { via: "email"; to: string };

/**
 * Where a person's reply to a chat lead goes (pure): the chat while the lead is there; by email, into
 * their email thread, once they left and gave an address; else the chat still, with a notice for the
 * person that the lead may never read it.
 */
export function replyRoute(input: { leadLastSeenAt: Date | null; leadEmail: string | null; now: Date }): ReplyRoute {
  const away = !input.leadLastSeenAt || input.now.getTime() - input.leadLastSeenAt.getTime() > LEAD_AWAY_AFTER_MS;
  if (!away) return { via: "chat", notice: null };
  const to = input.leadEmail?.trim().toLowerCase();
  if (to) return { via: "email", to };
  return { via: "chat", notice: leftWithoutEmailNotice };
}

export const leftWithoutEmailNotice =
  "The lead has left the chat and gave no email address, so this could not go by email: it waits in the chat and they see it only if they come back.";

/** What the person sees when the email path refused (a bounced address, no SMTP): the message stayed in the chat. */
export function emailRefusedNotice(reason: string): string {
  return `The lead has left the chat, but this could not go by email (${reason.replace(/\.$/, "")}). It waits in the chat; they see it only if they come back.`;
}

export function sentByEmailNotice(to: string): string {
  return `The lead has left the chat, so this went by email to ${to}, in their email thread. Their answer comes back here.`;
}
