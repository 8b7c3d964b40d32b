// How much one visitor may send. The chat is public, so every limit is enforced on the server;
// the widget mirrors the message length only to warn before sending.

export type ChatLimits = {
  /** Characters in one message from the lead. */
  maxMessageChars: number;
  /** Lead messages in one conversation: past this the visitor is asked to start a new one. */
  maxLeadMessages: number;
  /** Turns a minute for one chat session: a person typing never gets near it. */
  perSessionPerMinute: number;
  /** Turns a minute from one address: generous, since an office shares one. */
  perIpPerMinute: number;
};

export const defaultChatLimits: ChatLimits = {
  maxMessageChars: 2_000,
  maxLeadMessages: 40,
  perSessionPerMinute: 15,
  perIpPerMinute: 60,
};

/** The largest request body the route reads: one message of the longest allowed length, as JSON, with room to spare. */
export const MAX_CHAT_REQUEST_BYTES = 16 * 1024;
