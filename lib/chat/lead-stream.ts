import { z } from "zod";
import { markLeadSeen } from "@/db/queries/chat-live";
import { countRequest } from "@/db/queries/intake";
import { chatConversationId } from "@/lib/chat/conversation-id";
import { leadLine } from "@/lib/chat/lead-view";
import { liveMessageStream } from "@/lib/chat/live-stream";

export const leadStreamRequestSchema = z.object({
  sessionId: z.uuid({ error: "the chat session id must be a UUID; reload the page to start a new chat" }),
  after: z.uuid({ error: "after must be the id of a message of this conversation" }).nullable().default(null),
});

/** Reconnections a widget makes in a minute stay far below this (a stream lives minutes). */
const STREAMS_PER_MINUTE = 30;

export type LeadStreamResult = { ok: true; stream: ReadableStream<Uint8Array> } | { ok: false; status: 400 | 429; message: string };

/**
 * The widget's live conversation: its session id (in the body, never the URL, so it stays out of logs)
 * and its cursor in; the lines the lead may see out, as they are written. Public, like the chat turn.
 */
export async function openLeadStream(body: unknown, signal: AbortSignal): Promise<LeadStreamResult> {
  const parsed = leadStreamRequestSchema.safeParse(body);
  if (!parsed.success) return { ok: false, status: 400, message: parsed.error.issues[0]?.message ?? "Bad request." };
  const conversationId = chatConversationId(parsed.data.sessionId);
  const window = await countRequest({ key: `chat:stream:${conversationId}`, windowSeconds: 60 });
  if (window!.count > STREAMS_PER_MINUTE) return { ok: false, status: 429, message: "Too many requests." };
  return {
    ok: true,
    stream: liveMessageStream({ conversationId, after: parsed.data.after, view: leadLine, signal, onAlive: () => markLeadSeen({ conversationId }) }),
  };
}
