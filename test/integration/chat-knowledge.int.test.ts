import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Timeline } from "@/components/package/timeline";
import { db } from "@/db";
import { listHandoffEvents } from "@/db/queries/handoffs";
import { handoffs, knowledgeAnswers, knowledgeArticles } from "@/db/schema";
import { seedDefaultKnowledge } from "@/db/seed/default-knowledge";
import { criticalQuestion } from "@/lib/agent/questions";
import { chatConversationId } from "@/lib/chat/conversation-id";
import { handleChatTurn } from "@/lib/chat/handle-chat-turn";
import { handoffPackageSchema } from "@/lib/contract/package";
import { stopBoss } from "@/lib/jobs/boss";
import { refusalText } from "@/lib/knowledge/refusal-text";
import { logger } from "@/lib/logger";

beforeAll(async () => {
  await seedDefaultKnowledge(inject("databaseUrl"));
});
afterAll(async () => {
  await stopBoss();
});

function chat() {
  const sessionId = randomUUID();
  const conversationId = chatConversationId(sessionId);
  const ip = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
  return {
    conversationId,
    say: async (text: string) => {
      const result = await handleChatTurn(
        { body: { sessionId, message: { id: randomUUID(), role: "user", parts: [{ type: "text", text }] } }, ip },
        { log: logger },
      );
      if (!result.ok) throw new Error(result.message);
      return result;
    },
    answers: () => db.select().from(knowledgeAnswers).where(eq(knowledgeAnswers.conversationId, conversationId)),
    handoff: async () => (await db.select().from(handoffs).where(eq(handoffs.conversationId, conversationId)))[0] ?? null,
  };
}

const article = async (key: string, language: "en" | "es") =>
  (
    await db
      .select()
      .from(knowledgeArticles)
      .where(and(eq(knowledgeArticles.key, key), eq(knowledgeArticles.language, language)))
  )[0]!;

describe("the chat answers from the knowledge base", () => {
  it("answers an answerable question with the article's words, in the lead's language, and records the article", async () => {
    const c = chat();
    const turn = await c.say("Hola, ¿os integráis con Salesforce?");
    const crm = await article("crm-integrations", "es");
    expect(turn.reply.text).toContain("Hoy nos integramos con tres CRM: HubSpot, Pipedrive y Salesforce.");
    // The qualification goes on as before: the agent still asks what the rules need.
    expect(turn.reply.text).toContain(criticalQuestion("email", "es"));
    const [recorded] = await c.answers();
    expect(recorded).toMatchObject({ outcome: "answered", articleId: crm.id, articleVersion: crm.version, language: "es" });
  });

  it("refuses a price question, and leaves the decision to the rules", async () => {
    // A plain price question: refused, and the rules decide as ever (a small good fit gets the booking link).
    const small = chat();
    const asked = await small.say("Hi, I'm Ana from Acme (ana@acme.io). We need lead qualification for our HubSpot forms. How much does it cost?");
    expect(asked.reply.text).toContain(refusalText("never_answer", "prices", "en"));
    expect(asked.reply.kind).toBe("act");
    expect((await small.answers())[0]).toMatchObject({ outcome: "never_answer", topic: "prices", articleId: null });
    const record = handoffPackageSchema.parse((await small.handoff())!.package);
    expect(record.facts.openQuestions.some((q) => q.includes("How much does it cost?"))).toBe(true);

    // A discount asked for is a negotiation: refused here too, and the rules escalate it as a risk.
    const c = chat();
    const turn = await c.say("Hi, I'm Ana from Acme (ana@acme.io). We need lead qualification for our HubSpot forms. Can we get a discount?");
    expect(turn.reply.text).toContain(refusalText("never_answer", "discounts", "en"));
    expect(turn.reply.kind).toBe("escalate");
    const handoff = await c.handoff();
    expect(handoff).toMatchObject({ decision: "escalate", priority: "immediate" });
    expect(handoff!.reasons).toContain("risk");
  });

  it("an answered question does not skip the handoff the rules call for", async () => {
    const c = chat();
    const turn = await c.say(
      "I'm Luis from BigCo (luis@bigco.com), 400 employees, we need an AI sales agent for our inbound leads this month. Do you integrate with Salesforce?",
    );
    expect(turn.reply.kind).toBe("escalate");
    expect(turn.reply.text).toContain("HubSpot, Pipedrive and Salesforce");
    expect(await c.handoff()).toMatchObject({ decision: "escalate" });
  });

  it("an unanswerable question ends as an open question on the package, and the lead is asked for an email", async () => {
    const c = chat();
    const first = await c.say("Do you support WhatsApp?");
    expect(first.reply.text).toContain(refusalText("no_confident_answer", null, "en"));
    expect(first.reply.text).toContain(criticalQuestion("email", "en"));
    expect((await c.answers())[0]).toMatchObject({ outcome: "no_confident_answer", question: "Do you support WhatsApp?" });

    // Later the lead qualifies for a handoff: the package carries the question nobody answered yet.
    await c.say("I'm Eva from Grande SL, eva@grande.es. We have 250 employees and need lead qualification for our forms, it's urgent.");
    const handoff = await c.handoff();
    expect(handoff).not.toBeNull();
    const pkg = handoffPackageSchema.parse(handoff!.package);
    expect(pkg.facts.openQuestions).toContain('Asked "Do you support WhatsApp?"; not answered by the knowledge base');
  });

  it("says nothing extra when the lead asks nothing", async () => {
    const c = chat();
    await c.say("We are a 20 person agency and want to qualify leads from our forms.");
    expect(await c.answers()).toEqual([]);
  });
});

