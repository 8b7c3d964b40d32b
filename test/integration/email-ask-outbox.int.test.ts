import { and, eq, sql as dsql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, databaseUrl } from "@/db";
import { emailMessages, handoffs, intakes } from "@/db/schema";
import { findPublishedRuleSet, publishRuleSet } from "@/db/queries/rules";
import { processInboundEmail } from "@/lib/email/process-inbound";
import { sendAskEmail, sendFilterReplyEmail } from "@/lib/email/send-ask-email";
import { resetEnvCache } from "@/lib/env";
import { stopBoss } from "@/lib/jobs/boss";
import { jobHandlers } from "@/lib/jobs/handlers";
import { emailAskJob } from "@/lib/jobs/handlers/email-ask";
import { emailFilterReplyJob } from "@/lib/jobs/handlers/email-filter-reply";
import { startWorker, type RunningWorker } from "@/lib/jobs/worker";
import { logger } from "@/lib/logger";
import { rawEmail } from "../support/emails";
import { createUser } from "../support/factories";
import { startOutgoingEmail, type OutgoingEmail } from "../support/outgoing-email";
import { waitFor } from "../support/wait-for";

// The agent's first questions to an email lead are an outbox job: queued in the intake's own
// transaction (none when it rolls back), sent by the worker, and a retried job sends them once.
let smtp: OutgoingEmail;
let worker: RunningWorker | null = null;
const log = logger.child({ test: "email-ask-outbox" });
const ctx = (ref: string) => ({ source: "imap:test", sourceRef: ref, ownAddresses: ["sales@baton.test"], log });

beforeAll(async () => {
  smtp = await startOutgoingEmail();
});

afterAll(async () => {
  await worker?.stop();
  await stopBoss();
  await smtp.restore();
});

async function askJobsFor(handoffId: string) {
  return db.execute<{ id: string; data: { handoffId: string; questions: string[] }; singleton_key: string | null }>(
    dsql`select id, data, singleton_key from pgboss.job where name = 'email-ask' and data->>'handoffId' = ${handoffId}`,
  );
}

async function handoffOf(messageId: string) {
  const [row] = await db
    .select({ handoff: handoffs })
    .from(intakes)
    .innerJoin(handoffs, eq(handoffs.intakeId, intakes.id))
    .where(eq(intakes.externalId, `email:${messageId}`));
  return row?.handoff ?? null;
}

