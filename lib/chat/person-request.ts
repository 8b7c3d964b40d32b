import { RESUME_LINE } from "@/lib/handoffs/info-request-messages";
import type { TranscriptLine } from "@/lib/chat/next-reply";

/** The rule set's signal family that says "the lead asks for a person" (lib/rules/default-rules.ts, `request.person`). */
export const PERSON_REQUEST_FAMILY = "request";

/**
 * The lead's message that asked for a person, if one did since the agent last took the conversation
 * back (a hand-back starts afresh: an old "talk to a human" is not a new request). Pure; `asks` is
 * the rule set's matcher (`hasFamily(text, PERSON_REQUEST_FAMILY)`), so the phrases are data.
 */
export function personRequestSince(transcript: readonly TranscriptLine[], asks: (text: string) => boolean): TranscriptLine | null {
  let found: TranscriptLine | null = null;
  for (const line of transcript) {
    if (line.author === "agent" && line.text === RESUME_LINE) found = null;
    else if (line.author === "lead" && !found && asks(line.text)) found = line;
  }
  return found;
}
