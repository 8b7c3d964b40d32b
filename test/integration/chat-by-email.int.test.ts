import { randomUUID } from "node:crypto";
import { and, eq, sql as dsql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseUrl, db } from "@/db";
import { insertApiKey } from "@/db/queries/intake";
import { listLiveMessages } from "@/db/queries/chat-live";
import { apiKeys, conversations, emailMessages, handoffEvents, handoffs, messages } from "@/db/schema";
import type { Actor } from "@/lib/auth/guard";
import { CHAT_WIDGET_KEY_NAME } from "@/lib/chat/chat-widget-key";
import { chatConversationId } from "@/lib/chat/conversation-id";
import { handleChatTurn } from "@/lib/chat/handle-chat-turn";
import { openLeadStream } from "@/lib/chat/lead-stream";
import { consoleLine } from "@/lib/chat/lead-view";
import { sendPersonReply } from "@/lib/chat/person-reply";
import { leftWithoutEmailNotice } from "@/lib/chat/reply-route";
import { processInboundEmail } from "@/lib/email/process-inbound";
import { changeHandoffStatus } from "@/lib/handoffs/change-handoff";
import { generateApiKey } from "@/lib/intake/credentials";
import { stopBoss } from "@/lib/jobs/boss";
import { jobHandlers } from "@/lib/jobs/handlers";
import { startWorker, type RunningWorker } from "@/lib/jobs/worker";
import { logger } from "@/lib/logger";
import { rawEmail } from "../support/emails";
import { createTeam, createUser } from "../support/factories";
import { startOutgoingEmail, type OutgoingEmail } from "../support/outgoing-email";
import { waitFor } from "../support/wait-for";

// "The chat closed, the conversation goes on": a person's reply to a lead who left the chat goes by
// email (the one email sender, the SMTP stand-in), threaded, and the lead's answer comes back to the chat.
const log = logger.child({ test: "chat-by-email" });
let smtp: OutgoingEmail;
let worker: RunningWorker;
let teamId: string;
let teamName: string;
let rep: Actor;

beforeAll(async () => {
  smtp = await startOutgoingEmail();
  worker = await startWorker({
    databaseUrl: databaseUrl(),
    handlers: jobHandlers({ only: ["email-send"] }),
    log,
    pollSeconds: 0.5,
    superviseSeconds: 2,
    slaCheckCron: null,
  });
  teamName = `Away ${randomUUID().slice(0, 6)}`;
  teamId = (await createTeam(teamName))!.id;
  await db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.name, CHAT_WIDGET_KEY_NAME));
  const key = generateApiKey();
  await insertApiKey({ name: CHAT_WIDGET_KEY_NAME, prefix: key.prefix, keyHash: key.hash, teamId });
  rep = await createUser({ role: "rep", teamId, name: "Dana Reyes" });
});

afterAll(async () => {
  await worker?.stop();
  await stopBoss();
  await smtp.restore();
});

/** A chat whose lead asked for a person, accepted by the rep. */
async function acceptedChat(firstLine: string) {
  const sessionId = randomUUID();
  const conversationId = chatConversationId(sessionId);
  const ip = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
  const turn = await handleChatTurn(
    { body: { sessionId, message: { id: randomUUID(), role: "user", parts: [{ type: "text", text: firstLine }] } }, ip },
    { log },
  );
  if (!turn.ok) throw new Error(`turn refused: ${turn.message}`);
  const [created] = await db.select().from(handoffs).where(eq(handoffs.conversationId, conversationId));
  const queued = (await db.update(handoffs).set({ teamId, ownerId: null }).where(eq(handoffs.id, created!.id)).returning())[0]!;
  const accepted = await changeHandoffStatus({ actor: rep, handoffId: queued.id, expectedVersion: queued.version, input: { command: "accept" } });
  return { sessionId, conversationId, handoffId: accepted.id };
}

/** Time passes for the lead: their lines and their widget's last sign of life move ten minutes back. */
async function leadLeftTenMinutesAgo(conversationId: string) {
  await db
    .update(messages)
    .set({ sentAt: dsql`${messages.sentAt} - interval '10 minutes'` })
    .where(eq(messages.conversationId, conversationId));
  await db
    .update(conversations)
    .set({ leadSeenAt: dsql`now() - interval '10 minutes'` })
    .where(eq(conversations.id, conversationId));
}