describe("the agent's first ask email goes through the outbox", () => {
  it("is queued with the intake (and only when it commits); nothing is sent before the worker runs it", async () => {
    const mail = rawEmail({ from: "Rosa Vidal <rosa@orchard-bakery.example>", subject: "Question", body: "Hi, what does your product do?" });
    expect((await processInboundEmail(Buffer.from(mail.raw), ctx(mail.messageId))).status).toBe("new");
    const handoff = await handoffOf(mail.messageId);
    expect(handoff).toMatchObject({ decision: "ask" });
    const jobs = await askJobsFor(handoff!.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.singleton_key).toBe(`email-ask:${handoff!.id}`);
    expect(jobs[0]!.data.questions.length).toBeGreaterThan(0);
    // No worker yet: the intake itself sent nothing and recorded no outbound email.
    expect(
      await db
        .select()
        .from(emailMessages)
        .where(and(eq(emailMessages.handoffId, handoff!.id), eq(emailMessages.direction, "outbound"))),
    ).toHaveLength(0);
    expect(smtp.messages.filter((m) => m.to.includes("rosa@orchard-bakery.example"))).toHaveLength(0);

    // An intake whose commit fails (a deferred check that raises at COMMIT, after the job was queued): no package, no job.
    await db.execute(dsql`create or replace function test_fail_commit() returns trigger language plpgsql as $$
      begin if new.from_address = 'doomed@failing-commit.example' then raise exception 'commit refused by the test'; end if; return new; end $$`);
    await db.execute(
      dsql`create constraint trigger test_fail_commit after insert on email_messages deferrable initially deferred for each row execute function test_fail_commit()`,
    );
    try {
      const doomed = rawEmail({ from: "Doomed <doomed@failing-commit.example>", subject: "Question", body: "Hi, what does your product do?" });
      await expect(processInboundEmail(Buffer.from(doomed.raw), ctx(doomed.messageId))).rejects.toThrow(/commit refused/);
      expect(await handoffOf(doomed.messageId)).toBeNull();
      const orphans = await db.execute<{ n: number }>(
        dsql`select count(*)::int as n from pgboss.job j where j.name = 'email-ask' and not exists (select 1 from handoffs h where h.id::text = j.data->>'handoffId')`,
      );
      expect(orphans[0]!.n).toBe(0);
    } finally {
      await db.execute(dsql`drop trigger if exists test_fail_commit on email_messages`);
      await db.execute(dsql`drop function if exists test_fail_commit()`);
    }
  });

  it("the worker sends it threaded to the lead; a retried job records and sends it once", async () => {
    const mail = rawEmail({ from: "Ivo Marin <ivo@harbor-tiles.example>", subject: "Info", body: "Hello, could you tell me more about your product?" });
    expect((await processInboundEmail(Buffer.from(mail.raw), ctx(mail.messageId))).status).toBe("new");
    const handoff = await handoffOf(mail.messageId);
    const [job] = await askJobsFor(handoff!.id);
    // The job runs twice (a retry after the first attempt recorded the email, e.g. the worker died before acking).
    const jobCtx = { jobId: job!.id, retryCount: 0, boss: null as never, log, now: () => new Date(), signal: new AbortController().signal };
    await emailAskJob.handle(job!.data, jobCtx);
    await emailAskJob.handle(job!.data, { ...jobCtx, retryCount: 1 });
    const outbound = await db
      .select()
      .from(emailMessages)
      .where(and(eq(emailMessages.handoffId, handoff!.id), eq(emailMessages.direction, "outbound")));
    expect(outbound).toHaveLength(1);
    const sendJobs = await db.execute<{ n: number }>(
      dsql`select count(*)::int as n from pgboss.job where name = 'email-send' and data->>'emailId' = ${outbound[0]!.id}`,
    );
    expect(sendJobs[0]!.n).toBe(1);

    worker = await startWorker({
      databaseUrl: databaseUrl(),
      handlers: jobHandlers({ only: ["email-send", "email-ask", "email-filter-reply"] }),
      log,
      pollSeconds: 0.5,
      superviseSeconds: 2,
      slaCheckCron: null,
    });
    const received = await waitFor("the agent's questions at the SMTP server", () => smtp.messages.find((m) => m.to.includes("ivo@harbor-tiles.example")));
    expect(received.inReplyTo).toBe(`<${mail.messageId}>`);
    expect(received.text).toMatch(/^Hi Ivo,/);
    // The queued job itself (run by the worker now) finds the email already recorded: still one, marked sent.
    await waitFor("the ask job done", async () => {
      const r = await db.execute<{ state: string }>(dsql`select state from pgboss.job where id = ${job!.id}`);
      return r[0]?.state === "completed" ? true : null;
    });
    await waitFor("the email marked sent", async () => {
      const [row] = await db.select().from(emailMessages).where(eq(emailMessages.id, outbound[0]!.id));
      return row?.deliveryStatus === "sent" ? row : null;
    });
    expect(
      await db
        .select()
        .from(emailMessages)
        .where(and(eq(emailMessages.handoffId, handoff!.id), eq(emailMessages.direction, "outbound"))),
    ).toHaveLength(1);
    expect(smtp.messages.filter((m) => m.to.includes("ivo@harbor-tiles.example"))).toHaveLength(1);
  });
});

