import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { insertApiKey } from "@/db/queries/intake";
import { apiKeys, handoffEvents, handoffs, handoffSlaClocks, slaPolicies, teams } from "@/db/schema";
import type { Actor } from "@/lib/auth/guard";
import { CHAT_WIDGET_KEY_NAME } from "@/lib/chat/chat-widget-key";
import { chatConversationId } from "@/lib/chat/conversation-id";
import { handleChatTurn } from "@/lib/chat/handle-chat-turn";
import { handBackToAgent } from "@/lib/handoffs/hand-back";
import { generateApiKey } from "@/lib/intake/credentials";
import { stopBoss } from "@/lib/jobs/boss";
import { logger } from "@/lib/logger";
import { createTeam, createUser } from "../support/factories";

// Inbound EMEA as the demo has it: open 09:00-18:00 Europe/Madrid on weekdays (UTC+1 in December).
// Every update a chat turn makes to a package's SLA must count only those hours.
let teamId: string;
let manager: Actor;

beforeAll(async () => {
  teamId = (await createTeam(`Madrid chat team ${randomUUID().slice(0, 6)}`))!.id;
  const weekday: [string, string] = ["09:00", "18:00"];
  await db
    .update(teams)
    .set({ timeZone: "Europe/Madrid", businessHours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday } })
    .where(eq(teams.id, teamId));
  for (const [priority, minutes] of [
    ["immediate", 15],
    ["normal", 240],
    ["nurture", 4320],
  ] as const) {
    await db.insert(slaPolicies).values({ priority, minutes }).onConflictDoUpdate({ target: slaPolicies.priority, set: { minutes } });
  }
  await db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.name, CHAT_WIDGET_KEY_NAME));
  const key = generateApiKey();
  await insertApiKey({ name: CHAT_WIDGET_KEY_NAME, prefix: key.prefix, keyHash: key.hash, teamId });
  manager = await createUser({ role: "manager", teamId, name: "Morgan Lee" });
});

afterAll(async () => {
  await stopBoss();
});

/** A chat session whose turns happen at the times the test names. */
function chatAt() {
  const sessionId = randomUUID();
  const conversationId = chatConversationId(sessionId);
  const ip = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
  return {
    say: async (at: string, text: string) => {
      const result = await handleChatTurn(
        { body: { sessionId, message: { id: randomUUID(), role: "user", parts: [{ type: "text", text }] } }, ip },
        { log: logger, now: () => new Date(at) },
      );
      if (!result.ok) throw new Error(`turn refused: ${result.message}`);
      return result;
    },
    handoff: async () => (await db.select().from(handoffs).where(eq(handoffs.conversationId, conversationId)))[0],
    clock: async (handoffId: string) => (await db.select().from(handoffSlaClocks).where(eq(handoffSlaClocks.handoffId, handoffId)))[0],
    chatUpdates: async (handoffId: string) =>
      (await db.select().from(handoffEvents).where(eq(handoffEvents.handoffId, handoffId)).orderBy(asc(handoffEvents.id)))
        .filter((e) => e.type === "updated_from_chat")
        .map((e) => e.data as Record<string, unknown>),
  };
}

const email = (name: string) => `${name}.${randomUUID().slice(0, 6)}@smallco-${randomUUID().slice(0, 4)}.io`;

describe("a chat package's SLA in the team's business hours", () => {
  it("at night: escalation, a new fact and a sharper priority each count from the next opening", async () => {
    const c = chatAt();
    const address = email("tom");
    // Tuesday 19:55 Madrid (team closed): a small good fit, handled by the agent.
    await c.say("2026-12-01T18:55:00Z", `Hi, I'm Tom from Smallco, ${address}. We want help qualifying leads from our website forms.`);
    expect(await c.handoff()).toMatchObject({ decision: "act", priority: null });

    // 19:56: the volume makes it a Normal escalation, due at Wednesday's opening (09:00 Madrid) + 4 h.
    await c.say("2026-12-01T18:56:00Z", "Actually we get around 800 leads a month.");
    const normal = await c.handoff();
    expect(normal).toMatchObject({ decision: "escalate", priority: "normal", teamId });
    expect(normal!.slaDueAt.toISOString()).toBe("2026-12-02T12:00:00.000Z");

    // 20:30: the lead adds a phone number: the deadline stays, and the timeline says what was added.
    await c.say("2026-12-01T19:30:00Z", "My phone is +34 600 123 456.");
    const refreshed = await c.handoff();
    expect(refreshed!.package.identification.phone).toBeTruthy();
    expect(refreshed!.slaDueAt.toISOString()).toBe("2026-12-02T12:00:00.000Z");
    expect((await c.clock(normal!.id))!.dueAt.toISOString()).toBe("2026-12-02T12:00:00.000Z");
    expect((await c.chatUpdates(normal!.id)).at(-1)).toMatchObject({ factsAdded: ["phone"] });

    // 21:00: urgency makes it Immediate: 15 minutes from Wednesday's opening, sooner than the Normal deadline.
    await c.say("2026-12-01T20:00:00Z", "It's urgent, we need it live this month.");
    const immediate = await c.handoff();
    expect(immediate!.priority).toBe("immediate");
    expect(immediate!.slaDueAt.toISOString()).toBe("2026-12-02T08:15:00.000Z");
    expect(await c.clock(normal!.id)).toMatchObject({ stage: "running", dueAt: immediate!.slaDueAt });
    expect((await c.chatUpdates(normal!.id)).at(-1)).toMatchObject({
      from: { priority: "normal" },
      to: { priority: "immediate" },
      slaDueAt: { from: "2026-12-02T12:00:00.000Z", to: "2026-12-02T08:15:00.000Z" },
    });
  });

  it("at a weekend: Friday night to Monday's opening, and a hand-back counts the nurture window in open days", async () => {
    const c = chatAt();
    const address = email("eva");
    // Friday 20:00 Madrid.
    await c.say("2026-12-04T19:00:00Z", `Hi, I'm Eva from Smallco, ${address}. We want help qualifying leads from our website forms.`);
    await c.say("2026-12-04T19:01:00Z", "Actually we get around 800 leads a month.");
    const normal = await c.handoff();
    expect(normal).toMatchObject({ priority: "normal", teamId });
    expect(normal!.slaDueAt.toISOString()).toBe("2026-12-07T12:00:00.000Z");

    // Saturday: a new fact; the deadline stays on Monday.
    await c.say("2026-12-05T10:00:00Z", "My phone is +34 600 765 432.");
    expect((await c.handoff())!.slaDueAt.toISOString()).toBe("2026-12-07T12:00:00.000Z");

    // Sunday: urgent, 15 minutes from Monday's opening.
    await c.say("2026-12-06T10:00:00Z", "It's urgent, we need it live this month.");
    const immediate = await c.handoff();
    expect(immediate!.priority).toBe("immediate");
    expect(immediate!.slaDueAt.toISOString()).toBe("2026-12-07T08:15:00.000Z");

    // Handed back on Sunday: 3 days of nurture are 4,320 open minutes, eight 9-hour days from Monday (Wednesday the 16th, 18:00 Madrid).
    await handBackToAgent({
      actor: manager,
      handoffId: immediate!.id,
      expectedVersion: immediate!.version,
      reason: "Not ready yet",
      now: new Date("2026-12-06T11:00:00Z"),
    });
    const nurture = await c.handoff();
    expect(nurture!.priority).toBe("nurture");
    expect(nurture!.slaDueAt.toISOString()).toBe("2026-12-16T17:00:00.000Z");
  });
});
