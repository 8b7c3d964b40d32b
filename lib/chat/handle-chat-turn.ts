import { randomUUID } from "node:crypto";
import { z } from "zod";
import {
  appendChatMessage,
  findChatHandoff,
  findChatTeamId,
  findPersonOwningLead,
  linkChatHandoff,
  linkConversationLead,
  openChatConversation,
  setConversationHandler,
  updateChatHandoff,
} from "@/db/queries/chat";
import { findChatEntry, findChatRouting, notifyLeadMessage, notifyPersonRequested, saveChatEntry } from "@/db/queries/chat-live";
import { promiseForChatHandoff } from "@/db/queries/chat-promises";
import { countRequest, recordIntake } from "@/db/queries/intake";
import { listConversationMessages } from "@/db/queries/leads";
import { triage } from "@/lib/agent/triage";
import { GREETING } from "@/lib/chat/agent-lines";
import { chatFacts } from "@/lib/chat/chat-facts";
import { chatIntakeEvent } from "@/lib/chat/chat-intake-event";
import { entrySource } from "@/lib/chat/entry-context";
import { withLeadCorrections } from "@/lib/chat/lead-corrections";
import { defaultChatLimits, type ChatLimits } from "@/lib/chat/chat-limits";
import { parseChatRequest } from "@/lib/chat/chat-request";
import { withPrivacyNotice } from "@/lib/chat/privacy-notice";
import { chatConversationId, chatExternalId } from "@/lib/chat/conversation-id";
import { nextReply, whoAnswers, type NextReply } from "@/lib/chat/next-reply";
import { PERSON_REQUEST_FAMILY, personRequestSince } from "@/lib/chat/person-request";
import { promiseLine } from "@/lib/chat/chat-promise";
import { decisionStrength, planHandoffUpdate } from "@/lib/chat/plan-handoff-update";
import { isRefusal } from "@/lib/chat/read-answers";
import { handoffPackageSchema } from "@/lib/contract/package";
import { takeChatAnswer } from "@/lib/handoffs/chat-answers";
import { bookingLinkForHandoff } from "@/lib/meetings/link-for-handoff";
import { answerChatQuestion } from "@/lib/knowledge/chat-knowledge";
import { maskText } from "@/lib/privacy/mask-text";
import type { Logger } from "@/lib/logger";
import { activeRuleSet } from "@/lib/rules/published";

export type ChatTurnResult =
  | { ok: true; conversationId: string; reply: NextReply; handoffId: string | null; ownerName: string | null }
  | { ok: false; status: 400 | 409 | 429; code: "bad_request" | "conflict" | "rate_limited"; message: string; retryAfter?: number };

export type ChatTurnOptions = {
  log: Logger;
  limits?: Partial<ChatLimits>;
  /** The turn's clock: SLA windows are counted from it (tests walk a conversation through a night). */
  now?: () => Date;
};

/** A lead who sends the same words again within this window is retrying a turn that failed, not repeating themselves. */
const RETRY_WINDOW_MS = 2 * 60_000;

/**
 * One turn of the public chat, apart from HTTP: rate-limit, validate, store the lead's message,
 * triage the stored transcript, keep the conversation's one handoff up to date, and say what the
 * agent says next (or nothing, once a person owns the lead). The browser sends only its session id
 * and the new text; everything the agent said is read back from the database.
 */
