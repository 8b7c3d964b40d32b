import { eq, sql as dsql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, databaseUrl } from "@/db";
import { crmNotes, emailMessages, handoffEvents, handoffs, intakes, messages } from "@/db/schema";
import { processInboundEmail } from "@/lib/email/process-inbound";
import { sendRepReply } from "@/lib/email/rep-reply";
import { sendLeadEmail } from "@/lib/email/send-lead-email";
import { stopBoss } from "@/lib/jobs/boss";
import { jobHandlers } from "@/lib/jobs/handlers";
import { startWorker, type RunningWorker } from "@/lib/jobs/worker";
import { logger } from "@/lib/logger";
import { rawBounce, rawEmail } from "../support/emails";
import { createTeam, createUser } from "../support/factories";
import { startOutgoingEmail, type OutgoingEmail } from "../support/outgoing-email";
import { waitFor } from "../support/wait-for";

let smtp: OutgoingEmail;
let worker: RunningWorker;
const log = logger.child({ test: "email-reply" });
const ctx = (ref: string) => ({ source: "imap:test", sourceRef: ref, ownAddresses: ["sales@baton.test"], log });

beforeAll(async () => {
  smtp = await startOutgoingEmail({ EMAIL_AGENT_MAX_PER_LEAD_PER_DAY: "2" });
  worker = await startWorker({
    databaseUrl: databaseUrl(),
    handlers: jobHandlers({ only: ["email-send", "email-ask"] }),
    log,
    pollSeconds: 0.5,
    superviseSeconds: 2,
    slaCheckCron: null,
  });
});

afterAll(async () => {
  await worker?.stop();
  await stopBoss();
  await smtp.restore();
});

async function newLead(from: string, body: string) {
  const mail = rawEmail({ from, subject: "Pricing for our team", body });
  const outcome = await processInboundEmail(Buffer.from(mail.raw), ctx(mail.messageId));
  expect(outcome.status).toBe("new");
  const [row] = await db
    .select({ handoff: handoffs })
    .from(intakes)
    .innerJoin(handoffs, eq(handoffs.intakeId, intakes.id))
    .where(eq(intakes.externalId, `email:${mail.messageId}`));
  return { handoff: row!.handoff, messageId: mail.messageId };
}

