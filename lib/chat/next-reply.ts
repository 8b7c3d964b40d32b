import { criticalQuestion } from "@/lib/agent/questions";
import type { CriticalField, DecisionKind, TriageDecision } from "@/lib/contract/decision";
import { lines, type Language } from "@/lib/chat/agent-lines";

export type ReplyKind = "ask" | "closing" | "filter" | "act" | "escalate" | "person" | "takeover" | "silent";

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
  /**
   * Set when the lead asked for a person (lib/chat/person-request.ts): the agent hands over and asks
   * only for a way to reach them, never the qualification questions. `who` names the owner or team
   * that will answer; `first` is the turn the lead asked.
   */
  personRequest?: { who: string | null; first: boolean; promise?: string | null } | null;
  /** The lead's prefilled booking link (the owner's, the team's or the default); null: none is set, so none is promised. */
  bookingUrl: string | null;
  /**
   * When a person will answer (lib/chat/chat-promise.ts), said with the first escalation to a person;
   * a lead who asked for a person hears it through `personRequest` instead.
   */
  promise?: string | null;
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

  if (input.personRequest && input.decision.decision !== "filter") return personReply(input, input.personRequest);

  const { decision } = input;
  switch (decision.decision) {
    case "filter":
      return { kind: "filter", text: input.previous === "filter" ? w.filterAgain : w.filter };
    case "act":
      if (!input.bookingUrl) return { kind: "act", text: input.previous === "act" ? w.actAgainNoLink : w.actNoLink };
      return { kind: "act", text: input.previous === "act" ? w.actAgain(input.bookingUrl) : w.act(input.bookingUrl) };
    case "escalate": {
      const first = input.previous !== "escalate";
      const handedOver = w.escalate(firstName(input.lead.name), input.lead.email);
      const base = first ? (input.promise ? `${handedOver} ${input.promise}` : handedOver) : w.escalateAgain;
      // Handed off with no way to reach the lead (no email, no phone): ask for an email on every turn,
      // once, until there is one; the person taking over needs a channel. Other gaps are asked within the limit.
      const noChannel = decision.missingFields.includes("email") && !input.lead.phone;
      const ask = noChannel
        ? { question: criticalQuestion("email", input.language) }
        : nextCriticalQuestion(
            input,
            decision.missingFields.filter((f) => f !== "email"),
          );
      return { kind: "escalate", text: ask ? `${base} ${w.reachYou} ${ask.question}` : base };
    }
    case "ask":
      return askReply(input);
  }
}

/** Handing over on the lead's request: who will answer, and an email only when there is no way to reach them. */
function personReply(input: NextReplyInput, request: { who: string | null; first: boolean; promise?: string | null }): NextReply {
  const w = lines[input.language];
  // The promise (when a person will answer, from the SLA engine) is said once, with the handover.
  const said = request.first ? w.personRequested(request.who, input.lead.email) : w.personRequestedAgain(request.who);
  const base = request.first && request.promise ? `${said} ${request.promise}` : said;
  const noChannel = !input.lead.email && !input.lead.phone;
  const asked = timesAsked(input.transcript, wordings("email"));
  const ask = noChannel && asked < MAX_ASKS_PER_QUESTION ? ` ${w.reachYouIfAway} ${criticalQuestion("email", input.language)}` : "";
  return { kind: "person", text: `${base}${ask}` };
}

/** "Dana Reyes from Sales", "our Sales team": who answers a lead who asked for a person, as routing placed it. */
export function whoAnswers(language: Language, routed: { ownerName: string | null; teamName: string | null }): string | null {
  if (routed.ownerName)
    return language === "es"
      ? `${routed.ownerName}${routed.teamName ? ` (${routed.teamName})` : ""}`
      : `${routed.ownerName}${routed.teamName ? ` from ${routed.teamName}` : ""}`;
  if (routed.teamName) return language === "es" ? `nuestro equipo de ${routed.teamName}` : `our ${routed.teamName} team`;
  return null;
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
