import { eq, sql as dsql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { emailMessages, handoffEvents, handoffs, intakes, messages } from "@/db/schema";
import { imapClient, type MailboxSettings } from "@/lib/email/imap-client";
import { readMailboxPass } from "@/lib/email/mailbox-reader";
import { stopBoss } from "@/lib/jobs/boss";
import { logger } from "@/lib/logger";
import { type DovecotStandIn, startDovecot } from "../stand-ins/dovecot";
import { rawEmail } from "../support/emails";

// A reply from another address (a colleague the lead copied) that arrives in the same IMAP batch as
// the email it answers: it waits for that email and joins its thread, never a lead of its own.
let dovecot: DovecotStandIn;
const log = logger.child({ test: "email-thread-batch" });

beforeAll(async () => {
  dovecot = await startDovecot();
});

afterAll(async () => {
  await stopBoss();
  await dovecot?.close();
});

function settings(folder: string): MailboxSettings {
  return { host: dovecot.host, port: dovecot.port, security: "none", user: dovecot.user, password: dovecot.password, folder, address: "sales@baton.test" };
}

async function pass(folder: string) {
  const client = imapClient(settings(folder));
  await client.connect();
  try {
    return await readMailboxPass(client, settings(folder), { log });
  } finally {
    await client.logout();
  }
}

describe("a reply from another address in the same batch as the email it answers", () => {
  it("joins the first email's thread (noted as from another address) instead of becoming its own lead", async () => {
    const folder = "Batch";
    const lead = rawEmail({
      from: "Ana Ruiz <ana.ruiz@northwind-freight.example>",
      to: "Sales <sales@baton.test>",
      subject: "Pricing for 40 seats",
      body: "Hi,\n\nWe are a logistics company with about 40 people in sales. Budget is around 30,000 EUR a year. Could someone book a demo this week?\n\nAna",
    });
    const colleague = rawEmail({
      from: "Luis Gómez <luis.gomez@northwind-freight.example>",
      subject: "Re: Pricing for 40 seats",
      body: "Adding to Ana's note: we would need SSO as well.",
      inReplyTo: lead.messageId,
      references: [lead.messageId],
    });
    // A reply to that reply, from a third address, names only the colleague's message.
    const third = rawEmail({
      from: "Marta Soler <marta@northwind-freight.example>",
      subject: "Re: Pricing for 40 seats",
      body: "And we are 12 more people in the Lisbon office.",
      inReplyTo: colleague.messageId,
      references: [colleague.messageId],
    });
    for (const m of [lead, colleague, third]) await dovecot.append(m.raw, folder);

    const result = await pass(folder);
    expect(result.fetched).toBe(3);
    expect(result.outcomes).toMatchObject({ new: 1, reply: 2 });

    const [row] = await db
      .select({ handoff: handoffs })
      .from(intakes)
      .innerJoin(handoffs, eq(handoffs.intakeId, intakes.id))
      .where(eq(intakes.externalId, `email:${lead.messageId}`));
    const handoff = row!.handoff;
    for (const m of [colleague, third]) {
      const [email] = await db.select().from(emailMessages).where(eq(emailMessages.messageId, m.messageId));
      expect(email).toMatchObject({ kind: "reply", conversationId: handoff.conversationId, handoffId: handoff.id });
      const [intake] = await db
        .select()
        .from(intakes)
        .where(eq(intakes.externalId, `email:${m.messageId}`));
      expect(intake).toBeUndefined();
    }
    const { n } = (
      await db
        .select({ n: dsql<number>`count(*)::int` })
        .from(handoffs)
        .where(dsql`${handoffs.leadEmail} like '%@northwind-freight.example'`)
    )[0]!;
    expect(n).toBe(1);
    const lines = await db.select().from(messages).where(eq(messages.conversationId, handoff.conversationId!)).orderBy(messages.sentAt);
    expect(lines.map((l) => l.text)).toEqual([
      expect.stringContaining("about 40 people"),
      "Adding to Ana's note: we would need SSO as well.",
      "And we are 12 more people in the Lisbon office.",
    ]);
    const received = await db.select().from(handoffEvents).where(eq(handoffEvents.handoffId, handoff.id));
    const fromOthers = received.filter((e) => e.type === "email_received");
    expect(fromOthers.map((e) => (e.data as { otherAddress?: boolean }).otherAddress)).toEqual([true, true]);
    expect(fromOthers.map((e) => e.note)).toEqual(
      expect.arrayContaining([expect.stringContaining("luis.gomez@northwind-freight.example"), expect.stringContaining("marta@northwind-freight.example")]),
    );
  });
});
