import { z } from "zod";
import { topicNames } from "@/lib/knowledge/lead-question";
import type { NeverAnswerTopicId } from "@/lib/knowledge/limits";

// What the knowledge base did with one of the lead's questions, as the package's timeline keeps it:
// the question, the language, the outcome and, when answered, the article (at the version that answered).

export const KNOWLEDGE_ANSWER_EVENT = "knowledge_answer";

export type KnowledgeAnswerRecord = {
  id: string;
  question: string;
  language: string;
  outcome: string;
  topic: string | null;
  articleId: string | null;
  articleTitle: string | null;
  articleVersion: number | null;
  confidence: number;
};

export function knowledgeAnswerEvent(row: KnowledgeAnswerRecord, channel: "chat" | "email") {
  return {
    type: KNOWLEDGE_ANSWER_EVENT,
    actorKind: "agent" as const,
    data: {
      answerId: row.id,
      channel,
      question: row.question,
      language: row.language,
      outcome: row.outcome,
      topic: row.topic,
      articleId: row.articleId,
      articleTitle: row.articleTitle,
      articleVersion: row.articleVersion,
      confidence: Math.round(row.confidence * 100) / 100,
    },
  };
}

// Read back leniently: an event written by an older build still reads as far as it goes.
const eventData = z.object({
  channel: z.enum(["chat", "email"]).catch("chat"),
  question: z.string().catch("a question"),
  language: z.string().catch("?"),
  outcome: z.string().catch("no_confident_answer"),
  topic: z.string().nullable().catch(null),
  articleTitle: z.string().nullable().catch(null),
  articleVersion: z.number().nullable().catch(null),
});

/** The timeline's line for a knowledge-base event, after the actor's name ("Agent …"). */
export function describeKnowledgeAnswerEvent(data: unknown): string {
  const d = eventData.parse(typeof data === "object" && data !== null ? data : {});
  const question = `“${d.question.length > 200 ? `${d.question.slice(0, 199)}…` : d.question}”`;
  const where = `in the ${d.channel} (${d.language === "es" ? "Spanish" : d.language === "en" ? "English" : d.language})`;
  if (d.outcome === "answered")
    return `answered ${question} ${where} from the article “${d.articleTitle ?? "a deleted article"}”${d.articleVersion ? ` (version ${d.articleVersion})` : ""}`;
  if (d.outcome === "never_answer") {
    const topic = d.topic && d.topic in topicNames ? topicNames[d.topic as NeverAnswerTopicId] : "a topic it never answers";
    return `did not answer ${question} ${where}: a person answers questions about ${topic}`;
  }
  return `found no confident answer to ${question} ${where}: left as an open question`;
}