export async function handleChatTurn(request: { body: unknown; ip: string | null }, options: ChatTurnOptions): Promise<ChatTurnResult> {
  const limits = { ...defaultChatLimits, ...options.limits };
  const byIp = await overLimit(`chat:ip:${request.ip ?? "unknown"}`, limits.perIpPerMinute);
  if (byIp) return byIp;

  const parsed = parseChatRequest(request.body, limits.maxMessageChars);
  if (!parsed.ok) return { ok: false, status: 400, code: "bad_request", message: parsed.message };

  const conversationId = chatConversationId(parsed.data.sessionId);
  const bySession = await overLimit(`chat:conversation:${conversationId}`, limits.perSessionPerMinute);
  if (bySession) return bySession;

  const conversation = await openChatConversation({ id: conversationId, greeting: GREETING });
  let transcript = await listConversationMessages({ conversationId });
  if (transcript.filter((m) => m.author === "lead").length >= limits.maxLeadMessages) {
    return {
      ok: false,
      status: 409,
      code: "conflict",
      message: `This conversation has reached its limit of ${limits.maxLeadMessages} messages. Reload the page to start a new one.`,
    };
  }
  // Masked before it is stored: the card number, password or id the lead typed goes no further than this line.
  const { value: text, removed } = maskText(parsed.data.text);
  const last = transcript.at(-1);
  const retry = last?.author === "lead" && last.text === text && Date.now() - last.sentAt.getTime() < RETRY_WINDOW_MS;
  const externalId = chatExternalId(conversationId);
  // Read before the line is stored: a line on a conversation that already has its package is a `message.received` webhook.
  const stored = await findChatHandoff({ conversationId, externalId });
  if (!retry) transcript = [...transcript, await appendChatMessage({ conversationId, author: "lead", text, handoffId: stored?.id ?? null })];

  const entered = entrySource(parsed.data.entry);
  if (entered) await saveChatEntry({ conversationId, source: entered });
  const event = chatIntakeEvent({ externalId, transcript, source: await findChatEntry({ conversationId }) });
  const rules = await activeRuleSet();
  const facts = chatFacts(event, rules, transcript);

  // The owner asked the lead something through the agent: this message is the answer, whoever owns the lead.
  // If a person took the conversation after the questions were asked, the answer is still recorded, but
  // the agent asks nothing more: the person speaks now.
  const lastLine = transcript.at(-1)!;
  const followUp = stored ? await takeChatAnswer({ handoffId: stored.id, message: lastLine, declined: isRefusal(lastLine.text) }) : null;
  if (stored && followUp && !personTookOverSinceQuestions(stored, transcript)) {
    const reply = withPrivacyNotice({ kind: "ask", text: followUp }, removed, facts.language);
    await appendChatMessage({ conversationId, author: "agent", text: reply.text! });
    options.log.info("chat turn", { conversationId, reply: "info_request", handoffId: stored.id });
    return { ok: true, conversationId, reply, handoffId: stored.id, ownerName: null };
  }

  // Single voice: once a person owns the lead (here or on another channel), the agent only says who took over.
  const person = await findPersonOwningLead({
    handoffId: stored?.id ?? null,
    leadId: conversation!.leadId ?? stored?.leadId ?? null,
    email: facts.identity.email?.value ?? null,
  });
  if (person) {
    if (person.leadId) await linkConversationLead({ conversationId, leadId: person.leadId });
    const firstToSay = await setConversationHandler({ conversationId, from: "agent", to: "human" });
    const reply = withPrivacyNotice(
      nextReply({
        ...replyBase(transcript, facts, null),
        decision: noDecision,
        previous: null,
        takeover: { ownerName: person.ownerName, announced: !firstToSay },
      }),
      removed,
      facts.language,
    );
    if (reply.text) await appendChatMessage({ conversationId, author: "agent", text: reply.text });
    // The person has the conversation: they hear of every new line the lead writes (a retried turn is the same line).
    if (!retry) await notifyLeadMessage({ handoffId: person.handoffId, messageId: lastLine.id, ownerId: person.ownerId });
    options.log.info("chat turn", { conversationId, reply: reply.kind, handoffId: stored?.id ?? null });
    return { ok: true, conversationId, reply, handoffId: stored?.id ?? null, ownerName: person.ownerName };
  }
  // Handed back (reassigned to the queue): the agent speaks again, and announces the next person who takes over.
  if (conversation!.handledBy === "human") await setConversationHandler({ conversationId, from: "human", to: "agent" });

  // Asking for a person is always honoured: the package goes to a person now, and the agent asks nothing else.
  const personRequest = personRequestSince(transcript, (line) => rules.hasFamily(line, PERSON_REQUEST_FAMILY));
  const intakeId = stored?.intakeId ?? randomUUID();
  // The lead's question, answered from the knowledge base or kept as an open question on the package; the rules still decide.
  const knowledge = await answerChatQuestion({
    conversationId,
    message: lastLine,
    handoffId: stored?.id ?? null,
    language: facts.language,
    emailKnown: Boolean(facts.identity.email),
    asksForAPerson: personRequest === lastLine,
  });
  const result = knowledge.onTriage(
    triage(event, rules, {
      facts,
      trace: { leadId: stored?.leadId ?? null, conversationId, intakeId, crmRecord: null },
      canAskLive: personRequest ? false : undefined,
    }),
  );
  // Handed back by a person: the same case does not go back to the team, only a stronger one; until then the agent keeps asking.
  const heldBack = stored?.handedBackFrom ? decisionStrength(result.decision) <= decisionStrength(stored.handedBackFrom) : false;
  const decision = heldBack ? { ...result.decision, decision: "ask" as const } : result.decision;
  let handoffId: string | null = stored?.id ?? null;
  const now = options.now?.() ?? new Date();

  if (!stored && (decision.decision !== "ask" || personRequest)) {
    handoffId = await recordChatIntake({ event, externalId, intakeId, conversationId, result, ruleVersion: rules.version, now });
    // An escalation tells its owner already (recordIntake); a lead who only asked for a person must be heard of too.
    if (handoffId && personRequest && decision.decision !== "escalate" && decision.decision !== "filter") await notifyPersonRequested({ handoffId });
  } else if (stored) {
    const rebuilt = decision.package ?? result.recordPackage;
    const pkg = rebuilt ? await withLeadCorrections(stored.id, rebuilt) : null;
    const plan = pkg
      ? planHandoffUpdate(
          { ...stored, package: handoffPackageSchema.parse(stored.package) },
          { decision: decision.decision, priority: decision.priority, reasons: decision.reasons, package: pkg },
        )
      : null;
    if (plan) {
      const updated = await updateChatHandoff({
        handoffId: stored.id,
        expectedVersion: stored.version,
        decision: plan.decision,
        priority: plan.priority,
        reasons: plan.reasons,
        pkg: plan.package,
        now,
        reopen: plan.reopen,
        event: plan.event ? { data: plan.event, fromStatus: stored.status, toStatus: plan.reopen ? "pending" : stored.status } : null,
        notify: plan.notify,
        sla: plan.sla,
      });
      // Not applied means a person took the package a moment ago: the next turn hands over.
      if (!updated) options.log.info("chat handoff changed meanwhile; not updated", { conversationId, handoffId: stored.id });
    }
  }

  // The agent answers with the strongest decision the conversation reached: a lead escalated stays escalated.
  const keepStored = !heldBack && stored && decisionStrength(stored) > decisionStrength(decision);
  const answered = keepStored ? { ...decision, decision: stored.decision } : decision;
  // The routed owner's booking link (else the team's, else the default), prefilled for this lead and package.
  const base = replyBase(transcript, facts, null);
  const booking = answered.decision === "act" && handoffId ? await bookingLinkForHandoff(handoffId, base.lead) : null;
  const routed = personRequest && handoffId ? await findChatRouting({ handoffId }) : null;
  // Handed over to a person (on request, or the rules escalated): the lead is told when a person will
  // answer, the package's SLA deadline, on the turn it happens (once; a broken promise is apologised for once).
  const escalatedNow = !personRequest && answered.decision === "escalate" && (stored?.decision ?? null) !== "escalate";
  const promise = (personRequest === lastLine || escalatedNow) && handoffId ? await promiseForChatHandoff({ handoffId, conversationId, now }) : null;
  const promised = promise ? promiseLine(promise, now, facts.language) : null;
  const triageReply = withPrivacyNotice(
    nextReply({
      ...base,
      bookingUrl: booking?.url ?? null,
      decision: answered,
      previous: stored?.decision ?? null,
      takeover: null,
      promise: escalatedNow ? promised : null,
      personRequest: personRequest
        ? {
            who: routed ? whoAnswers(facts.language, routed) : null,
            first: personRequest === lastLine,
            promise: promised,
          }
        : null,
    }),
    removed,
    facts.language,
  );
  const reply = knowledge.onReply(triageReply);
  if (reply.text) await appendChatMessage({ conversationId, author: "agent", text: reply.text });
  options.log.info("chat turn", { conversationId, decision: decision.decision, priority: decision.priority, reply: reply.kind, handoffId });
  return { ok: true, conversationId, reply, handoffId, ownerName: null };
}