describe("the rep answers by email from the package", () => {
  it("sent threaded from the shared address with the rep's name; logged as a human message, on the timeline and in the CRM; the lead's answer joins and tells the owner", async () => {
    const team = await createTeam();
    const rep = await createUser({ role: "rep", teamId: team!.id, name: "Marta Gil" });
    const { handoff, messageId: leadMessageId } = await newLead(
      "Ana Ruiz <ana@northwind-ship.example>",
      "We are a logistics company with about 40 people in sales and we want to\nreplace our current tool before January. Budget is around 30,000 EUR a year.\nCould someone send pricing and book a call this week?",
    );
    // Escalated, so the agent asked nothing: the rep's is the first email Baton sends in this thread.
    expect(handoff.decision).toBe("escalate");
    await db.update(handoffs).set({ ownerId: rep.id, status: "accepted" }).where(eq(handoffs.id, handoff.id));

    const { emailId } = await sendRepReply({ actor: rep, handoffId: handoff.id, text: "Hi Ana, Thursday at 11:00 works. Marta" });
    const received = await waitFor("the reply at the SMTP server", () => smtp.messages.find((m) => m.to.includes("ana@northwind-ship.example")));
    const [email] = await db.select().from(emailMessages).where(eq(emailMessages.id, emailId));
    expect(received).toMatchObject({
      messageId: `<${email!.messageId}>`,
      inReplyTo: `<${leadMessageId}>`,
      references: [`<${leadMessageId}>`],
      subject: "Re: Pricing for our team",
    });
    expect(smtp.messages.filter((m) => m.to.includes("ana@northwind-ship.example"))).toHaveLength(1);
    expect(received.fromHeader).toBe('"Marta Gil" <sales@baton.test>');
    expect(received.replyTo).toMatch(/^sales\+r-[a-z2-7]{20}@baton\.test$/);
    expect(received.autoSubmitted).toBeNull();
    expect(received.text).toContain("Thursday at 11:00 works");
    expect(received.text).toContain("> We are a logistics company");
    await waitFor(
      "the email marked sent",
      async () => (await db.select().from(emailMessages).where(eq(emailMessages.id, emailId)))[0]!.deliveryStatus === "sent",
    );

    const [line] = await db.select().from(messages).where(eq(messages.id, email!.messageRowId!));
    expect(line).toMatchObject({ author: "human", authorUserId: rep.id, channel: "email", text: "Hi Ana, Thursday at 11:00 works. Marta" });
    const [after] = await db.select().from(handoffs).where(eq(handoffs.id, handoff.id));
    expect(after!.firstHumanContactAt?.getTime()).toBe(line!.sentAt.getTime());
    const events = await db.select().from(handoffEvents).where(eq(handoffEvents.handoffId, handoff.id));
    expect(events.find((e) => e.type === "email_sent")).toMatchObject({ actorKind: "user", actorId: rep.id });
    expect(
      await db
        .select()
        .from(crmNotes)
        .where(eq(crmNotes.key, `email:${emailId}`)),
    ).toHaveLength(1);
    expect(smtp.messages.filter((m) => m.messageId === `<${email!.messageId}>`)).toHaveLength(1);

    // The lead answers the rep's email: it joins the thread (by In-Reply-To) and the owner hears of it.
    const answer = rawEmail({
      from: "Ana Ruiz <ana@northwind-ship.example>",
      subject: "Re: Pricing for our team",
      body: "Perfect, see you Thursday.\n\nOn Wed, Marta Gil wrote:\n> Thursday at 11:00 works.",
      inReplyTo: email!.messageId,
      references: [leadMessageId, email!.messageId],
    });
    expect((await processInboundEmail(Buffer.from(answer.raw), ctx(answer.messageId))).status).toBe("reply");
    const lines = await db.select().from(messages).where(eq(messages.conversationId, handoff.conversationId!)).orderBy(messages.sentAt);
    expect(lines.map((l) => [l.author, l.text])).toEqual([
      ["lead", expect.stringContaining("We are a logistics company")],
      ["human", "Hi Ana, Thursday at 11:00 works. Marta"],
      ["lead", "Perfect, see you Thursday."],
    ]);
    const notices = await db.execute<{ owner: string }>(
      dsql`select data->>'ownerId' as owner from pgboss.job where name = 'notify' and data->>'handoffId' = ${handoff.id} and data->>'event' = 'lead_replied'`,
    );
    expect(notices.map((n) => n.owner)).toEqual([rep.id]);
  });

  it("a reply the mail server refuses (550) is marked not sent, on the timeline, and never retried into a duplicate", async () => {
    const team = await createTeam();
    const rep = await createUser({ role: "rep", teamId: team!.id, name: "Ola Berg" });
    const { handoff } = await newLead(
      "Mats <mats@fjord-timber.example>",
      "We are a timber company with 60 people in sales, budget 50,000 EUR a year; please book a call this week.",
    );
    await db.update(handoffs).set({ ownerId: rep.id, teamId: team!.id }).where(eq(handoffs.id, handoff.id));
    // Aimed at this lead: another email still in flight (an earlier test's follow-up) must not take the 550.
    smtp.failNextTo("mats@fjord-timber.example", 550);
    const { emailId } = await sendRepReply({ actor: rep, handoffId: handoff.id, text: "Hello Mats" });
    await waitFor(
      "the email marked failed",
      async () => (await db.select().from(emailMessages).where(eq(emailMessages.id, emailId)))[0]!.deliveryStatus === "failed",
    );
    const [row] = await db.select().from(emailMessages).where(eq(emailMessages.id, emailId));
    expect(row!.deliveryError).toContain("Message refused");
    const events = await db.select().from(handoffEvents).where(eq(handoffEvents.handoffId, handoff.id));
    expect(events.filter((e) => e.type === "email_failed")).toHaveLength(1);
    expect(smtp.messages.filter((m) => m.to.includes("mats@fjord-timber.example"))).toHaveLength(0);
  });

  it("refuses to write to an address that bounced, and a rep who does not own the package", async () => {
    const team = await createTeam();
    const owner = await createUser({ role: "rep", teamId: team!.id });
    const other = await createUser({ role: "rep", teamId: team!.id });
    const { handoff, messageId } = await newLead("Gone <gone@defunct-co.example>", "We are 20 people and want pricing and a demo.");
    await db.update(handoffs).set({ ownerId: owner.id, teamId: team!.id }).where(eq(handoffs.id, handoff.id));
    await expect(sendRepReply({ actor: other, handoffId: handoff.id, text: "Hello" })).rejects.toThrow(/owns this package/);
    const bounce = rawBounce({ recipient: "gone@defunct-co.example", originalMessageId: messageId });
    expect((await processInboundEmail(Buffer.from(bounce.raw), ctx(bounce.messageId))).status).toBe("bounce");
    await expect(sendRepReply({ actor: owner, handoffId: handoff.id, text: "Hello" })).rejects.toThrow(/gone@defunct-co\.example bounced/);
  });
});