describe("the package's timeline keeps what the knowledge base did", () => {
  it("an answer given before the package existed, and a refusal after, each with the question, the language and the article", async () => {
    const c = chat();
    // No package yet: the rules only ask. The answer waits for one.
    await c.say("Hola, ¿os integráis con Salesforce?");
    expect(await c.handoff()).toBeNull();
    const crm = await article("crm-integrations", "es");

    await c.say("Soy Eva de Grande SL, eva@grande.es. Somos 250 empleados y necesitamos cualificación de leads para nuestros formularios, es urgente.");
    const handoff = await c.handoff();
    expect(handoff).not.toBeNull();
    await c.say("¿Cuánto cuesta?");

    const events = (await listHandoffEvents({ handoffId: handoff!.id })).filter((e) => e.event.type === "knowledge_answer");
    const data = events.map((e) => e.event.data).reverse();
    expect(data).toEqual([
      expect.objectContaining({
        outcome: "answered",
        question: "Hola, ¿os integráis con Salesforce?",
        language: "es",
        articleId: crm.id,
        articleTitle: crm.title,
        articleVersion: crm.version,
        channel: "chat",
      }),
      expect.objectContaining({ outcome: "never_answer", question: "¿Cuánto cuesta?", language: "es", topic: "prices", articleId: null }),
    ]);
    // Each recorded question is on the timeline once, as the package page shows it.
    const recorded = await c.answers();
    expect(recorded.map((a) => a.handoffId)).toEqual(recorded.map(() => handoff!.id));
    const html = renderToStaticMarkup(createElement(Timeline, { entries: await listHandoffEvents({ handoffId: handoff!.id }), ownerNames: {} }));
    expect(html).toContain(`from the article “${crm.title}” (version ${crm.version})`);
    expect(html).toContain("did not answer “¿Cuánto cuesta?” in the chat (Spanish): a person answers questions about prices");
  });

  it("a question with no confident answer on a package goes on its timeline as an open question", async () => {
    const c = chat();
    await c.say("I'm Eva from Grande SL, eva@grande.es. We have 250 employees and need lead qualification for our forms, it's urgent.");
    const handoff = await c.handoff();
    expect(handoff).not.toBeNull();
    await c.say("Do you support WhatsApp?");
    const events = (await listHandoffEvents({ handoffId: handoff!.id })).filter((e) => e.event.type === "knowledge_answer");
    expect(events.map((e) => e.event.data)).toEqual([
      expect.objectContaining({ outcome: "no_confident_answer", question: "Do you support WhatsApp?", language: "en" }),
    ]);
  });
});
