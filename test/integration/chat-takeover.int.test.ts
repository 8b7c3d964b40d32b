import { randomUUID } from "node:crypto";
import { and, asc, eq, sql as dsql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { insertApiKey } from "@/db/queries/intake";
import { apiKeys, conversations, handoffEvents, handoffs, messages } from "@/db/schema";
import { criticalQuestion } from "@/lib/agent/questions";
import type { Actor } from "@/lib/auth/guard";
import { lines } from "@/lib/chat/agent-lines";
import { promiseLine } from "@/lib/chat/chat-promise";
import { chatUpdates } from "@/lib/chat/chat-updates";
import { chatReceipt, correctChatReceipt } from "@/lib/chat/lead-corrections";
import { CHAT_WIDGET_KEY_NAME } from "@/lib/chat/chat-widget-key";
import { chatConversationId } from "@/lib/chat/conversation-id";
import { handleChatTurn } from "@/lib/chat/handle-chat-turn";
import { openLeadStream } from "@/lib/chat/lead-stream";
import type { LeadLine } from "@/lib/chat/lead-view";
import { sendPersonReply } from "@/lib/chat/person-reply";
import { parseSse } from "@/lib/chat/sse-parse";
import { UserError } from "@/lib/errors";
import { changeHandoffStatus } from "@/lib/handoffs/change-handoff";
import { handBackToAgent } from "@/lib/handoffs/hand-back";
import { RESUME_LINE } from "@/lib/handoffs/info-request-messages";
import { requestMoreInfo } from "@/lib/handoffs/request-info";
import { generateApiKey } from "@/lib/intake/credentials";
import { stopBoss } from "@/lib/jobs/boss";
import { logger } from "@/lib/logger";
import { createTeam, createUser } from "../support/factories";
import { waitFor } from "../support/wait-for";

// The turns' clock: the promise's wording ("today", "tomorrow") is read against it.
const NOW = new Date();
let teamId: string;
let teamName: string;
let rep: Actor;
let otherRep: Actor;
let manager: Actor;
let otherManager: Actor;

beforeAll(async () => {
  teamName = `Takeover ${randomUUID().slice(0, 6)}`;
  teamId = (await createTeam(teamName))!.id;
  await db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.name, CHAT_WIDGET_KEY_NAME));
  const key = generateApiKey();
  await insertApiKey({ name: CHAT_WIDGET_KEY_NAME, prefix: key.prefix, keyHash: key.hash, teamId });
  rep = await createUser({ role: "rep", teamId, name: "Dana Reyes" });
  otherRep = await createUser({ role: "rep", teamId, name: "Sam Ortiz" });
  manager = await createUser({ role: "manager", teamId, name: "Morgan Lee" });
  otherManager = await createUser({ role: "manager", teamId: (await createTeam())!.id, name: "Olga Other" });
});

afterAll(async () => {
  await stopBoss();
});

function chat() {
  const sessionId = randomUUID();
  const conversationId = chatConversationId(sessionId);
  const ip = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
  return {
    sessionId,
    conversationId,
    say: async (text: string) => {
      const result = await handleChatTurn(
        { body: { sessionId, message: { id: randomUUID(), role: "user", parts: [{ type: "text", text }] } }, ip },
        { log: logger, now: () => NOW },
      );
      if (!result.ok) throw new Error(`turn refused: ${result.message}`);
      return result;
    },
    handoffs: () => db.select().from(handoffs).where(eq(handoffs.conversationId, conversationId)),
    transcript: () => db.select().from(messages).where(eq(messages.conversationId, conversationId)).orderBy(asc(messages.sentAt)),
  };
}

/** The package routed to the team queue, unowned (routing is not under test here), then accepted by `by`. */
async function acceptedBy(c: ReturnType<typeof chat>, by: Actor) {
  const created = (await c.handoffs())[0]!;
  const queued = (await db.update(handoffs).set({ teamId, ownerId: null }).where(eq(handoffs.id, created.id)).returning())[0]!;
  return changeHandoffStatus({ actor: by, handoffId: queued.id, expectedVersion: queued.version, input: { command: "accept" } });
}

