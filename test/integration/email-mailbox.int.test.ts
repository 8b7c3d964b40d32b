import type { ChildProcess } from "node:child_process";
import { eq, like, sql as dsql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, databaseUrl } from "@/db";
import { emailMessages, emailQuarantine, emailThreads, handoffEvents, handoffs, intakes, mailboxCursors, messages, undeliverableAddresses } from "@/db/schema";
import { imapClient, mailboxKey, type MailboxSettings } from "@/lib/email/imap-client";
import { readMailboxPass, startMailboxReader } from "@/lib/email/mailbox-reader";
import { replyAddress } from "@/lib/email/reply-token";
import { stopBoss } from "@/lib/jobs/boss";
import { logger } from "@/lib/logger";
import { type DovecotStandIn, startDovecot } from "../stand-ins/dovecot";
import { rawBounce, rawEmail } from "../support/emails";
import { createTeam, createUser } from "../support/factories";
import { waitFor } from "../support/wait-for";
import { spawnWorkerProcess } from "../support/worker-process";

let dovecot: DovecotStandIn;
let rep: Awaited<ReturnType<typeof createUser>>;
const log = logger.child({ test: "email-mailbox" });
const children = new Set<ChildProcess>();

beforeAll(async () => {
  dovecot = await startDovecot();
  const team = await createTeam();
  rep = await createUser({ role: "rep", teamId: team!.id });
});

afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await stopBoss();
  await dovecot?.close();
});

function settings(folder: string): MailboxSettings {
  return { host: dovecot.host, port: dovecot.port, security: "none", user: dovecot.user, password: dovecot.password, folder, address: "sales@baton.test" };
}

/** One reader pass over the folder, on a connection of its own. */
async function pass(folder: string) {
  const client = imapClient(settings(folder));
  await client.connect();
  try {
    return await readMailboxPass(client, settings(folder), { log });
  } finally {
    await client.logout();
  }
}

async function handoffFor(messageId: string) {
  const [row] = await db
    .select({ handoff: handoffs })
    .from(intakes)
    .innerJoin(handoffs, eq(handoffs.intakeId, intakes.id))
    .where(eq(intakes.externalId, `email:${messageId}`));
  return row?.handoff ?? null;
}

const leadBody =
  "Hi,\n\nWe are a logistics company with about 40 people in sales and want to replace our tool before January.\nBudget is around 30,000 EUR a year. Could someone book a demo this week?\n\nThanks,\nAna\n\n-- \nAna Ruiz\n+34 600 123 456";

