import { z } from "zod";
import type { HandoffPackage } from "@/lib/contract/package";
import { answerParts, questionTopic } from "@/lib/handoffs/answer-topics";

/**
 * An owner's open request for more information, kept on the handoff until every question has an
 * answer (or a new request replaces it). In chat the agent asks the questions one at a time and
 * the lead's next message answers the question just asked; by email the questions go out in one
 * message once someone approves it.
 */
export const infoRequestSchema = z.object({
  id: z.uuid(),
  channel: z.enum(["chat", "email"]),
  requestedById: z.string(),
  requestedByName: z.string().nullable(),
  requestedAt: z.string(),
  /** The email's approval request (email channel only). */
  approvalRequestId: z.uuid().nullable(),
  questions: z.array(
    z.object({
      text: z.string(),
      /** One of the package's open questions (it moves to confirmed facts once answered). */
      openQuestion: z.boolean(),
      answer: z.string().nullable(),
      /** The lead's chat message that answered it, so a retried turn is not recorded twice. */
      messageId: z.string().nullable(),
      answeredAt: z.string().nullable(),
    }),
  ),
});

export type InfoRequest = z.infer<typeof infoRequestSchema>;
export type InfoQuestion = InfoRequest["questions"][number];

export const MAX_INFO_QUESTIONS = 8;

/** The owner's picks from the open questions plus their own, trimmed, in order, each once. */
export function collectQuestions(
  picked: readonly string[],
  extra: readonly string[],
  openQuestions: readonly string[],
): { ok: true; questions: Pick<InfoQuestion, "text" | "openQuestion">[] } | { ok: false; field: "questions" | "extra"; message: string } {
  const unknown = picked.find((q) => !openQuestions.includes(q));
  if (unknown !== undefined)
    return { ok: false, field: "questions", message: `"${unknown}" is no longer one of this package's open questions. Reload and pick again.` };
  const seen = new Set<string>();
  const questions: Pick<InfoQuestion, "text" | "openQuestion">[] = [];
  for (const [text, openQuestion] of [...picked.map((q) => [q, true] as const), ...extra.map((q) => [q.trim(), false] as const)]) {
    const key = text.toLowerCase();
    if (!text || seen.has(key)) continue;
    seen.add(key);
    questions.push({ text, openQuestion: openQuestion || openQuestions.includes(text) });
  }
  if (questions.length === 0) return { ok: false, field: "questions", message: "Pick at least one question, or write your own." };
  if (questions.length > MAX_INFO_QUESTIONS) return { ok: false, field: "extra", message: `Ask at most ${MAX_INFO_QUESTIONS} questions at a time.` };
  return { ok: true, questions };
}

export function nextUnanswered(request: InfoRequest): InfoQuestion | null {
  return request.questions.find((q) => q.answer === null) ?? null;
}

/**
 * The lead's reply to the question the agent just asked (pure). The answer becomes a confirmed fact
 * with the lead's own words as its fragment, and an open question it answers leaves the open list;
 * a refusal ("I'd rather not say") is recorded but confirms nothing. One message may answer several
 * of the questions ("We use Pipedrive, about 400 leads a month, in 6 weeks"): each question whose
 * topic a part of it answers is answered with that part's words, and is not asked again. The
 * request closes (null) once every question has a reply. A message already recorded (a retried
 * turn) changes nothing.
 */
export function applyLeadAnswer(
  request: InfoRequest,
  pkg: HandoffPackage,
  answer: { text: string; messageId: string; at: Date; declined: boolean },
): { request: InfoRequest | null; pkg: HandoffPackage; answered: InfoQuestion; also: InfoQuestion[]; confirmed: boolean } | null {
  if (request.questions.some((q) => q.messageId === answer.messageId)) return null;
  const current = nextUnanswered(request);
  if (!current) return null;
  const replies = answer.declined ? new Map([[current, answer.text]]) : repliesByQuestion(request, current, answer.text);
  const answeredAt = answer.at.toISOString();
  const questions = request.questions.map((q) => (replies.has(q) ? { ...q, answer: replies.get(q)!, messageId: answer.messageId, answeredAt } : q));
  const answeredNow = questions.filter((q, i) => replies.has(request.questions[i]!));
  const next: HandoffPackage = answer.declined
    ? pkg
    : {
        ...pkg,
        facts: {
          ...pkg.facts,
          confirmed: [...pkg.facts.confirmed, ...answeredNow.map((q) => ({ field: q.text, value: q.answer!, fragment: q.answer! }))],
          openQuestions: pkg.facts.openQuestions.filter((q) => !answeredNow.some((a) => a.text === q)),
        },
      };
  const open = questions.some((q) => q.answer === null);
  const main = answeredNow.find((q) => q.text === current.text) ?? answeredNow[0];
  if (!main) return null;
  return {
    request: open ? { ...request, questions } : null,
    pkg: next,
    answered: main,
    also: answeredNow.filter((q) => q !== main),
    confirmed: !answer.declined,
  };
}

// Which unanswered questions the message answers, and with which of its words. Without a part that
// matches any question's topic, the whole message answers the question just asked, as before.
function repliesByQuestion(request: InfoRequest, current: InfoQuestion, text: string): Map<InfoQuestion, string> {
  const parts = answerParts(text);
  const replies = new Map<InfoQuestion, string>();
  const used = new Set<number>();
  for (const question of request.questions) {
    if (question.answer !== null) continue;
    const topic = questionTopic(question.text);
    if (!topic) continue;
    const matching = parts.flatMap((p, i) => (p.topics.includes(topic) ? [i] : []));
    if (!matching.length) continue;
    matching.forEach((i) => used.add(i));
    replies.set(question, matching.map((i) => parts[i]!.words).join(", "));
  }
  // Only the question just asked is answered: the whole message is its answer, as the lead wrote it.
  if (replies.size === 0 || (replies.size === 1 && replies.has(current))) return new Map([[current, text]]);
  // What no topic claimed still answers the question just asked, if that one is left.
  const rest = parts.filter((_, i) => !used.has(i)).map((p) => p.words);
  if (!replies.has(current) && rest.length && !questionTopic(current.text)) replies.set(current, rest.join(", "));
  return replies;
}

/** Marks a question answered when the rep answers it on the package page; the request closes when none is left. */
export function markAnsweredByRep(request: InfoRequest | null, question: string, answer: string, at: Date): InfoRequest | null {
  if (!request) return null;
  const questions = request.questions.map((q) => (q.answer === null && q.text === question ? { ...q, answer, answeredAt: at.toISOString() } : q));
  return questions.some((q) => q.answer === null) ? { ...request, questions } : null;
}
