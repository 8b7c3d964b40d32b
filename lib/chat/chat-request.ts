import { z } from "zod";
import { defaultChatLimits, MAX_CHAT_REQUEST_BYTES } from "@/lib/chat/chat-limits";
import { entryContextSchema, type EntryContext } from "@/lib/chat/entry-context";
import { isUnstorable } from "@/lib/http/unstorable-text";

// What the widget posts: its session id and the lead's new message, in the AI SDK UI message shape.
// Anything else in the body (a `messages` history with "assistant" turns, say) is dropped here: the
// server keeps the transcript, so a client cannot put words in the agent's mouth.

const textPart = z.object({
  type: z.literal("text", { error: "only text messages are supported" }),
  // The precise length check runs on the joined text below; this only bounds what is parsed at all.
  text: z.string().max(MAX_CHAT_REQUEST_BYTES, `a message can be at most ${format(defaultChatLimits.maxMessageChars)} characters`),
});

export const chatRequestSchema = z.object({
  sessionId: z.uuid({ error: "the chat session id must be a UUID; reload the page to start a new chat" }),
  message: z.object({
    id: z.string().max(200).optional(),
    role: z.literal("user", { error: "only the visitor's own message can be sent" }),
    parts: z.array(textPart).min(1, "the message is empty").max(4, "send one message at a time"),
  }),
  /** Where the widget is embedded (public/widget.js passes it): the chat intake's source. */
  entry: entryContextSchema.optional(),
});

export type ChatTurnInput = { sessionId: string; text: string; entry: EntryContext | null };

export type ParsedChatRequest = { ok: true; data: ChatTurnInput } | { ok: false; message: string };

/** Validates the body and returns the lead's text, trimmed, or the first problem in words a visitor understands. */
export function parseChatRequest(body: unknown, maxChars = defaultChatLimits.maxMessageChars): ParsedChatRequest {
  const parsed = chatRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // The entry context is the embedding page's, not the visitor's words: name the field at fault.
    const where = issue?.path[0] === "entry" ? `${issue.path.join(".")}: ` : "";
    return { ok: false, message: sentence(`${where}${issue?.message ?? "the request is not a chat message"}`) };
  }
  const text = parsed.data.message.parts
    .map((p) => p.text)
    .join("\n")
    .trim();
  if (!text) return { ok: false, message: "Write a message before sending." };
  if (isUnstorable(text))
    return { ok: false, message: "Your message contains a character that can't be sent (a NUL byte or a broken emoji). Remove it and try again." };
  if (text.length > maxChars)
    return { ok: false, message: `Your message is ${format(text.length)} characters long; the limit is ${format(maxChars)}. Please shorten it.` };
  return { ok: true, data: { sessionId: parsed.data.sessionId.toLowerCase(), text, entry: parsed.data.entry ?? null } };
}

function sentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function format(n: number): string {
  return n.toLocaleString("en");
}