describe("the mailbox, read from a real IMAP server (Dovecot)", () => {
  it("a new lead's email becomes one package; its reply joins the thread; read twice, nothing doubles", async () => {
    const folder = "Lead";
    const lead = rawEmail({ from: "Ana Ruiz <ana.ruiz@northwind-logistics.example>", subject: "Pricing for 40 seats", body: leadBody });
    await dovecot.append(lead.raw, folder);
    expect((await pass(folder)).outcomes.new).toBe(1);

    const handoff = await handoffFor(lead.messageId);
    expect(handoff).toMatchObject({ channel: "email", leadEmail: "ana.ruiz@northwind-logistics.example" });
    expect(handoff!.conversationId).not.toBeNull();
    const [thread] = await db.select().from(emailThreads).where(eq(emailThreads.conversationId, handoff!.conversationId!));
    expect(thread).toMatchObject({ handoffId: handoff!.id, leadAddress: "ana.ruiz@northwind-logistics.example", subject: "Pricing for 40 seats" });
    const [first] = await db.select().from(messages).where(eq(messages.conversationId, handoff!.conversationId!));
    // Only the new words were triaged and stored: the signature's phone number is not in the message.
    expect(first!.text).toContain("Budget is around 30,000 EUR");
    expect(first!.text).not.toContain("+34 600");

    const reply = rawEmail({
      from: "Ana Ruiz <ana.ruiz@northwind-logistics.example>",
      subject: "Re: Pricing for 40 seats",
      body: "Thursday at 11:00 works. We use HubSpot.\n\nOn Tue, Dec 1, 2026 at 4:02 PM Sales <sales@baton.test> wrote:\n> Would Thursday suit you?",
      inReplyTo: lead.messageId,
      references: [lead.messageId],
    });
    await dovecot.append(reply.raw, folder);
    // By reply token only (a client that drops the threading headers): the same thread.
    const byToken = rawEmail({
      from: "ana.ruiz@northwind-logistics.example",
      to: replyAddress("sales@baton.test", thread!.replyToken),
      subject: "one more thing",
      body: "We also have 3 offices.",
    });
    await dovecot.append(byToken.raw, folder);
    // Someone owns the package: each reply tells them.
    await db.update(handoffs).set({ ownerId: rep.id }).where(eq(handoffs.id, handoff!.id));
    expect((await pass(folder)).outcomes).toMatchObject({ reply: 2, new: 0 });

    const lines = await db.select().from(messages).where(eq(messages.conversationId, handoff!.conversationId!)).orderBy(messages.sentAt);
    expect(lines.map((l) => l.text)).toEqual([first!.text, "Thursday at 11:00 works. We use HubSpot.", "We also have 3 offices."]);
    expect(lines.slice(1).every((l) => l.author === "lead" && l.channel === "email")).toBe(true);
    const { n: packages } = (
      await db
        .select({ n: dsql<number>`count(*)::int` })
        .from(handoffs)
        .where(eq(handoffs.leadEmail, "ana.ruiz@northwind-logistics.example"))
    )[0]!;
    expect(packages).toBe(1);
    const events = await db.select({ type: handoffEvents.type }).from(handoffEvents).where(eq(handoffEvents.handoffId, handoff!.id));
    expect(events.filter((e) => e.type === "email_received")).toHaveLength(2);
    const notices = await db.execute<{ owner: string }>(
      dsql`select data->>'ownerId' as owner from pgboss.job where name = 'notify' and data->>'handoffId' = ${handoff!.id} and data->>'event' = 'lead_replied'`,
    );
    expect(notices.map((n) => n.owner)).toEqual([rep.id, rep.id]);

    // The cursor forgotten (a restart from scratch): everything is read again and nothing doubles.
    await db.delete(mailboxCursors).where(eq(mailboxCursors.mailbox, mailboxKey(settings(folder))));
    expect((await pass(folder)).outcomes).toMatchObject({ duplicate: 3, new: 0, reply: 0 });
    expect(await db.select().from(messages).where(eq(messages.conversationId, handoff!.conversationId!))).toHaveLength(3);
  });

  it("an auto-reply is logged on the thread and never becomes a lead or a message; a bounce marks the address undeliverable", async () => {
    const folder = "Auto";
    const lead = rawEmail({ from: "Chris Lee <chris@contoso-works.example>", subject: "Demo", body: leadBody.replace("Ana", "Chris") });
    await dovecot.append(lead.raw, folder);
    await pass(folder);
    const handoff = (await handoffFor(lead.messageId))!;

    const ooo = rawEmail({
      from: "Chris Lee <chris@contoso-works.example>",
      subject: "Automatic reply: Demo",
      body: "I am out of the office until Monday.",
      inReplyTo: lead.messageId,
      headers: { "Auto-Submitted": "auto-replied" },
    });
    const bounce = rawBounce({ recipient: "chris@contoso-works.example", originalMessageId: lead.messageId });
    await dovecot.appendMany([ooo.raw, bounce.raw], folder);
    expect((await pass(folder)).outcomes).toMatchObject({ automated: 1, bounce: 1, new: 0, reply: 0 });

    expect(await db.select().from(messages).where(eq(messages.conversationId, handoff.conversationId!))).toHaveLength(1);
    const [auto] = await db.select().from(emailMessages).where(eq(emailMessages.messageId, ooo.messageId));
    expect(auto).toMatchObject({ kind: "automated", conversationId: handoff.conversationId, detail: "Auto-Submitted: auto-replied", messageRowId: null });
    const events = await db.select({ type: handoffEvents.type, note: handoffEvents.note }).from(handoffEvents).where(eq(handoffEvents.handoffId, handoff.id));
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["email_automated", "email_bounced"]));
    expect(events.find((e) => e.type === "email_bounced")?.note).toContain("5.1.1");
    const [thread] = await db.select().from(emailThreads).where(eq(emailThreads.conversationId, handoff.conversationId!));
    expect(thread!.undeliverableAt).not.toBeNull();
    expect(await db.select().from(undeliverableAddresses).where(eq(undeliverableAddresses.address, "chris@contoso-works.example"))).toHaveLength(1);
    const { n } = (
      await db.execute<{ n: number }>(
        dsql`select count(*)::int as n from pgboss.job where name = 'notify' and data->>'handoffId' = ${handoff.id} and data->>'event' = 'email_bounced'`,
      )
    )[0]!;
    expect(Number(n)).toBe(1);
  });

  it("a poison message is quarantined with its reason and the next message is still processed", async () => {
    const folder = "Poison";
    const good = rawEmail({
      from: "Lena <lena@fjord-analytics.example>",
      subject: "Question",
      body: "We are 25 people and want a demo next week; budget 20,000 EUR.",
    });
    const badContact = rawEmail({ from: "nobody@localhost", subject: "x", body: "hello" });
    await dovecot.appendMany(["garbage without any header\r\n\r\njust bytes", badContact.raw, good.raw], folder);
    expect((await pass(folder)).outcomes).toMatchObject({ quarantined: 2, new: 1 });
    const quarantined = await db
      .select()
      .from(emailQuarantine)
      .where(like(emailQuarantine.source, `%/${folder}`));
    expect(quarantined.map((q) => q.reason).sort()).toEqual(
      [expect.stringMatching(/no mail headers/), expect.stringMatching(/contact\.email: must be an email address/)].sort(),
    );
    expect(await handoffFor(good.messageId)).not.toBeNull();
  });

  it("a changed UIDVALIDITY rescans the folder by Message-ID: nothing processed twice, nothing new missed", async () => {
    const folder = "Validity";
    const one = rawEmail({ from: "Ravi <ravi@kestrel-labs.example>", subject: "Hello", body: "We have 60 reps and need a demo; budget 50,000 USD." });
    await dovecot.append(one.raw, folder);
    await pass(folder);
    await db
      .update(mailboxCursors)
      .set({ uidValidity: 1n, lastUid: 99 })
      .where(eq(mailboxCursors.mailbox, mailboxKey(settings(folder))));
    const two = rawEmail({ from: "Mia <mia@osprey-health.example>", subject: "Hello", body: "Team of 12, want pricing and a call." });
    await dovecot.append(two.raw, folder);
    expect((await pass(folder)).outcomes).toMatchObject({ duplicate: 1, new: 1 });
  });
});

