"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/action";
import { rolesFor } from "@/lib/auth/roles";
import { answerWrongSchema } from "@/lib/knowledge/article-form";
import { markKnowledgeAnswerWrong as markWrong } from "@/lib/knowledge/mark-answer-wrong";

export const markKnowledgeAnswerWrong = defineAction({
  name: "handoffs.knowledge_answer_wrong",
  roles: rolesFor("handoffs.act"),
  schema: answerWrongSchema,
  handler: async ({ actor, input }) => {
    const result = await markWrong({ actor, answerId: input.answerId });
    revalidatePath(`/handoffs/${result.handoffId}`);
    return result;
  },
});