describe("the agent's safe reply to a filtered email lead", () => {
  it("only when the rule set enables it: queued with the intake, sent once, polite and non-committal; never to an automated sender", async () => {
    const student = () =>
      rawEmail({
        from: "Nora Berg <nora.berg@uni-research.example>",
        subject: "Thesis",
        body: "Hi, I'm a student writing my thesis on sales teams. Could you answer a few questions?",
      });
    // Off (the default): a filtered lead gets no reply job.
    const off = student();
    expect((await processInboundEmail(Buffer.from(off.raw), ctx(off.messageId))).status).toBe("new");
    const offHandoff = await handoffOf(off.messageId);
    expect(offHandoff).toMatchObject({ decision: "filter", status: "discarded" });
    const none = await db.execute<{ n: number }>(
      dsql`select count(*)::int as n from pgboss.job where name = 'email-filter-reply' and data->>'handoffId' = ${offHandoff!.id}`,
    );
    expect(none[0]!.n).toBe(0);

    const admin = await createUser({ role: "admin", teamId: null });
    const before = await findPublishedRuleSet();
    await publishRuleSet({ actor: admin, rules: { ...(before!.rules as Record<string, unknown>), filterReply: true }, note: "filter replies on" });
    try {
      const on = student();
      expect((await processInboundEmail(Buffer.from(on.raw), ctx(on.messageId))).status).toBe("new");
      const handoff = await handoffOf(on.messageId);
      expect(handoff).toMatchObject({ decision: "filter" });
      const jobs = await db.execute<{ id: string; singleton_key: string }>(
        dsql`select id, singleton_key from pgboss.job where name = 'email-filter-reply' and data->>'handoffId' = ${handoff!.id}`,
      );
      expect(jobs.map((j) => j.singleton_key)).toEqual([`email-filter-reply:${handoff!.id}`]);
      // A retry of the job records nothing more.
      const jobCtx = { jobId: jobs[0]!.id, retryCount: 1, boss: null as never, log, now: () => new Date(), signal: new AbortController().signal };
      await emailFilterReplyJob.handle({ handoffId: handoff!.id }, jobCtx);
      await emailFilterReplyJob.handle({ handoffId: handoff!.id }, jobCtx);
      expect(
        await db
          .select()
          .from(emailMessages)
          .where(and(eq(emailMessages.handoffId, handoff!.id), eq(emailMessages.direction, "outbound"))),
      ).toHaveLength(1);

      // An automated sender the rules filter: the job runs, and the agent writes nothing.
      const bot = rawEmail({
        from: "Vendor <no-reply@growth-hacks.example>",
        subject: "Offer",
        body: "We are an SEO agency and would like to offer you our link building services.",
      });
      expect((await processInboundEmail(Buffer.from(bot.raw), ctx(bot.messageId))).status).toBe("new");
      const botHandoff = await handoffOf(bot.messageId);
      expect(botHandoff).toMatchObject({ decision: "filter" });
      expect(await sendFilterReplyEmail({ handoffId: botHandoff!.id })).toEqual({ sent: false, reason: expect.stringContaining("automated address") });

      worker ??= await startWorker({
        databaseUrl: databaseUrl(),
        handlers: jobHandlers({ only: ["email-send", "email-ask", "email-filter-reply"] }),
        log,
        pollSeconds: 0.5,
        superviseSeconds: 2,
        slaCheckCron: null,
      });
      const received = await waitFor("the filter reply at the SMTP server", () => smtp.messages.find((m) => m.to.includes("nora.berg@uni-research.example")));
      expect(received.inReplyTo).toBe(`<${on.messageId}>`);
      expect(received.autoSubmitted).toBe("auto-generated");
      expect(received.text).toMatch(/^Hi Nora,/);
      // The new words (the lead's own message is quoted below them) commit to nothing.
      const ours = received.text.split(/\nOn .+ wrote:\n/)[0]!;
      expect(ours).toContain("Thank you for getting in touch");
      expect(ours).not.toMatch(/call|price|book|demo|thesis/i);
      await waitFor("the filter reply job done", async () => {
        const r = await db.execute<{ state: string }>(dsql`select state from pgboss.job where id = ${jobs[0]!.id}`);
        return r[0]?.state === "completed" ? true : null;
      });
      expect(smtp.messages.filter((m) => m.to.includes("nora.berg@uni-research.example"))).toHaveLength(1);
    } finally {
      // The files share one database: back to the rules as they were (a new version with them).
      await publishRuleSet({ actor: admin, rules: before!.rules as Record<string, unknown>, note: "restored" });
    }
  });
});