describe("the reader left running", () => {
  it("reads what arrives after it connected (IDLE's EXISTS, or the poll), without reconnecting", { timeout: 60_000 }, async () => {
    const folder = "Live";
    // An empty folder when the reader connects (a new mailbox, the demo's).
    const probe = imapClient(settings("INBOX"));
    await probe.connect();
    await probe.mailboxCreate(folder);
    await probe.logout();
    const reader = startMailboxReader({ settings: async () => settings(folder), log, pollSeconds: 30 });
    try {
      await waitFor("the reader's first pass", () => reader.passes() >= 1, 20_000, 50);
      const later = rawEmail({ from: "Later <later@live-two.example>", subject: "later", body: "We have 40 reps and a budget of 30,000 EUR; book a demo." });
      await dovecot.append(later.raw, folder);
      // Well within the 30 s poll (and imapflow's own 15 s idle delay): IDLE told the reader.
      await waitFor("the message appended after the reader connected", async () => (await handoffFor(later.messageId)) !== null, 10_000, 100);
    } finally {
      await reader.stop();
    }
  });
});

describe("the mailbox under faults, counted", () => {
  const count = async (ids: string[]) => {
    const rows = await db.execute<{ external_id: string; n: number }>(dsql`
      select i.external_id, count(h.id)::int as n from intakes i join handoffs h on h.intake_id = i.id
      where i.external_id = any(${`{${ids.map((id) => `"email:${id}"`).join(",")}}`}::text[]) group by i.external_id`);
    const emails = await db.execute<{ n: number }>(
      dsql`select count(*)::int as n from email_messages where message_id = any(${`{${ids.map((id) => `"${id}"`).join(",")}}`}::text[])`,
    );
    return { leads: rows.length, duplicated: rows.filter((r) => Number(r.n) > 1).length, emailRows: Number(emails[0]!.n) };
  };
  const leads = (n: number, tag: string) =>
    Array.from({ length: n }, (_, i) =>
      rawEmail({
        from: `Lead ${i} <lead${i}.${tag}@company-${i}-${tag}.example>`,
        subject: `Enquiry ${i}`,
        body: `We are ${10 + i} people and want a demo; budget ${10_000 + i * 100} EUR.`,
      }),
    );

  it("Dovecot restarted mid-fetch: 0 lost, 0 duplicated", { timeout: 180_000 }, async () => {
    const folder = "Restart";
    const mails = leads(150, "rs");
    await dovecot.appendMany(
      mails.map((m) => m.raw),
      folder,
    );
    const reader = startMailboxReader({ settings: async () => settings(folder), log, pollSeconds: 0.5 });
    try {
      await waitFor("a few of the messages read", async () => (await count(mails.map((m) => m.messageId))).leads >= 5, 60_000, 20);
      await dovecot.stop();
      // Stopped while the reader was still fetching: some were read, not all.
      expect((await count(mails.map((m) => m.messageId))).leads).toBeLessThan(150);
      await dovecot.start();
      await waitFor("every message read after the restart", async () => (await count(mails.map((m) => m.messageId))).leads === 150, 150_000, 200);
    } finally {
      await reader.stop();
    }
    expect(await count(mails.map((m) => m.messageId))).toEqual({ leads: 150, duplicated: 0, emailRows: 150 });
  });

  it("the worker SIGKILLed mid-batch, then started again: 0 lost, 0 duplicated", { timeout: 240_000 }, async () => {
    const folder = "Kill";
    const mails = leads(80, "kl");
    await dovecot.appendMany(
      mails.map((m) => m.raw),
      folder,
    );
    const start = () => {
      const child = spawnWorkerProcess(
        {
          DATABASE_URL: databaseUrl(),
          MAILBOX_URL: `imap://${dovecot.user}:${dovecot.password}@127.0.0.1:${dovecot.port}/${folder}?security=none`,
          MAILBOX_ADDRESS: "sales@baton.test",
          MAILBOX_POLL_SECONDS: "0.5",
          WORKER_QUEUES: "sla-check",
          LOG_LEVEL: "warn",
        },
        "ignore",
      );
      children.add(child);
      child.on("exit", () => children.delete(child));
      return child;
    };
    const first = start();
    await waitFor("the worker mid-batch", async () => (await count(mails.map((m) => m.messageId))).leads >= 10, 90_000, 20);
    first.kill("SIGKILL");
    await new Promise((resolve) => (first.exitCode !== null ? resolve(null) : first.once("exit", resolve)));
    const before = (await count(mails.map((m) => m.messageId))).leads;
    expect(before).toBeLessThan(80);
    const second = start();
    try {
      await waitFor("every message read by the restarted worker", async () => (await count(mails.map((m) => m.messageId))).leads === 80, 150_000, 200);
    } finally {
      second.kill("SIGTERM");
    }
    expect(await count(mails.map((m) => m.messageId))).toEqual({ leads: 80, duplicated: 0, emailRows: 80 });
  });
});
