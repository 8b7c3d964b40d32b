"use server";

import { defineAction } from "@/lib/action";
import { rolesFor } from "@/lib/auth/roles";
import { personReplySchema, sendPersonReply } from "@/lib/chat/person-reply";

// The package page's live chat: a person writes to the lead (who may is decided per package in lib/chat/person-reply.ts).
export const sendChatReply = defineAction({
  name: "handoff.chat_reply",
  roles: rolesFor("handoffs.act"),
  schema: personReplySchema,
  handler: async ({ actor, input }) => sendPersonReply({ actor, handoffId: input.handoffId, text: input.text }),
});