describe("a partial answer to the agent's questions", () => {
  it("the re-triage asks, by the outbox, only for what is still missing; once per reply; within the daily cap", async () => {
    process.env.EMAIL_AGENT_MAX_PER_LEAD_PER_DAY = "2";
    resetEnvCache();
    try {
      const mail = rawEmail({ from: "Pia Lang <pia@lumen-glass.example>", subject: "Info", body: "Hello, could you tell me more about your product?" });
      expect((await processInboundEmail(Buffer.from(mail.raw), ctx(mail.messageId))).status).toBe("new");
      const handoff = await handoffOf(mail.messageId);
      expect(handoff).toMatchObject({ decision: "ask", status: "pending" });
      const [first] = await askJobsFor(handoff!.id);
      expect(first!.data.questions).toContain("Roughly how many inbound leads do you get a month, and how big is the team?");
      const jobCtx = { jobId: first!.id, retryCount: 0, boss: null as never, log, now: () => new Date(), signal: new AbortController().signal };
      await emailAskJob.handle(first!.data, jobCtx);

      // She answers one question (the size of the team), not the rest: what she needs is still unknown.
      const reply = rawEmail({
        from: "Pia Lang <pia@lumen-glass.example>",
        subject: "Re: Info",
        body: "We are a team of about 20 people.",
        inReplyTo: mail.messageId,
        references: [mail.messageId],
      });
      expect(await processInboundEmail(Buffer.from(reply.raw), ctx(reply.messageId))).toMatchObject({ status: "reply" });
      const [replyRow] = await db.select().from(emailMessages).where(eq(emailMessages.messageId, reply.messageId));
      const followUps = (await askJobsFor(handoff!.id)).filter((j) => j.id !== first!.id);
      expect(followUps).toHaveLength(1);
      expect(followUps[0]!.singleton_key).toBe(`email-ask:${handoff!.id}:${replyRow!.id}`);
      const remaining = followUps[0]!.data.questions;
      expect(remaining.length).toBeGreaterThan(0);
      expect(remaining).not.toContain("Roughly how many inbound leads do you get a month, and how big is the team?");
      expect(first!.data.questions).toEqual(expect.arrayContaining(remaining));

      // The follow-up is sent once even when its job runs twice, threaded after her reply, with only the rest.
      await emailAskJob.handle(followUps[0]!.data, { ...jobCtx, jobId: followUps[0]!.id });
      await emailAskJob.handle(followUps[0]!.data, { ...jobCtx, jobId: followUps[0]!.id, retryCount: 1 });
      const outbound = await db
        .select()
        .from(emailMessages)
        .where(and(eq(emailMessages.handoffId, handoff!.id), eq(emailMessages.direction, "outbound")));
      expect(outbound).toHaveLength(2);
      const followUp = outbound.find((e) => e.inReplyTo === reply.messageId);
      expect(followUp?.body).toMatch(/^Hi Pia,\n\nThanks, that helps/);
      expect(followUp?.body).not.toContain("Roughly how many inbound leads");

      // A further partial reply: the cap (2 a day) holds, the agent writes no third email.
      const again = rawEmail({
        from: "Pia Lang <pia@lumen-glass.example>",
        subject: "Re: Info",
        body: "No budget yet.",
        inReplyTo: followUp!.messageId,
        references: [mail.messageId, followUp!.messageId],
      });
      expect(await processInboundEmail(Buffer.from(again.raw), ctx(again.messageId))).toMatchObject({ status: "reply" });
      const third = (await askJobsFor(handoff!.id)).find((j) => j.id !== first!.id && j.id !== followUps[0]!.id);
      expect(third).toBeDefined();
      expect(await sendAskEmail(third!.data)).toEqual({ sent: false, reason: expect.stringContaining("loop protection") });
      expect(
        await db
          .select()
          .from(emailMessages)
          .where(and(eq(emailMessages.handoffId, handoff!.id), eq(emailMessages.direction, "outbound"))),
      ).toHaveLength(2);
    } finally {
      delete process.env.EMAIL_AGENT_MAX_PER_LEAD_PER_DAY;
      resetEnvCache();
    }
  });
});
