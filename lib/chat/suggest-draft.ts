import { configuredLanguageModel } from "@/lib/agent/llm/configured-model";
import { type DraftLine, type DraftPerson, type SuggestedDraft, writeDraft } from "@/lib/chat/model-draft";
import type { HandoffPackage } from "@/lib/contract/package";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";

const log = logger.child({ component: "chat-draft" });

/**
 * The draft reply the package page offers the person: written by the model saved on
 * /admin/connections (else the environment's) within OPENAI_TIMEOUT_MS, else the deterministic one.
 * It never throws: a page must not fail because a draft could not be written.
 */
export async function suggestDraft(input: { pkg: HandoffPackage; lines: DraftLine[]; person: DraftPerson; handoffId: string }): Promise<SuggestedDraft> {
  const draft = await writeDraft({ ...input, model: await configuredLanguageModel(), timeoutMs: env().OPENAI_TIMEOUT_MS });
  if (draft.rejected) log.info("model draft not used: the deterministic draft is offered", { handoffId: input.handoffId, why: draft.rejected });
  return draft;
}
