import { findKnowledgeAnswer, handoffScopeForConversation, markAnswerWrong } from "@/db/queries/knowledge";
import type { Actor } from "@/lib/auth/guard";
import { UserError } from "@/lib/errors";
import { canActOnHandoff } from "@/lib/handoffs/access";

/** The owner's one click on the package: the knowledge base's answer to this lead was wrong. Counted on the article. */
export async function markKnowledgeAnswerWrong({ actor, answerId }: { actor: Actor; answerId: string }) {
  const answer = await findKnowledgeAnswer({ id: answerId });
  const scope = answer?.conversationId ? await handoffScopeForConversation({ conversationId: answer.conversationId }) : null;
  if (!answer || !scope) throw new UserError("not_found", "That answer does not exist (or its package was removed).");
  if (!canActOnHandoff(actor, scope)) throw new UserError("forbidden", "This package is not yours to work on.");
  if (answer.outcome !== "answered") throw new UserError("bad_request", "Only an answer the agent gave can be marked wrong.");
  if (answer.markedWrongAt) return { id: answer.id, handoffId: scope.id, already: true };
  await markAnswerWrong({ id: answer.id, actor });
  return { id: answer.id, handoffId: scope.id, already: false };
}