async function notifyJobs(handoffId: string, event: string) {
  return db.execute<{ data: Record<string, unknown> }>(
    dsql`select data from pgboss.job where name = 'notify' and data->>'handoffId' = ${handoffId} and data->>'event' = ${event}`,
  );
}

async function rejection(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof UserError)) throw new Error(`expected a UserError, got ${String(error)}`);
  return error;
}

describe("asking for a person in the chat", () => {
  it("hands over on the first message, names the team, asks only for an email, and never the qualification questions", async () => {
    const c = chat();
    const first = await c.say("Can I talk to a human please?");
    const handoff = (await c.handoffs())[0]!;
    // The team has no business hours here: open around the clock, and the promise is the package's own SLA deadline.
    const promise = promiseLine({ by: handoff.slaDueAt, timeZone: "UTC", open: true }, NOW, "en");
    expect(first.reply).toEqual({
      kind: "person",
      text: `${lines.en.personRequested(`our ${teamName} team`, null)} ${promise} ${lines.en.reachYouIfAway} ${criticalQuestion("email", "en")}`,
    });
    expect(handoff).toMatchObject({ id: first.handoffId, status: "pending", teamId, channel: "chat" });
    // The owner hears of it like an escalation (one notice, by the outbox).
    expect(await notifyJobs(handoff.id, "created")).toHaveLength(1);

    const second = await c.say("dana.lead@northwind-logistics.example");
    expect(second.reply.kind).toBe("person");
    expect(second.reply.text).toBe(lines.en.personRequestedAgain(`our ${teamName} team`));
    const third = await c.say("ok, waiting");
    for (const reply of [second, third]) {
      for (const q of [criticalQuestion("company", "en"), criticalQuestion("need", "en"), criticalQuestion("email", "en"), "When do you need", "budget"])
        expect(reply.reply.text).not.toContain(q);
    }
    // The email reached the one package; no second one.
    const after = await c.handoffs();
    expect(after).toHaveLength(1);
    expect(after[0]!.package.identification.email).toBe("dana.lead@northwind-logistics.example");
  });

  it("in the middle of the questions, in Spanish, the same way", async () => {
    const c = chat();
    expect((await c.say("Hola")).reply.kind).toBe("ask");
    const asked = await c.say("Prefiero hablar con un agente humano, por favor");
    const handoff = (await c.handoffs())[0]!;
    const promise = promiseLine({ by: handoff.slaDueAt, timeZone: "UTC", open: true }, NOW, "es");
    expect(asked.reply.text).toBe(
      `${lines.es.personRequested(`nuestro equipo de ${teamName}`, null)} ${promise} ${lines.es.reachYouIfAway} ${criticalQuestion("email", "es")}`,
    );
    expect(await c.handoffs()).toHaveLength(1);
  });

  it("lets the rules decide the priority: a risky lead who asks for a person is still immediate", async () => {
    const c = chat();
    const reply = await c.say("I'm Ana from Acme (ana@acme-corp.example). We want to cancel our contract and get a refund. Let me speak to a real person now.");
    expect(reply.reply.kind).toBe("person");
    expect((await c.handoffs())[0]).toMatchObject({ decision: "escalate", priority: "immediate" });
    expect(reply.reply.text).not.toContain(criticalQuestion("email", "en"));
  });
});

