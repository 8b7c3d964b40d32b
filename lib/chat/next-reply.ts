import { criticalQuestion } from "@/lib/agent/questions";
import type { CriticalField, DecisionKind, TriageDecision } from "@/lib/contract/decision";
import { lines, type Language } from "@/lib/chat/agent-lines";

export type ReplyKind = "ask" | "closing" | "filter" | "act" | "escalate" | "takeover" | "silent";

export type TranscriptLine = { author: "lead" | "agent" | "human"; text: string };

export type NextReplyInput = {
  /** What the rules decided for the conversation so far (the stronger of this turn's and the stored one). */
  decision: Pick<TriageDecision, "decision" | "missingFields" | "questions">;
  /** The decision the agent had already answered with on an earlier turn (the stored handoff's), if any. */
  previous: DecisionKind | null;
  language: Language;
  /** The stored transcript, the lead's new message last. */
  transcript: readonly TranscriptLine[];
  lead: { name: string | null; email: string | null; phone?: string | null };
  /** Set when a person owns the lead: the agent then hands over instead of answering. */
  takeover: { ownerName: string | null; announced: boolean } | null;
  bookingUrl: string;
};

export type NextReply = { kind: ReplyKind; text: string | null };

/** A question is asked at most this many times: a lead who will not say is not nagged. */
export const MAX_ASKS_PER_QUESTION = 2;

/**
 * What the agent says next, decided from the triage outcome and the transcript alone (pure). One
 * question at a time; a person who owns the lead speaks for the team, so the agent only says who
 * is taking over, once, and is silent after that.
 */
export function nextReply(input: NextReplyInput): NextReply {
  const w = lines[input.language];
  if (input.takeover) {
    return input.takeover.announced ? { kind: "silent", text: null } : { kind: "takeover", text: w.takeover(input.takeover.ownerName) };
  }

  const { decision } = input;
  switch (decision.decision) {
    case "filter":
      return { kind: "filter", text: input.previous === "filter" ? w.filterAgain : w.filter };
    case "act":
      return { kind: "act", text: input.previous === "act" ? w.actAgain(input.bookingUrl) : w.act(input.bookingUrl) };
    case "escalate": {
      const first = input.previous !== "escalate";
      const base = first ? w.escalate(firstName(input.lead.name), input.lead.email) : w.escalateAgain;
      // Handed off with no way to reach the lead (no email, no phone): ask for an email on every turn,
      // once, until there is one; the person taking over needs a channel. Other gaps are asked within the limit.
      const noChannel = decision.missingFields.includes("email") && !input.lead.phone;
      const ask = noChannel ? { question: criticalQuestion("email", input.language) } : nextCriticalQuestion(input, decision.missingFields.filter((f) => f !== "email"));
      return { kind: "escalate", text: ask ? `${base} ${w.reachYou} ${ask.question}` : base };
    }
    case "ask":
      return askReply(input);
  }
}

function askReply(input: NextReplyInput): NextReply {
  const w = lines[input.language];
  const { missingFields, questions } = input.decision;
  const leadTurns = input.transcript.filter((m) => m.author === "lead").length;

  if (missingFields.length > 0) {
    const next = nextCriticalQuestion(input, missingFields);
    if (!next) return { kind: "closing", text: w.closing(missingFields) };
    const lastAgent = [...input.transcript].reverse().find((m) => m.author === "agent");
    const repeating = next.asked > 0 && lastAgent !== undefined && asks(lastAgent.text, next.field);
    const lead = leadTurns <= 1 ? w.hello : repeating ? w.again : w.thanks;
    return { kind: "ask", text: `${lead} ${next.question}` };
  }

  // Nothing critical is missing but the rules could not decide: ask what would decide it, once each.
  const open = questions.find((q) => timesAsked(input.transcript, [q]) === 0);
  return open ? { kind: "ask", text: `${leadTurns <= 1 ? w.hello : w.thanks} ${open}` } : { kind: "closing", text: w.moreDetail };
}

/** The first missing field not yet asked too often, in the order the rules list them. */
function nextCriticalQuestion(input: NextReplyInput, missing: readonly CriticalField[]): { field: CriticalField; question: string; asked: number } | null {
  for (const field of missing) {
    const asked = timesAsked(input.transcript, wordings(field));
    if (asked < MAX_ASKS_PER_QUESTION) return { field, question: criticalQuestion(field, input.language), asked };
  }
  return null;
}

function timesAsked(transcript: readonly TranscriptLine[], questions: readonly string[]): number {
  return transcript.filter((m) => m.author === "agent" && questions.some((q) => m.text.includes(q))).length;
}

function asks(text: string, field: CriticalField): boolean {
  return wordings(field).some((q) => text.includes(q));
}

// A lead may switch language mid-chat; a question asked in either language counts.
function wordings(field: CriticalField): string[] {
  return [criticalQuestion(field, "en"), criticalQuestion(field, "es")];
}

function firstName(name: string | null): string | null {
  return name?.trim().split(/\s+/)[0] || null;
}
