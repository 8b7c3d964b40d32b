import { z } from "zod";
import { listLiveMessages, markLeadSeen } from "@/db/queries/chat-live";
import { countRequest } from "@/db/queries/intake";
import { listConversationMessages } from "@/db/queries/leads";
import { chatConversationId } from "@/lib/chat/conversation-id";
import { leadLine, type LeadLine } from "@/lib/chat/lead-view";

const sessionId = z.uuid({ error: "the chat session id must be a UUID; reload the page to start a new chat" });

const updatesRequestSchema = z.union([
  z.object({
    sessionId,
    /** How many agent lines the widget already shows (the greeting included). */
    known: z.number().int().min(0).max(1000),
  }),
  z.object({
    sessionId,
    /** The id of the last line the widget shows (null: the whole conversation, as after a reload). */
    after: z.uuid({ error: "after must be the id of a message of this conversation" }).nullable(),
  }),
]);

/** A widget polling every few seconds stays far below this. */
const POLLS_PER_MINUTE = 40;

export type ChatUpdatesResult = { ok: true; lines: string[] } | { ok: true; messages: LeadLine[] } | { ok: false; status: 400 | 429; message: string };

/**
 * The polling side of the live chat (the widget's fallback when its event stream cannot stay open).
 * With `after`: the conversation's lines since that one, as the lead sees them (their own, the agent's,
 * the person's under their name), so a reload brings the history back. With `known`: only the agent
 * lines past that count. The session id is the only credential, as for a turn: it is the lead's own
 * random secret, never stored or shown (the conversation id is its hash).
 */
export async function chatUpdates(body: unknown): Promise<ChatUpdatesResult> {
  const parsed = updatesRequestSchema.safeParse(body);
  if (!parsed.success) return { ok: false, status: 400, message: firstMessage(parsed.error) };
  const conversationId = chatConversationId(parsed.data.sessionId);
  const window = await countRequest({ key: `chat:updates:${conversationId}`, windowSeconds: 60 });
  if (window!.count > POLLS_PER_MINUTE) return { ok: false, status: 429, message: "Too many requests." };
  if ("after" in parsed.data) {
    await markLeadSeen({ conversationId });
    return { ok: true, messages: (await listLiveMessages({ conversationId, after: parsed.data.after })).map(leadLine) };
  }
  const agentLines = (await listConversationMessages({ conversationId })).filter((m) => m.author === "agent").map((m) => m.text);
  return { ok: true, lines: agentLines.slice(parsed.data.known) };
}

function firstMessage(error: z.ZodError): string {
  // A union reports "invalid input" at the top; the branch the caller meant has the useful sentence.
  const issue = error.issues[0];
  if (issue?.code === "invalid_union") {
    const branch = issue.errors.find((issues) => issues.some((i) => i.path[0] === "sessionId")) ?? issue.errors.at(-1);
    return branch?.[0]?.message ?? "Bad request.";
  }
  return issue?.message ?? "Bad request.";
}