describe("a person writes in the chat", () => {
  it("the owner's message reaches the lead under their name, the agent goes quiet, the owner hears of the lead's lines, hand back resumes the agent", async () => {
    const c = chat();
    await c.say("Talk to a person please. I'm at mia@levante-cargo.example");
    const accepted = await acceptedBy(c, rep);

    const stream = await openLeadStream({ sessionId: c.sessionId, after: null }, AbortSignal.timeout(30_000));
    if (!stream.ok) throw new Error(stream.message);
    const seen: LeadLine[] = [];
    const reader = stream.stream.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    const pump = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        const parsed = parseSse(buffer + decoder.decode(value, { stream: true }));
        buffer = parsed.rest;
        seen.push(...parsed.events.map((e) => JSON.parse(e.data) as LeadLine));
      }
    })();
    await waitFor("the history on the stream", () => seen.some((l) => l.from === "lead"));

    const sent = await sendPersonReply({ actor: rep, handoffId: accepted.id, text: "Hi Mia, Dana here. How can I help?" });
    const shown = await waitFor("the owner's line on the lead's stream", () => seen.find((l) => l.id === sent.id));
    expect(shown).toMatchObject({ from: "person", name: `Dana from ${teamName}`, text: "Hi Mia, Dana here. How can I help?" });
    const row = (await db.select().from(messages).where(eq(messages.id, sent.id)))[0]!;
    expect(row).toMatchObject({ author: "human", authorUserId: rep.id });
    const stamped = (await db.select().from(handoffs).where(eq(handoffs.id, accepted.id)))[0]!;
    expect(stamped.firstHumanContactAt).toEqual(row.sentAt);
    expect((await db.select().from(conversations).where(eq(conversations.id, c.conversationId)))[0]!.handledBy).toBe("human");

    // The agent says nothing now, not even "taking over": the person already spoke.
    const quiet = await c.say("Hello? Can you confirm the 20% discount?");
    expect(quiet.reply).toEqual({ kind: "silent", text: null });
    const leadLine = (await c.transcript()).at(-1)!;
    await waitFor("the lead's line on the stream", () => seen.some((l) => l.id === leadLine.id));
    expect((await notifyJobs(accepted.id, "lead_message")).map((j) => j.data)).toEqual([
      { handoffId: accepted.id, event: "lead_message", occurrence: leadLine.id, ownerId: rep.id },
    ]);

    // A reload: the whole conversation comes back, the lead's own lines and the person's under their name.
    const reloaded = await chatUpdates({ sessionId: c.sessionId, after: null });
    expect(reloaded.ok && "messages" in reloaded && reloaded.messages.map((l) => l.from)).toEqual(["agent", "lead", "agent", "person", "lead"]);

    const current = (await db.select().from(handoffs).where(eq(handoffs.id, accepted.id)))[0]!;
    await handBackToAgent({ actor: rep, handoffId: accepted.id, expectedVersion: current.version, reason: "Not ready yet" });
    await waitFor("the agent's return on the stream", () => seen.some((l) => l.from === "agent" && l.text === RESUME_LINE));
    expect((await c.say("We use HubSpot and need lead routing.")).reply.kind).not.toBe("silent");
    await reader.cancel();
    await pump;
  });

  it("only the owner, a manager of the team and an admin may write, and only while a person has the package", async () => {
    const c = chat();
    await c.say("I want to speak to someone on your team. noor@atlas-freight.example");
    const pending = (await c.handoffs())[0]!;
    expect((await rejection(sendPersonReply({ actor: rep, handoffId: pending.id, text: "Hi" }))).message).toContain("Accept the package");
    const accepted = await acceptedBy(c, rep);
    expect((await rejection(sendPersonReply({ actor: otherRep, handoffId: accepted.id, text: "Hi" }))).code).toBe("forbidden");
    expect((await rejection(sendPersonReply({ actor: otherManager, handoffId: accepted.id, text: "Hi" }))).code).toBe("forbidden");
    await sendPersonReply({ actor: manager, handoffId: accepted.id, text: "Morgan here, Dana's manager." });
    expect((await c.transcript()).filter((m) => m.author === "human").map((m) => m.authorUserId)).toEqual([manager.id]);
  });

  it("a person who accepts while the agent asks the owner's questions silences it: the answer is kept, no next question", async () => {
    const c = chat();
    await c.say("Hi, I'm Alba Soler at Levante Cargo. We get about 600 inbound leads a month and need an AI agent to qualify them. alba@levante-cargo.example");
    const created = (await c.handoffs())[0]!;
    const queued = (await db.update(handoffs).set({ teamId, ownerId: null }).where(eq(handoffs.id, created.id)).returning())[0]!;
    const asked = await requestMoreInfo({
      actor: manager,
      handoffId: queued.id,
      expectedVersion: queued.version,
      picked: [],
      extra: ["Is there a budget set aside?", "Which CRM do you use?"],
    });
    await changeHandoffStatus({ actor: rep, handoffId: asked.id, expectedVersion: asked.version, input: { command: "accept" } });

    const answer = await c.say("About 20,000 EUR. Hello? Is anyone there?");
    expect(answer.reply.text ?? "").not.toContain("Which CRM do you use?");
    expect(answer.reply.kind).toBe("takeover");
    const events = await db
      .select()
      .from(handoffEvents)
      .where(and(eq(handoffEvents.handoffId, created.id), eq(handoffEvents.type, "info_answered")));
    expect(events).toHaveLength(1);
  });
});

