import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { countOpenByPriority, listInboxPage } from "@/db/queries/inbox";
import { getApprovalRequest } from "@/db/queries/approvals";
import { listCorrections } from "@/db/queries/corrections";
import { agentAccuracy } from "@/db/queries/metrics";
import { approvalRequests, conversations, handoffEvents, handoffs, messages, packageCorrections } from "@/db/schema";
import type { Actor } from "@/lib/auth/guard";
import { chatConversationId } from "@/lib/chat/conversation-id";
import { chatUpdates } from "@/lib/chat/chat-updates";
import { handleChatTurn } from "@/lib/chat/handle-chat-turn";
import type { HandoffPackage } from "@/lib/contract/package";
import { UserError } from "@/lib/errors";
import { changeHandoffStatus } from "@/lib/handoffs/change-handoff";
import { handBackToAgent } from "@/lib/handoffs/hand-back";
import { RESUME_LINE } from "@/lib/handoffs/info-request-messages";
import { recordFactReview } from "@/lib/handoffs/record-fact-review";
import { requestMoreInfo } from "@/lib/handoffs/request-info";
import { snoozeHandoff } from "@/lib/handoffs/snooze";
import { stopBoss } from "@/lib/jobs/boss";
import { logger } from "@/lib/logger";
import { createHandoff, createTeam, createUser, minimalPackage } from "../support/factories";

let teamId: string;
let rep: Actor;
let rep2: Actor;
let outsider: Actor;

beforeAll(async () => {
  teamId = (await createTeam())!.id;
  rep = await createUser({ role: "rep", teamId, name: "Dana Reyes" });
  rep2 = await createUser({ role: "rep", teamId });
  outsider = await createUser({ role: "rep", teamId: (await createTeam())!.id });
});

afterAll(async () => {
  await stopBoss();
});

const budget = "What budget have you set aside?";
const start = "When would you like to start?";

/** A form package with inferred facts and open questions, as the agent leaves them. */
async function formPackage(options: { ownerId?: string | null; status?: "pending" | "accepted" | "converted"; email?: string | null } = {}) {
  const h = await createHandoff({ teamId, ownerId: options.ownerId ?? null, status: options.status ?? "pending" });
  const pkg: HandoffPackage = minimalPackage("Ana Ruiz");
  pkg.identification.email = options.email === undefined ? "ana@acme.io" : options.email;
  pkg.facts = {
    confirmed: [{ field: "email", value: "ana@acme.io", fragment: "ana@acme.io" }],
    inferred: [
      { field: "employees", value: "200", basis: "'our 200-person team'", fragment: "our 200-person team" },
      { field: "intent", value: "quote", basis: "asks for prices", fragment: null },
    ],
    openQuestions: [budget, start],
  };
  const [row] = await db.update(handoffs).set({ package: pkg, leadEmail: pkg.identification.email }).where(eq(handoffs.id, h!.id)).returning();
  return row;
}

async function typesOf(handoffId: string) {
  return (await db.select().from(handoffEvents).where(eq(handoffEvents.handoffId, handoffId)).orderBy(asc(handoffEvents.id))).map((e) => e.type);
}

async function fresh(handoffId: string) {
  const [row] = await db.select().from(handoffs).where(eq(handoffs.id, handoffId));
  return row;
}

