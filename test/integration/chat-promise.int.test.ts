import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { insertApiKey } from "@/db/queries/intake";
import { slaDeadline } from "@/db/queries/routing";
import { apiKeys, chatPromises, handoffEvents, handoffs, messages, slaPolicies, teams } from "@/db/schema";
import { apologyLine, promiseLine } from "@/lib/chat/chat-promise";
import { CHAT_WIDGET_KEY_NAME } from "@/lib/chat/chat-widget-key";
import { chatConversationId } from "@/lib/chat/conversation-id";
import { handleChatTurn } from "@/lib/chat/handle-chat-turn";
import { keepChatPromises } from "@/lib/chat/keep-chat-promises";
import { insertHumanMessage } from "@/db/queries/chat-live";
import { generateApiKey } from "@/lib/intake/credentials";
import { stopBoss } from "@/lib/jobs/boss";
import { logger } from "@/lib/logger";
import { createTeam, createUser } from "../support/factories";

// Two teams on either side of the Atlantic: Madrid open 09:00-18:00 (UTC+1 in December), Los Angeles
// 09:00-17:00 (UTC-8), weekdays only. The promise a lead hears must be exactly what the SLA engine computes.
let madrid: string;
let losAngeles: string;

async function teamWithHours(name: string, timeZone: string, hours: [string, string]) {
  const id = (await createTeam(`${name} ${randomUUID().slice(0, 6)}`))!.id;
  await db
    .update(teams)
    .set({ timeZone, businessHours: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours } })
    .where(eq(teams.id, id));
  return id;
}

/** Chat leads land in this team (the "Chat widget" key names it). */
async function routeChatTo(teamId: string) {
  await db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.name, CHAT_WIDGET_KEY_NAME));
  const key = generateApiKey();
  await insertApiKey({ name: CHAT_WIDGET_KEY_NAME, prefix: key.prefix, keyHash: key.hash, teamId });
}

beforeAll(async () => {
  madrid = await teamWithHours("Madrid promises", "Europe/Madrid", ["09:00", "18:00"]);
  losAngeles = await teamWithHours("Los Angeles promises", "America/Los_Angeles", ["09:00", "17:00"]);
  for (const [priority, minutes] of [
    ["immediate", 15],
    ["normal", 240],
    ["nurture", 4320],
  ] as const) {
    await db.insert(slaPolicies).values({ priority, minutes }).onConflictDoUpdate({ target: slaPolicies.priority, set: { minutes } });
  }
});

afterAll(async () => {
  await stopBoss();
});

/** A lead who asks for a person at `at` (ISO, UTC). */
async function askAt(at: string, text: string) {
  const sessionId = randomUUID();
  const conversationId = chatConversationId(sessionId);
  const now = new Date(at);
  const result = await handleChatTurn(
    {
      body: { sessionId, message: { id: randomUUID(), role: "user", parts: [{ type: "text", text }] } },
      ip: `203.0.113.${Math.floor(Math.random() * 250) + 1}`,
    },
    { log: logger, now: () => now },
  );
  if (!result.ok) throw new Error(result.message);
  const handoff = (await db.select().from(handoffs).where(eq(handoffs.conversationId, conversationId)))[0]!;
  const promise = (await db.select().from(chatPromises).where(eq(chatPromises.handoffId, handoff.id)))[0]!;
  return { now, reply: result.reply, handoff, promise, conversationId };
}

const risky = (who: string) =>
  `Hi, I'm ${who} (${who.toLowerCase()}.${randomUUID().slice(0, 6)}@acme-corp.example). I want a refund for the last invoice. Let me talk to a real person.`;

