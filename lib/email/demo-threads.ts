import { assignDemoOwner, findHandoffByEmailMessageId, threadHasRepEmail } from "@/db/queries/mailbox";
import { processInboundEmail } from "@/lib/email/process-inbound";
import { sendLeadEmail } from "@/lib/email/send-lead-email";
import type { Logger } from "@/lib/logger";

// The demo's email threads, run through the real path (parse, classify, triage, record) so the
// console shows what a connected mailbox produces: a thread with a rep's reply and the lead's
// answer, an auto-reply logged on a thread, a bounce that marks an address undeliverable, and a
// package waiting for the rep's first reply (the e2e suite answers it). Deterministic Message-IDs:
// a second run changes nothing.

export const DEMO_MAILBOX = "sales@baton.demo";
/** The package the e2e suite replies to, owned by rep@baton.demo. */
export const DEMO_REPLY_LEAD = { name: "Lucas Fontaine", email: "lucas.fontaine@atelier-lumen.example", messageId: "demo-lucas-1@atelier-lumen.example" };

const date = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toUTCString();

function mail(o: {
  from: string;
  subject: string;
  body: string;
  messageId: string;
  minutesAgo: number;
  inReplyTo?: string;
  references?: string[];
  headers?: string[];
}): Buffer {
  return Buffer.from(
    [
      `From: ${o.from}`,
      `To: Sales <${DEMO_MAILBOX}>`,
      `Subject: ${o.subject}`,
      `Date: ${date(o.minutesAgo)}`,
      `Message-ID: <${o.messageId}>`,
      ...(o.inReplyTo ? [`In-Reply-To: <${o.inReplyTo}>`] : []),
      ...(o.references?.length ? [`References: ${o.references.map((r) => `<${r}>`).join(" ")}`] : []),
      ...(o.headers ?? []),
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "",
      o.body,
      "",
    ].join("\r\n"),
  );
}

export async function seedEmailDemo(log: Logger): Promise<{ threads: number }> {
  const ctx = (ref: string) => ({ source: "demo", sourceRef: ref, ownAddresses: [DEMO_MAILBOX], log });

  // 1. A thread with a rep's reply and the lead's answer.
  const sofia = "demo-sofia-1@herrera-freight.example";
  await processInboundEmail(
    mail({
      from: "Sofía Herrera <sofia.herrera@herrera-freight.example>",
      subject: "Replacing our lead routing before Q1",
      body: "Hi,\n\nWe are a freight forwarder with 35 people in sales and we want to replace our lead routing before January.\nBudget is around 40,000 EUR a year. Could someone book a call this week?\n\nThanks,\nSofía\n\n-- \nSofía Herrera\nHead of Sales, Herrera Freight",
      messageId: sofia,
      minutesAgo: 240,
    }),
    ctx(sofia),
  );
  const sofiaPackage = await findHandoffByEmailMessageId(sofia);
  if (sofiaPackage?.conversationId) {
    const ownerId = await assignDemoOwner(sofiaPackage.id, "rep@baton.demo");
    if (ownerId && !(await threadHasRepEmail(sofiaPackage.conversationId))) {
      const sent = await sendLeadEmail({
        handoffId: sofiaPackage.id,
        author: { kind: "rep", userId: ownerId, name: "Dana Reyes" },
        text: "Hi Sofía, thanks for writing. Would Thursday at 11:00 CET work for a 30-minute call?\n\nBest,\nDana",
      }).catch((error: unknown) => {
        log.warn("demo: the rep's reply was not recorded", { error });
        return null;
      });
      if (sent?.sent) {
        const answer = "demo-sofia-2@herrera-freight.example";
        await processInboundEmail(
          mail({
            from: "Sofía Herrera <sofia.herrera@herrera-freight.example>",
            subject: "Re: Replacing our lead routing before Q1",
            body: "Thursday at 11:00 works. We use HubSpot today, so the integration matters.\n\nOn Thu, Dana Reyes <sales@baton.demo> wrote:\n> Would Thursday at 11:00 CET work for a 30-minute call?",
            messageId: answer,
            minutesAgo: 30,
            inReplyTo: sent.messageId,
            references: [sofia, sent.messageId],
          }),
          ctx(answer),
        );
      }
    }
  }

  // 2. An out-of-office answering the agent's questions: logged on the thread, never answered.
  const chris = "demo-chris-1@contoso-works.example";
  await processInboundEmail(
    mail({
      from: "Chris Lee <chris.lee@contoso-works.example>",
      subject: "Question about your product",
      body: "Hello, could you tell me more about what Baton does?",
      messageId: chris,
      minutesAgo: 180,
    }),
    ctx(chris),
  );
  const ooo = "demo-chris-ooo@contoso-works.example";
  await processInboundEmail(
    mail({
      from: "Chris Lee <chris.lee@contoso-works.example>",
      subject: "Automatic reply: Question about your product",
      body: "I am out of the office until Monday with limited access to email.",
      messageId: ooo,
      minutesAgo: 170,
      inReplyTo: chris,
      headers: ["Auto-Submitted: auto-replied"],
    }),
    ctx(ooo),
  );

  // 3. A bounce: the agent's questions to an address that no longer exists.
  const gone = "demo-gone-1@defunct-corp.example";
  await processInboundEmail(
    mail({ from: "Pat Gone <pat@defunct-corp.example>", subject: "Pricing?", body: "Hi, what does it cost?", messageId: gone, minutesAgo: 150 }),
    ctx(gone),
  );
  const bounce = "demo-bounce-1@mx.baton.demo";
  await processInboundEmail(
    Buffer.from(
      [
        "Return-Path: <>",
        "From: Mail Delivery System <MAILER-DAEMON@mx.baton.demo>",
        `To: ${DEMO_MAILBOX}`,
        "Subject: Undelivered Mail Returned to Sender",
        `Date: ${date(140)}`,
        `Message-ID: <${bounce}>`,
        "MIME-Version: 1.0",
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
        "",
        "--B",
        "Content-Type: text/plain",
        "",
        "Your message could not be delivered.",
        "--B",
        "Content-Type: message/delivery-status",
        "",
        "Reporting-MTA: dns; mx.baton.demo",
        "",
        "Final-Recipient: rfc822; pat@defunct-corp.example",
        "Action: failed",
        "Status: 5.1.1",
        "Diagnostic-Code: smtp; 550 5.1.1 <pat@defunct-corp.example>: Recipient address rejected: User unknown",
        "--B--",
        "",
      ].join("\r\n"),
    ),
    ctx(bounce),
  );

  // 4. Waiting for the rep's first reply.
  await processInboundEmail(
    mail({
      from: `${DEMO_REPLY_LEAD.name} <${DEMO_REPLY_LEAD.email}>`,
      subject: "Demo for our 20-person sales team",
      body: "Bonjour,\n\nWe are a lighting design studio with 20 people in sales. We want a demo next week and have a budget of about 25,000 EUR a year.\n\nMerci,\nLucas",
      messageId: DEMO_REPLY_LEAD.messageId,
      minutesAgo: 20,
    }),
    ctx(DEMO_REPLY_LEAD.messageId),
  );
  const lucas = await findHandoffByEmailMessageId(DEMO_REPLY_LEAD.messageId);
  if (lucas) await assignDemoOwner(lucas.id, "rep@baton.demo");
  // 5. A message that is not an email at all: quarantined with its reason (see /admin/jobs).
  await processInboundEmail(Buffer.from("this arrived in the mailbox without any headers\r\n\r\n\u0000\u0001 binary"), ctx("demo-poison-1"));
  return { threads: 4 };
}
