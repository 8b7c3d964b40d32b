import type { UIMessage } from "ai";

/**
 * The chat's AI SDK UI message: text parts, plus a `handover` data part that tells the widget a
 * person now owns the conversation (so it can say so even when the agent stays silent).
 */
export type ChatUIMessage = UIMessage<never, { handover: { ownerName: string | null } }>;