describe("the time a chat lead is promised a person, from the SLA engine and the team's calendar", () => {
  it("across a weekend: Saturday noon in Madrid promises Monday 09:15, and says the team is closed", async () => {
    await routeChatTo(madrid);
    const { now, reply, handoff, promise } = await askAt("2026-12-05T11:00:00Z", risky("Ana"));
    expect(handoff.priority).toBe("immediate");
    const engine = await slaDeadline({ priority: "immediate", teamId: madrid, from: now });
    expect(engine.toISOString()).toBe("2026-12-07T08:15:00.000Z");
    expect(promise.promisedBy).toEqual(engine);
    expect(handoff.slaDueAt).toEqual(engine);
    expect(reply.text).toContain(promiseLine({ by: engine, timeZone: "Europe/Madrid", open: false }, now, "en"));
    expect(reply.text).toContain("on Monday at 09:15 (GMT+1)");
  });

  it("across a night: 23:30 on a Tuesday in Madrid, a normal priority promises Wednesday 13:00", async () => {
    await routeChatTo(madrid);
    const { now, reply, handoff, promise } = await askAt(
      "2026-12-08T22:30:00Z",
      `I'm Luis from Northwind Logistics (luis.${randomUUID().slice(0, 6)}@northwind-logistics.example). We get about 600 inbound leads a month and need an AI agent to qualify them. Can I speak with a person?`,
    );
    expect(handoff.priority).toBe("normal");
    const engine = await slaDeadline({ priority: "normal", teamId: madrid, from: now });
    expect(engine.toISOString()).toBe("2026-12-09T12:00:00.000Z");
    expect(promise.promisedBy).toEqual(engine);
    expect(reply.text).toContain("tomorrow at 13:00 (GMT+1)");
  });

  it("across a time-zone boundary: Friday 23:30 UTC is Saturday in Madrid (closed till Monday) but Friday afternoon in Los Angeles (open)", async () => {
    await routeChatTo(losAngeles);
    const la = await askAt("2026-12-04T23:30:00Z", risky("Eva"));
    const laEngine = await slaDeadline({ priority: "immediate", teamId: losAngeles, from: la.now });
    expect(laEngine.toISOString()).toBe("2026-12-04T23:45:00.000Z");
    expect(la.promise.promisedBy).toEqual(laEngine);
    expect(la.reply.text).toContain(promiseLine({ by: laEngine, timeZone: "America/Los_Angeles", open: true }, la.now, "en"));
    expect(la.reply.text).toContain("today at 15:45 (PST) at the latest");

    await routeChatTo(madrid);
    const md = await askAt("2026-12-04T23:30:00Z", risky("Iris"));
    expect(md.promise.promisedBy.toISOString()).toBe("2026-12-07T08:15:00.000Z");
    expect(md.reply.text).toContain("on Monday at 09:15 (GMT+1)");
  });

  it("a broken promise gets one short apology with the engine's new time, once, on the timeline; a kept one none", async () => {
    await routeChatTo(madrid);
    const broken = await askAt("2026-12-05T11:00:00Z", risky("Olga"));
    const kept = await askAt("2026-12-05T11:00:00Z", risky("Pia"));
    const rep = await createUser({ role: "rep", teamId: madrid, name: "Dana Reyes" });
    await insertHumanMessage({ conversationId: kept.conversationId, userId: rep.id, text: "Hi Pia, I'm here." });

    const late = new Date("2026-12-07T08:20:00Z");
    expect((await keepChatPromises({ now: late })).apologised).toBeGreaterThanOrEqual(1);
    await keepChatPromises({ now: new Date("2026-12-07T09:00:00Z") });

    const renewed = await slaDeadline({ priority: "immediate", teamId: madrid, from: late });
    const agentLines = async (conversationId: string) =>
      (
        await db
          .select()
          .from(messages)
          .where(and(eq(messages.conversationId, conversationId), eq(messages.author, "agent")))
          .orderBy(asc(messages.sentAt))
      ).map((m) => m.text);
    const apology = apologyLine({ by: renewed, timeZone: "Europe/Madrid", open: true }, late, "en");
    expect((await agentLines(broken.conversationId)).filter((t) => t.startsWith("Sorry for the wait"))).toEqual([apology]);
    expect(apology).toContain("today at 09:35 (GMT+1)");
    expect((await agentLines(kept.conversationId)).filter((t) => t.startsWith("Sorry for the wait"))).toEqual([]);

    const events = await db
      .select()
      .from(handoffEvents)
      .where(and(eq(handoffEvents.handoffId, broken.handoff.id), eq(handoffEvents.type, "chat_promise_broken")));
    expect(events.map((e) => e.data)).toEqual([{ promisedBy: "2026-12-07T08:15:00.000Z", renewedBy: renewed.toISOString() }]);
    const stored = (await db.select().from(chatPromises).where(eq(chatPromises.handoffId, broken.handoff.id)))[0]!;
    expect(stored).toMatchObject({ apologisedAt: late, renewedBy: renewed });
  });

  it("an escalation the rules decided, with no request for a person, is promised the same time (and apologised for once when broken)", async () => {
    await routeChatTo(madrid);
    const who = `sara.${randomUUID().slice(0, 6)}@acme-corp.example`;
    const { now, reply, handoff, promise, conversationId } = await askAt(
      "2026-12-05T11:00:00Z",
      `Hi, I'm Sara (${who}). We want to cancel our contract and get a refund for the last invoice.`,
    );
    expect(handoff).toMatchObject({ decision: "escalate", priority: "immediate" });
    expect(reply.kind).toBe("escalate");
    const engine = await slaDeadline({ priority: "immediate", teamId: madrid, from: now });
    expect(promise.promisedBy).toEqual(engine);
    expect(reply.text).toContain(promiseLine({ by: engine, timeZone: "Europe/Madrid", open: false }, now, "en"));

    const late = new Date(engine.getTime() + 5 * 60_000);
    await keepChatPromises({ now: late });
    await keepChatPromises({ now: new Date(late.getTime() + 60 * 60_000) });
    const apologies = (
      await db
        .select()
        .from(messages)
        .where(and(eq(messages.conversationId, conversationId), eq(messages.author, "agent")))
    ).filter((m) => m.text.startsWith("Sorry for the wait"));
    expect(apologies).toHaveLength(1);
  });
});