async function rejection(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

describe("request more info", () => {
  it("for a form lead: stores the questions, drafts the email as a pending approval request, and puts both on the timeline", async () => {
    const h = await formPackage({ ownerId: rep.id, status: "accepted" });
    const updated = await requestMoreInfo({
      actor: rep,
      handoffId: h!.id,
      expectedVersion: h!.version,
      picked: [budget],
      extra: ["How many sales reps do you have?"],
    });
    expect(updated.version).toBe(h!.version + 1);
    expect(updated.infoRequest).toMatchObject({
      channel: "email",
      requestedById: rep.id,
      questions: [
        { text: budget, openQuestion: true, answer: null },
        { text: "How many sales reps do you have?", openQuestion: false },
      ],
    });

    const approval = await getApprovalRequest({ id: updated.infoRequest!.approvalRequestId! });
    expect(approval).toMatchObject({
      handoffId: h!.id,
      actionType: "send_email",
      status: "pending",
      consequence: "Sends an email to ana@acme.io asking 2 questions.",
    });
    expect(approval!.params).toMatchObject({ to: "ana@acme.io", subject: "A few questions about your request" });
    expect(String(approval!.params.body)).toContain(`1. ${budget}\n2. How many sales reps do you have?`);
    expect(approval!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3600_000);

    const [event] = await db.select().from(handoffEvents).where(eq(handoffEvents.handoffId, h!.id)).orderBy(asc(handoffEvents.id)).offset(1);
    expect(event).toMatchObject({
      type: "info_requested",
      actorId: rep.id,
      data: { channel: "email", questions: [budget, "How many sales reps do you have?"], approvalRequestId: approval!.id },
    });

    // Asking again replaces the request: the first email is withdrawn, never to be sent; handing back withdraws the second.
    const again = await requestMoreInfo({ actor: rep, handoffId: h!.id, expectedVersion: updated.version, picked: [start], extra: [] });
    expect(await getApprovalRequest({ id: approval!.id })).toMatchObject({ status: "expired" });
    expect(await getApprovalRequest({ id: again.infoRequest!.approvalRequestId! })).toMatchObject({ status: "pending" });
    const back = await handBackToAgent({ actor: rep, handoffId: h!.id, expectedVersion: again.version, reason: "Let the agent chase them." });
    expect(back.infoRequest).toBeNull();
    expect(await getApprovalRequest({ id: again.infoRequest!.approvalRequestId! })).toMatchObject({ status: "expired" });
  });

  it("refuses no questions, a question that is not open, a lead without email, a stale view and another team, writing nothing", async () => {
    const h = await formPackage();
    expect(await rejection(requestMoreInfo({ actor: rep, handoffId: h!.id, expectedVersion: h!.version, picked: [], extra: [] }))).toMatchObject({
      code: "bad_request",
      fieldErrors: { questions: ["Pick at least one question, or write your own."] },
    });
    expect((await rejection(requestMoreInfo({ actor: rep, handoffId: h!.id, expectedVersion: h!.version, picked: ["Anything else?"], extra: [] }))).code).toBe(
      "bad_request",
    );
    expect(
      (await rejection(requestMoreInfo({ actor: rep, handoffId: h!.id, expectedVersion: h!.version - 1 + 2, picked: [budget], extra: [] }))).message,
    ).toMatch(/changed this package a moment ago.*Nothing was changed/);
    expect((await rejection(requestMoreInfo({ actor: outsider, handoffId: h!.id, expectedVersion: h!.version, picked: [budget], extra: [] }))).code).toBe(
      "forbidden",
    );
    const noEmail = await formPackage({ email: null });
    expect(
      (await rejection(requestMoreInfo({ actor: rep, handoffId: noEmail!.id, expectedVersion: noEmail!.version, picked: [budget], extra: [] }))).message,
    ).toContain("no email address");

    expect(await db.select().from(approvalRequests).where(eq(approvalRequests.handoffId, h!.id))).toEqual([]);
    expect(await fresh(h!.id)).toMatchObject({ version: h!.version, infoRequest: null });
    expect(await typesOf(h!.id)).toEqual(["created"]);
  });

  it("in chat: the agent asks the owner's questions one at a time, and the lead's answers become confirmed facts", async () => {
    const sessionId = randomUUID();
    const conversationId = chatConversationId(sessionId);
    const say = async (text: string) => {
      const result = await handleChatTurn(
        { body: { sessionId, message: { id: randomUUID(), role: "user", parts: [{ type: "text", text }] } }, ip: "203.0.113.7" },
        { log: logger },
      );
      if (!result.ok) throw new Error(result.message);
      return result;
    };
    await say(
      `Hi, I'm Alba Soler, Head of Sales at Levante Cargo. We get about 600 inbound leads a month and need an AI agent to qualify them. Reach me at alba.${sessionId.slice(0, 8)}@levante-cargo.example`,
    );
    const [created] = await db.select().from(handoffs).where(eq(handoffs.conversationId, conversationId));
    // Routing is not under test here: the package goes to this file's team queue, unowned.
    const pkg = { ...created!.package, facts: { ...created!.package.facts, openQuestions: [budget, ...created!.package.facts.openQuestions] } };
    const [chatHandoff] = await db.update(handoffs).set({ teamId, ownerId: null, package: pkg }).where(eq(handoffs.id, created!.id)).returning();
    const accepted = await changeHandoffStatus({ actor: rep, handoffId: chatHandoff!.id, expectedVersion: chatHandoff!.version, input: { command: "accept" } });

    const shown = (await db.select().from(messages).where(eq(messages.conversationId, conversationId))).filter((m) => m.author === "agent").length;
    const asked = await requestMoreInfo({
      actor: rep,
      handoffId: accepted.id,
      expectedVersion: accepted.version,
      picked: [budget],
      extra: ["Which CRM do you use?"],
    });
    expect(asked.infoRequest).toMatchObject({ channel: "chat", approvalRequestId: null });
    const lastAgentLine = async () =>
      (await db.select().from(messages).where(eq(messages.conversationId, conversationId)).orderBy(asc(messages.sentAt)))
        .filter((m) => m.author === "agent")
        .at(-1)?.text;
    expect(await lastAgentLine()).toBe(`Dana Reyes from our team has 2 quick questions so they can help you properly. First: ${budget}`);
    // The open widget learns of the line by polling with the number of agent lines it shows.
    expect(await chatUpdates({ sessionId, known: shown })).toEqual({ ok: true, lines: [await lastAgentLine()] });
    expect(await chatUpdates({ sessionId, known: shown + 1 })).toEqual({ ok: true, lines: [] });
    expect(await chatUpdates({ sessionId: "nope", known: 0 })).toMatchObject({ ok: false, status: 400 });

    const first = await say("Around 20,000 EUR for this year.");
    expect(first.reply).toEqual({ kind: "ask", text: "Thanks! And finally: Which CRM do you use?" });
    const second = await say("HubSpot");
    expect(second.reply).toEqual({ kind: "ask", text: "Thank you! I've passed your answers on to Dana Reyes." });

    const after = await fresh(chatHandoff!.id);
    expect(after!.infoRequest).toBeNull();
    expect(after!.package.facts.openQuestions).not.toContain(budget);
    expect(after!.package.facts.confirmed).toEqual(
      expect.arrayContaining([
        { field: budget, value: "Around 20,000 EUR for this year.", fragment: "Around 20,000 EUR for this year." },
        { field: "Which CRM do you use?", value: "HubSpot", fragment: "HubSpot" },
      ]),
    );
    expect(after).toMatchObject({ status: "accepted", ownerId: rep.id, version: asked.version + 2 });
    const answered = (await db.select().from(handoffEvents).where(eq(handoffEvents.handoffId, chatHandoff!.id))).filter((e) => e.type === "info_answered");
    expect(answered.map((e) => [e.actorKind, e.data.question, e.data.answer, e.data.remaining])).toEqual([
      ["agent", budget, "Around 20,000 EUR for this year.", 1],
      ["agent", "Which CRM do you use?", "HubSpot", 0],
    ]);

    // Questions answered, the single voice holds again: a person owns the lead.
    expect((await say("Thanks!")).reply.kind).toMatch(/takeover|silent/);
  });
});

describe("snooze", () => {
  it("hides a package from the default (open) inbox view and its counts until the time, shows it under any status, and wakes it on request", async () => {
    const team = (await createTeam())!.id;
    const owner = await createUser({ role: "rep", teamId: team });
    const kept = await createHandoff({ teamId: team, priority: "normal" });
    const h = await createHandoff({ teamId: team, priority: "normal" });
    const view = (status: "open" | "all") =>
      listInboxPage({ scope: { kind: "team", teamId: team }, priority: "normal", status, sort: "sla_due_at", dir: "asc", limit: 50 });
    expect((await countOpenByPriority({ scope: { kind: "team", teamId: team }, status: "open" })).normal).toBe(2);

    const until = new Date(Date.now() + 24 * 3600_000);
    const snoozed = await snoozeHandoff({ actor: owner, handoffId: h!.id, expectedVersion: h!.version, until });
    expect(snoozed.snoozedUntil).toEqual(until);
    expect((await view("open")).rows.map((r) => r.id)).toEqual([kept!.id]);
    expect((await countOpenByPriority({ scope: { kind: "team", teamId: team }, status: "open" })).normal).toBe(1);
    expect((await view("all")).rows.find((r) => r.id === h!.id)?.snoozedUntil).toEqual(until);

    const woken = await snoozeHandoff({ actor: owner, handoffId: h!.id, expectedVersion: snoozed.version, until: null });
    expect(woken.snoozedUntil).toBeNull();
    expect((await view("open")).rows.map((r) => r.id).sort()).toEqual([kept!.id, h!.id].sort());
    expect(await typesOf(h!.id)).toEqual(["created", "snoozed", "unsnoozed"]);
  });

  it("lets a snooze that has passed count as open again without anyone clearing it", async () => {
    const team = (await createTeam())!.id;
    const h = await createHandoff({ teamId: team, priority: "nurture" });
    await db
      .update(handoffs)
      .set({ snoozedUntil: new Date(Date.now() - 60_000) })
      .where(eq(handoffs.id, h!.id));
    expect((await countOpenByPriority({ scope: { kind: "team", teamId: team }, status: "open" })).nurture).toBe(1);
  });

  it("refuses a past time, a closed package, a stale view and a colleague's package", async () => {
    const h = await formPackage({ ownerId: rep.id, status: "accepted" });
    expect(await rejection(snoozeHandoff({ actor: rep, handoffId: h!.id, expectedVersion: h!.version, until: new Date(Date.now() - 3600_000) }))).toMatchObject(
      { code: "bad_request", fieldErrors: { until: ["Pick a time in the future."] } },
    );
    expect((await rejection(snoozeHandoff({ actor: rep, handoffId: h!.id, expectedVersion: h!.version, until: null }))).message).toBe(
      "This package is not snoozed.",
    );
    expect((await rejection(snoozeHandoff({ actor: rep2, handoffId: h!.id, expectedVersion: h!.version, until: new Date(Date.now() + 3600_000) }))).code).toBe(
      "forbidden",
    );
    expect(
      (await rejection(snoozeHandoff({ actor: rep, handoffId: h!.id, expectedVersion: h!.version + 1, until: new Date(Date.now() + 3600_000) }))).code,
    ).toBe("conflict");
    const closed = await formPackage({ ownerId: rep.id, status: "converted" });
    expect(
      (await rejection(snoozeHandoff({ actor: rep, handoffId: closed!.id, expectedVersion: closed!.version, until: new Date(Date.now() + 3600_000) }))).message,
    ).toContain("only open packages can be snoozed");
    expect(await fresh(h!.id)).toMatchObject({ version: h!.version, snoozedUntil: null });
  });
});

describe("hand back to the agent", () => {
  it("returns an accepted package to the agent: pending, no owner, nurture, the reason on the timeline", async () => {
    const h = await formPackage({ ownerId: rep.id, status: "accepted" });
    const back = await handBackToAgent({
      actor: rep,
      handoffId: h!.id,
      expectedVersion: h!.version,
      reason: "Not ready to buy until Q3; let the agent nurture.",
    });
    expect(back).toMatchObject({ status: "pending", ownerId: null, acceptedAt: null, priority: "nurture", version: h!.version + 1 });
    expect(back.slaDueAt.getTime()).toBeGreaterThan(Date.now() + 2 * 24 * 3600_000);
    const [event] = (await db.select().from(handoffEvents).where(eq(handoffEvents.handoffId, h!.id))).filter((e) => e.type === "handed_back");
    expect(event).toMatchObject({
      actorId: rep.id,
      fromStatus: "accepted",
      toStatus: "pending",
      note: "Not ready to buy until Q3; let the agent nurture.",
      data: { fromOwnerId: rep.id, fromPriority: "immediate" },
    });
  });

  it("in chat, gives the conversation back to the agent, which says so to the lead", async () => {
    const conversationId = randomUUID();
    await db.insert(conversations).values({ id: conversationId, channel: "chat", handledBy: "human" });
    const h = await formPackage({ ownerId: rep.id, status: "accepted" });
    const [chatHandoff] = await db.update(handoffs).set({ channel: "chat", conversationId }).where(eq(handoffs.id, h!.id)).returning();
    await handBackToAgent({ actor: rep, handoffId: h!.id, expectedVersion: chatHandoff!.version, reason: "Only browsing for now." });
    const [conversation] = await db.select().from(conversations).where(eq(conversations.id, conversationId));
    expect(conversation!.handledBy).toBe("agent");
    expect((await db.select().from(messages).where(eq(messages.conversationId, conversationId))).map((m) => [m.author, m.text])).toEqual([
      ["agent", RESUME_LINE],
    ]);
  });

  it("in a live chat, the agent keeps the lead on the same case and hands it over again only when the case gets stronger", async () => {
    const sessionId = randomUUID();
    const say = async (text: string) => {
      const result = await handleChatTurn(
        { body: { sessionId, message: { id: randomUUID(), role: "user", parts: [{ type: "text", text }] } }, ip: "203.0.113.9" },
        { log: logger },
      );
      if (!result.ok) throw new Error(result.message);
      return result;
    };
    await say(
      `Hi, I'm Jonas Weber, Head of Sales at Elbe Shipping. We get about 600 inbound leads a month and need an AI agent to qualify them. Reach me at jonas.${sessionId.slice(0, 8)}@elbe-shipping.example`,
    );
    const [created] = await db
      .update(handoffs)
      .set({ teamId, ownerId: null })
      .where(eq(handoffs.conversationId, chatConversationId(sessionId)))
      .returning();
    expect(created).toMatchObject({ decision: "escalate", priority: "normal" });
    const accepted = await changeHandoffStatus({ actor: rep, handoffId: created!.id, expectedVersion: created!.version, input: { command: "accept" } });
    const back = await handBackToAgent({ actor: rep, handoffId: created!.id, expectedVersion: accepted.version, reason: "Just researching for now." });

    const same = await say("OK, thanks.");
    expect(same.reply.kind).not.toBe("escalate");
    expect(await fresh(created!.id)).toMatchObject({ status: "pending", ownerId: null, priority: "nurture", version: back.version });

    const stronger = await say("Actually it's urgent: we need it live this week.");
    expect(stronger.reply.kind).toBe("escalate");
    expect(await fresh(created!.id)).toMatchObject({ status: "pending", priority: "immediate", handedBackFrom: null });
  });

  it("refuses a closed package, a colleague's package and a stale view", async () => {
    const closed = await formPackage({ ownerId: rep.id, status: "converted" });
    expect((await rejection(handBackToAgent({ actor: rep, handoffId: closed!.id, expectedVersion: closed!.version, reason: "no" }))).message).toBe(
      "You can't hand back a package that is converted.",
    );
    const h = await formPackage({ ownerId: rep.id, status: "accepted" });
    expect((await rejection(handBackToAgent({ actor: rep2, handoffId: h!.id, expectedVersion: h!.version, reason: "mine now" }))).code).toBe("forbidden");
    await changeHandoffStatus({ actor: rep, handoffId: h!.id, expectedVersion: h!.version, input: { command: "start_follow_up" } });
    expect((await rejection(handBackToAgent({ actor: rep, handoffId: h!.id, expectedVersion: h!.version, reason: "too late" }))).message).toMatch(
      /Dana Reyes changed this package a moment ago; it is now in follow-up/,
    );
    expect(await fresh(h!.id)).toMatchObject({ status: "in_follow_up", ownerId: rep.id });
  });
});

describe("confirm, correct and answer", () => {
  it("moves facts, stores each correction with who and what, updates the timeline, and counts agent accuracy", async () => {
    const from = new Date(Date.now() - 1000);
    const before = await agentAccuracy({ from, to: new Date(Date.now() + 60_000) });
    const h = await formPackage({ ownerId: rep.id, status: "accepted" });
    const confirmed = await recordFactReview({
      actor: rep,
      handoffId: h!.id,
      expectedVersion: h!.version,
      review: { target: "inferred", index: 0, field: "employees", action: "confirm" },
    });
    const corrected = await recordFactReview({
      actor: rep,
      handoffId: h!.id,
      expectedVersion: confirmed.version,
      review: { target: "inferred", index: 0, field: "intent", action: "correct", value: "audit" },
    });
    const answered = await recordFactReview({
      actor: rep,
      handoffId: h!.id,
      expectedVersion: corrected.version,
      review: { target: "open_question", index: 1, question: start, action: "answer", value: "January" },
    });

    expect(answered.package.facts).toEqual({
      confirmed: [
        { field: "email", value: "ana@acme.io", fragment: "ana@acme.io" },
        { field: "employees", value: "200", fragment: "our 200-person team" },
        { field: "intent", value: "audit", fragment: "Corrected by Dana Reyes" },
        { field: start, value: "January", fragment: "Answered by Dana Reyes" },
      ],
      inferred: [],
      openQuestions: [budget],
    });
    const rows = await listCorrections({ handoffId: h!.id });
    expect(rows.map(({ correction: c, actorName }) => [c.kind, c.field, c.before, c.after, c.actorId, actorName])).toEqual([
      ["confirm", "employees", "200", "200", rep.id, "Dana Reyes"],
      ["correct", "intent", "quote", "audit", rep.id, "Dana Reyes"],
      ["answer", start, null, "January", rep.id, "Dana Reyes"],
    ]);
    expect(await typesOf(h!.id)).toEqual(["created", "fact_confirmed", "fact_corrected", "question_answered"]);

    const after = await agentAccuracy({ from, to: new Date(Date.now() + 60_000) });
    expect({
      confirmed: after.confirmed - before.confirmed,
      corrected: after.corrected - before.corrected,
      answered: after.answered - before.answered,
    }).toEqual({ confirmed: 1, corrected: 1, answered: 1 });
    expect(await agentAccuracy({ from: new Date("2000-01-01"), to: new Date("2000-01-02") })).toEqual({
      confirmed: 0,
      corrected: 0,
      answered: 0,
      accuracy: null,
    });
  });

  it("answering an open question the owner asked the lead closes it in the request too", async () => {
    const h = await formPackage({ ownerId: rep.id, status: "accepted" });
    const asked = await requestMoreInfo({ actor: rep, handoffId: h!.id, expectedVersion: h!.version, picked: [budget], extra: [] });
    const answered = await recordFactReview({
      actor: rep,
      handoffId: h!.id,
      expectedVersion: asked.version,
      review: { target: "open_question", index: 0, question: budget, action: "answer", value: "30k" },
    });
    expect(answered.infoRequest).toBeNull();
  });

  it("refuses a stale view, a colleague, and an item that is gone, writing nothing", async () => {
    const h = await formPackage({ ownerId: rep.id, status: "accepted" });
    const review = { target: "inferred", index: 0, field: "employees", action: "confirm" } as const;
    expect((await rejection(recordFactReview({ actor: rep2, handoffId: h!.id, expectedVersion: h!.version, review }))).code).toBe("forbidden");
    expect((await rejection(recordFactReview({ actor: outsider, handoffId: h!.id, expectedVersion: h!.version, review }))).code).toBe("forbidden");
    expect((await rejection(recordFactReview({ actor: rep, handoffId: h!.id, expectedVersion: h!.version + 3, review }))).code).toBe("conflict");
    expect(
      (await rejection(recordFactReview({ actor: rep, handoffId: h!.id, expectedVersion: h!.version, review: { ...review, field: "budget" } }))).message,
    ).toContain("no longer on the package");
    expect(await db.select().from(packageCorrections).where(eq(packageCorrections.handoffId, h!.id))).toEqual([]);
    expect(await fresh(h!.id)).toMatchObject({ version: h!.version });
  });
});
