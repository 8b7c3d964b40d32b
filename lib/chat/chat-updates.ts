import { z } from "zod";
import { countRequest } from "@/db/queries/intake";
import { listConversationMessages } from "@/db/queries/leads";
import { chatConversationId } from "@/lib/chat/conversation-id";

const updatesRequestSchema = z.object({
  sessionId: z.uuid({ error: "the chat session id must be a UUID; reload the page to start a new chat" }),
  /** How many agent lines the widget already shows (the greeting included). */
  known: z.number().int().min(0).max(1000),
});

/** A widget polling every few seconds stays far below this. */
const POLLS_PER_MINUTE = 40;

export type ChatUpdatesResult = { ok: true; lines: string[] } | { ok: false; status: 400 | 429; message: string };

/**
 * Agent lines the widget has not shown yet: what the agent said between turns, such as the owner's
 * questions it asks for them or its return after a hand-back. The session id is the only credential,
 * as for a turn; nothing the lead wrote is returned, so a leaked id reveals no more than a turn would.
 */
export async function chatUpdates(body: unknown): Promise<ChatUpdatesResult> {
  const parsed = updatesRequestSchema.safeParse(body);
  if (!parsed.success) return { ok: false, status: 400, message: parsed.error.issues[0]?.message ?? "Bad request." };
  const conversationId = chatConversationId(parsed.data.sessionId);
  const window = await countRequest({ key: `chat:updates:${conversationId}`, windowSeconds: 60 });
  if (window.count > POLLS_PER_MINUTE) return { ok: false, status: 429, message: "Too many requests." };
  const agentLines = (await listConversationMessages({ conversationId })).filter((m) => m.author === "agent").map((m) => m.text);
  return { ok: true, lines: agentLines.slice(parsed.data.known) };
}
