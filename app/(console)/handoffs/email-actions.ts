"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/action";
import { rolesFor } from "@/lib/auth/roles";
import { sendRepReply } from "@/lib/email/rep-reply";
import { emailReplySchema } from "@/lib/email/reply-schema";

export const sendEmailReply = defineAction({
  name: "handoff.email_reply",
  roles: rolesFor("handoffs.act"),
  schema: emailReplySchema,
  handler: async ({ actor, input }) => {
    const result = await sendRepReply({ actor, handoffId: input.handoffId, text: input.text });
    revalidatePath(`/handoffs/${input.handoffId}`);
    return result;
  },
});
