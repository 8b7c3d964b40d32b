import { extractFacts } from "@/lib/agent/extract";
import type { FactSheet } from "@/lib/agent/facts";
import type { TranscriptLine } from "@/lib/chat/next-reply";
import { readAnswers } from "@/lib/chat/read-answers";
import type { IntakeEvent } from "@/lib/contract/intake";
import type { CompiledRuleSet } from "@/lib/rules/compile";

/**
 * The deterministic fact sheet of a chat, plus what the lead answered to the agent's questions:
 * a company named in reply to "Which company are you with?" is stated, not guessed, and beats one
 * inferred from an email domain; a need given in reply to the need question counts as the need.
 */
export function chatFacts(event: IntakeEvent, rules: CompiledRuleSet, transcript: readonly TranscriptLine[]): FactSheet {
  // The same filter triage uses: a sentence that tries to instruct the agent is never a fact.
  const injection = (sentence: string) => rules.hasFamily(sentence, "injection");
  const facts = extractFacts(event, { freeEmailDomains: rules.ruleSet.freeEmailDomains, ignoreSentence: injection });
  const answers = readAnswers(transcript, injection);

  const company = facts.identity.company?.confirmed
    ? facts.identity.company
    : answers.company
      ? { ...answers.company, confirmed: true }
      : facts.identity.company;
  const need = facts.need ?? (answers.need ? { ...answers.need, confirmed: true } : null);
  return { ...facts, identity: { ...facts.identity, company }, need };
}
