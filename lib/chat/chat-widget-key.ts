/**
 * Chat handoffs land in the team of the active intake key with this name (db/queries/chat.ts,
 * findChatTeamId): a stop-gap until routing rules exist, so an admin picks the chat's team by
 * creating a key called "Chat widget" for it. Without one, the first team by name gets them.
 */
export const CHAT_WIDGET_KEY_NAME = "Chat widget";