describe("the agent's emails, with loop protection", () => {
  it("sends threaded and marked automatic; at most N a day per lead; never after an automated message; never to a no-reply address", async () => {
    // An `ask`: the agent writes its questions back in the thread at once.
    const { handoff, messageId } = await newLead("Tom Baker <tom@brightside-dental.example>", "Hi, what does your product do?");
    expect(handoff).toMatchObject({ decision: "ask", priority: "nurture" });
    const received = await waitFor("the agent's questions", () => smtp.messages.find((m) => m.to.includes("tom@brightside-dental.example")));
    expect(received.autoSubmitted).toBe("auto-generated");
    expect(received.inReplyTo).toBe(`<${messageId}>`);
    expect(received.text).toMatch(/^Hi Tom,/);
    expect(received.text).toMatch(/how many/i);
    // The cap (2 a day here): one more goes, the next is refused.
    const second = await sendLeadEmail({ handoffId: handoff.id, author: { kind: "agent" }, text: "Which CRM do you use?", purpose: "ask" });
    const third = await sendLeadEmail({ handoffId: handoff.id, author: { kind: "agent" }, text: "One more question", purpose: "ask" });
    expect([second.sent, third]).toEqual([true, { sent: false, reason: expect.stringContaining("loop protection") }]);

    const other = await newLead("Lia <lia@kite-surf.example>", "Hello, tell me about prices.");
    const ooo = rawEmail({
      from: "lia@kite-surf.example",
      subject: "Out of office",
      body: "Away",
      inReplyTo: other.messageId,
      headers: { "Auto-Submitted": "auto-replied" },
    });
    expect((await processInboundEmail(Buffer.from(ooo.raw), ctx(ooo.messageId))).status).toBe("automated");
    expect(await sendLeadEmail({ handoffId: other.handoff.id, author: { kind: "agent" }, text: "Any news?" })).toEqual({
      sent: false,
      reason: expect.stringContaining("automated"),
    });

    const bot = await newLead("Notifier <no-reply@saas-vendor.example>", "Your trial is ending. Contact sales for a quote.");
    expect(await sendLeadEmail({ handoffId: bot.handoff.id, author: { kind: "agent" }, text: "Hello" })).toEqual({
      sent: false,
      reason: expect.stringContaining("automated address"),
    });
  });

  it("a reply with the missing data re-triages a nurture package: nurture → a priority, pending, on the timeline", async () => {
    const { handoff, messageId } = await newLead("Pia Lang <pia@lumen-optics.example>", "Hello, could you tell me more about your product?");
    expect(handoff).toMatchObject({ decision: "ask", priority: "nurture", status: "pending" });
    const answer = rawEmail({
      from: "Pia Lang <pia@lumen-optics.example>",
      subject: "Re: Your questions",
      body: "We get about 800 inbound leads a month and the sales team is 25 people. We use HubSpot.\nBudget is 40,000 EUR a year and we need it live next month. Can we book a demo?\n\nOn Tue, Baton wrote:\n> Could you tell us",
      inReplyTo: messageId,
    });
    const outcome = await processInboundEmail(Buffer.from(answer.raw), ctx(answer.messageId));
    expect(outcome).toMatchObject({ status: "reply", retriaged: true });
    const [after] = await db.select().from(handoffs).where(eq(handoffs.id, handoff.id));
    expect(after!.status).toBe("pending");
    expect(after!.priority).not.toBe("nurture");
    expect(after!.decision).not.toBe("ask");
    const events = await db.select({ type: handoffEvents.type, data: handoffEvents.data }).from(handoffEvents).where(eq(handoffEvents.handoffId, handoff.id));
    expect(events.find((e) => e.type === "updated_from_chat")?.data).toMatchObject({ channel: "email", from: { decision: "ask", priority: "nurture" } });
  });
});
