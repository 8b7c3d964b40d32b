import { createHash } from "node:crypto";

/**
 * The conversation behind a chat session. The session id is what lets a browser speak as this lead,
 * so it is never stored or shown: the conversation id is a one-way hash of it (a UUIDv8), which
 * also makes "the conversation of this session" a primary-key lookup with no extra column.
 */
export function chatConversationId(sessionId: string): string {
  const bytes = createHash("sha256").update(`baton-chat-conversation:${sessionId.toLowerCase()}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The intake's idempotency key: one chat, one intake, whatever the number of turns. */
export function chatExternalId(conversationId: string): string {
  return `chat:${conversationId}`;
}