/** The owner's questions were asked, and then a person accepted the package or wrote in the chat. */
function personTookOverSinceQuestions(
  stored: { infoRequest: { requestedAt: string } | null; acceptedAt: Date | null },
  transcript: readonly { author: string; sentAt: Date }[],
) {
  if (!stored.infoRequest) return false;
  const askedAt = new Date(stored.infoRequest.requestedAt).getTime();
  if (stored.acceptedAt && stored.acceptedAt.getTime() > askedAt) return true;
  return transcript.some((m) => m.author === "human" && m.sentAt.getTime() > askedAt);
}

const noDecision = { decision: "ask" as const, missingFields: [], questions: [] };

function replyBase(transcript: { author: "lead" | "agent" | "human"; text: string }[], facts: ReturnType<typeof chatFacts>, bookingUrl: string | null) {
  return {
    language: facts.language,
    transcript,
    lead: { name: facts.identity.name?.value ?? null, email: facts.identity.email?.value ?? null, phone: facts.identity.phone?.value ?? null },
    bookingUrl,
  };
}

/** The conversation's first decision worth a record: stored once (recordIntake is idempotent on the chat's external id), then linked. */
async function recordChatIntake(input: {
  event: ReturnType<typeof chatIntakeEvent>;
  externalId: string;
  intakeId: string;
  conversationId: string;
  result: ReturnType<typeof triage>;
  ruleVersion: number;
  now: Date;
}): Promise<string | null> {
  const outcome = await recordIntake({
    event: input.event,
    externalId: input.externalId,
    intakeId: input.intakeId,
    // The conversation and its messages already exist: recordIntake must not write them again.
    conversationId: null,
    decision: input.result.decision,
    recordPackage: input.result.recordPackage,
    agentSource: "deterministic",
    teamId: await findChatTeamId(),
    emailDomain: input.result.facts.emailDomain,
    ruleVersion: input.ruleVersion,
    now: input.now,
  });
  const handoffId = recordedHandoff.parse(outcome.response).handoffId;
  if (handoffId) await linkChatHandoff({ conversationId: input.conversationId, handoffId });
  return handoffId;
}

const recordedHandoff = z.object({ handoffId: z.uuid().nullable().catch(null) });

async function overLimit(key: string, limit: number): Promise<ChatTurnResult | null> {
  const window = await countRequest({ key, windowSeconds: 60 });
  if (window!.count <= limit) return null;
  const retryAfter = Math.max(1, Math.ceil((window!.windowStart.getTime() + 60_000 - Date.now()) / 1000));
  return {
    ok: false,
    status: 429,
    code: "rate_limited",
    message: `You're sending messages too quickly. Please wait ${retryAfter} seconds and try again.`,
    retryAfter,
  };
}