describe("what the rep will know: the lead's receipt", () => {
  it("shows the confirmed facts passed on; a one-click correction becomes a confirmed fact that later turns keep", async () => {
    const c = chat();
    expect(await chatReceipt({ sessionId: c.sessionId })).toEqual({ ok: true, lines: [] });
    await c.say("Hi, I'm Rosa Lind from Harbor Freight, rosa@harbor-freight.example. Can I talk to a person?");
    const receipt = await chatReceipt({ sessionId: c.sessionId });
    expect(receipt).toEqual({
      ok: true,
      lines: [
        { field: "name", label: "Name", value: "Rosa Lind" },
        { field: "email", label: "Email", value: "rosa@harbor-freight.example" },
        { field: "company", label: "Company", value: "Harbor Freight" },
      ],
    });

    const corrected = await correctChatReceipt({ sessionId: c.sessionId, field: "company", value: "Harbor Freight Lines" });
    expect(corrected.ok && corrected.lines.find((l) => l.field === "company")?.value).toBe("Harbor Freight Lines");
    const after = (await c.handoffs())[0]!;
    expect(after.companyName).toBe("Harbor Freight Lines");
    expect(after.package.facts.confirmed).toContainEqual({ field: "company", value: "Harbor Freight Lines", fragment: "Harbor Freight Lines" });
    const events = await db
      .select()
      .from(handoffEvents)
      .where(and(eq(handoffEvents.handoffId, after.id), eq(handoffEvents.type, "corrected_by_lead")));
    expect(events.map((e) => e.data)).toEqual([{ field: "company", before: "Harbor Freight", after: "Harbor Freight Lines" }]);

    // The next turn rebuilds the package from the transcript: the lead's correction still stands.
    await c.say("We need about 600 leads a month qualified and routed into HubSpot.");
    expect((await c.handoffs())[0]!.package.identification.company).toBe("Harbor Freight Lines");

    // Masked like anything the lead writes; bad input named.
    const card = await correctChatReceipt({ sessionId: c.sessionId, field: "phone", value: "4111 1111 1111 1111" });
    expect(card.ok && card.lines.find((l) => l.field === "phone")?.value).toBe("•••• 1111");
    expect(await correctChatReceipt({ sessionId: c.sessionId, field: "budget", value: "1" })).toMatchObject({
      ok: false,
      status: 400,
      message: expect.stringContaining("field must be one of"),
    });
    expect(await correctChatReceipt({ sessionId: c.sessionId, field: "name", value: "  " })).toMatchObject({ ok: false, status: 400 });
    expect(await correctChatReceipt({ sessionId: randomUUID(), field: "name", value: "Ana" })).toMatchObject({ ok: false, status: 409 });
  });
});