describe("a person replies to a chat lead", () => {
  it("in the chat while the lead's widget holds its stream; by email, threaded, once they left; the lead's answer by email joins the chat", async () => {
    const address = `mia.${randomUUID().slice(0, 6)}@levante-cargo.example`;
    const c = await acceptedChat(`I'd like to talk to a person please. I'm at ${address}`);
    await leadLeftTenMinutesAgo(c.conversationId);

    // The lead comes back: the open stream is their sign of life, so the reply stays in the chat.
    const controller = new AbortController();
    const stream = await openLeadStream({ sessionId: c.sessionId, after: null }, controller.signal);
    if (!stream.ok) throw new Error(stream.message);
    const reader = stream.stream.getReader();
    await reader.read();
    await waitFor("the stream's presence mark", async () => {
      const [row] = await db.select({ at: conversations.leadSeenAt }).from(conversations).where(eq(conversations.id, c.conversationId));
      return row?.at && Date.now() - row.at.getTime() < 60_000 ? row : null;
    });
    const inChat = await sendPersonReply({ actor: rep, handoffId: c.handoffId, text: "Hi Mia, Dana here. Are you still there?" });
    expect(inChat).toMatchObject({ via: "chat", notice: null });
    controller.abort();
    await reader.cancel().catch(() => {});

    // They close the tab: ten minutes later the next reply goes by email.
    await leadLeftTenMinutesAgo(c.conversationId);
    const byEmail = await sendPersonReply({ actor: rep, handoffId: c.handoffId, text: "Hi Mia, the Salesforce connector is included. Dana" });
    expect(byEmail.via).toBe("email");
    expect(byEmail.notice).toContain(address);
    const first = await waitFor("the reply at the SMTP server", () => smtp.messages.find((m) => m.to.includes(address)));
    expect(first).toMatchObject({ subject: `Re: Your chat with ${teamName}`, inReplyTo: null });
    expect(first.text).toContain("the Salesforce connector is included");
    expect(first.fromHeader).toContain("Dana Reyes");

    // The copy is a line of the same conversation, marked as email, which the package page shows as such.
    const [line] = await db.select().from(messages).where(eq(messages.id, byEmail.id));
    expect(line).toMatchObject({ conversationId: c.conversationId, author: "human", authorUserId: rep.id, channel: "email" });
    const shown = (await listLiveMessages({ conversationId: c.conversationId })).map(consoleLine);
    expect(shown.find((l) => l.id === byEmail.id)?.byEmail).toBe(true);
    expect(shown.find((l) => l.id === inChat.id)?.byEmail).toBe(false);
    const sentEvents = await db
      .select()
      .from(handoffEvents)
      .where(and(eq(handoffEvents.handoffId, c.handoffId), eq(handoffEvents.type, "email_sent")));
    expect(sentEvents).toHaveLength(1);

    // A second reply threads under the first.
    const again = await sendPersonReply({ actor: rep, handoffId: c.handoffId, text: "And here is the price list. Dana" });
    expect(again.via).toBe("email");
    const second = await waitFor("the second email", () => smtp.messages.find((m) => m.to.includes(address) && m.text.includes("price list")));
    expect(second.inReplyTo).toBe(first.messageId);

    // The lead answers the email: it joins the chat's conversation, so the package page shows it.
    const answer = rawEmail({
      from: `Mia <${address}>`,
      subject: second.subject,
      body: "Great, thanks. Can we meet on Friday?",
      inReplyTo: second.messageId!.replace(/^<|>$/g, ""),
      references: [first.messageId!, second.messageId!].map((m) => m.replace(/^<|>$/g, "")),
    });
    const outcome = await processInboundEmail(Buffer.from(answer.raw), {
      source: "imap:test",
      sourceRef: answer.messageId,
      ownAddresses: ["sales@baton.test"],
      log,
    });
    expect(outcome.status).toBe("reply");
    const [inbound] = await db.select().from(emailMessages).where(eq(emailMessages.messageId, answer.messageId));
    expect(inbound?.conversationId).toBe(c.conversationId);
  });

  it("without an email address, keeps the reply in the chat and tells the person the lead may not see it", async () => {
    const before = smtp.messages.length;
    const c = await acceptedChat("Can I talk to a human please?");
    const [handoff] = await db.select().from(handoffs).where(eq(handoffs.id, c.handoffId));
    expect(handoff?.leadEmail).toBeNull();
    await leadLeftTenMinutesAgo(c.conversationId);
    const sent = await sendPersonReply({ actor: rep, handoffId: c.handoffId, text: "Hi, Dana here. How can I help?" });
    expect(sent).toEqual({ id: expect.any(String), via: "chat", notice: leftWithoutEmailNotice });
    const [line] = await db.select().from(messages).where(eq(messages.id, sent.id));
    expect(line).toMatchObject({ conversationId: c.conversationId, author: "human", channel: null });
    expect(await db.select().from(emailMessages).where(eq(emailMessages.handoffId, c.handoffId))).toHaveLength(0);
    expect(smtp.messages.length).toBe(before);
  });
});
