import { and, eq, sql as dsql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/db";
import { listHandoffEvents } from "@/db/queries/handoffs";
import { handoffs, intakes, knowledgeAnswers, knowledgeArticles } from "@/db/schema";
import { seedDefaultKnowledge } from "@/db/seed/default-knowledge";
import { runAgent } from "@/lib/agent/run-agent";
import { intakeEventSchema } from "@/lib/contract/intake";
import { handoffPackageSchema } from "@/lib/contract/package";
import { processInboundEmail } from "@/lib/email/process-inbound";
import { stopBoss } from "@/lib/jobs/boss";
import { emailAskJob } from "@/lib/jobs/handlers/email-ask";
import { emailSendJob } from "@/lib/jobs/handlers/email-send";
import { queues } from "@/lib/jobs/queues";
import { refusalText } from "@/lib/knowledge/refusal-text";
import { logger } from "@/lib/logger";
import { activeRuleSet } from "@/lib/rules/published";
import { rawEmail } from "../support/emails";
import { startOutgoingEmail, type OutgoingEmail } from "../support/outgoing-email";
import { waitFor } from "../support/wait-for";

// The agent's first email to an email lead answers the lead's own question from the knowledge base,
// as the chat does: the article's words in the lead's language, a never-answer topic refused, each
// recorded on the package (channel "email"), and the rules' decision untouched.
let smtp: OutgoingEmail;
const log = logger.child({ test: "email-knowledge" });
const ctx = (ref: string) => ({ source: "imap:test", sourceRef: ref, ownAddresses: ["sales@baton.test"], log });

beforeAll(async () => {
  await seedDefaultKnowledge(inject("databaseUrl"));
  smtp = await startOutgoingEmail();
});
afterAll(async () => {
  await stopBoss();
  await smtp.restore();
});

const article = async (key: string, language: "en" | "es") =>
  (
    await db
      .select()
      .from(knowledgeArticles)
      .where(and(eq(knowledgeArticles.key, key), eq(knowledgeArticles.language, language)))
  )[0]!;

/** A new lead's email in, its first ask job run as the worker runs it: the handoff, the email the lead got, and what was recorded. */
async function firstReplyTo(from: string, address: string, body: string) {
  const mail = rawEmail({ from: `${from} <${address}>`, subject: "Question", body });
  expect((await processInboundEmail(Buffer.from(mail.raw), ctx(mail.messageId))).status).toBe("new");
  const [row] = await db
    .select({ handoff: handoffs, raw: intakes.raw })
    .from(intakes)
    .innerJoin(handoffs, eq(handoffs.intakeId, intakes.id))
    .where(eq(intakes.externalId, `email:${mail.messageId}`));
  const handoff = row!.handoff;
  const jobs = await db.execute<{ id: string; data: unknown }>(
    dsql`select id, data from pgboss.job where name = 'email-ask' and data->>'handoffId' = ${handoff.id}`,
  );
  expect(jobs).toHaveLength(1);
  const data = queues.emailAsk.schema.parse(jobs[0]!.data);
  const jobCtx = { jobId: jobs[0]!.id, retryCount: 0, boss: null as never, log, now: () => new Date(), signal: new AbortController().signal };
  await emailAskJob.handle(data, jobCtx);
  // The recorded email is sent by its SMTP job; run that too, as the worker would.
  const sendJobs = await db.execute<{ id: string; data: unknown }>(
    dsql`select j.id, j.data from pgboss.job j join email_messages e on e.id::text = j.data->>'emailId' where j.name = 'email-send' and e.handoff_id = ${handoff.id}`,
  );
  for (const job of sendJobs) await emailSendJob.handle(queues.emailSend.schema.parse(job.data), { ...jobCtx, jobId: job.id });
  const received = await waitFor("the agent's first email at the SMTP server", () => smtp.messages.find((m) => m.to.includes(address)));
  const answers = await db.select().from(knowledgeAnswers).where(eq(knowledgeAnswers.handoffId, handoff.id));
  const events = (await listHandoffEvents({ handoffId: handoff.id })).map((e) => e.event).filter((e) => e.type === "knowledge_answer");
  const [stored] = await db.select().from(handoffs).where(eq(handoffs.id, handoff.id));
  // What the rules alone decide for the same (masked) event: answering must not have moved it.
  const rulesAlone = (await runAgent(intakeEventSchema.parse(row!.raw), await activeRuleSet())).decision;
  return { mail, handoff: stored!, data, received, answers, events, rulesAlone };
}

describe("the agent's first email reply answers from the knowledge base", () => {
  it("an answerable question: the article's answer first, then the questions; recorded with channel email", async () => {
    const r = await firstReplyTo("Rosa Vidal", "rosa@orchard-kb.example", "Hi, which CRMs do you integrate with?");
    const crm = await article("crm-integrations", "en");
    expect(r.handoff.decision).toBe("ask");
    expect({ decision: r.handoff.decision, priority: r.handoff.priority }).toEqual({ decision: r.rulesAlone.decision, priority: r.rulesAlone.priority });
    expect(r.received.inReplyTo).toBe(`<${r.mail.messageId}>`);
    const text = r.received.text.replace(/\s+/g, " ");
    const answerAt = text.indexOf("We integrate with three CRMs today: HubSpot, Pipedrive and Salesforce.");
    expect(answerAt).toBeGreaterThan(0);
    expect(answerAt).toBeLessThan(text.indexOf(`- ${r.data.questions[0]}`));
    expect(r.answers).toEqual([expect.objectContaining({ outcome: "answered", articleId: crm.id, articleVersion: crm.version, language: "en" })]);
    expect(r.events).toEqual([expect.objectContaining({ data: expect.objectContaining({ channel: "email", outcome: "answered", articleId: crm.id }) })]);
    // Answered: nothing left open for the person.
    expect(handoffPackageSchema.parse(r.handoff.package).facts.openQuestions.some((q) => q.includes("which CRMs"))).toBe(false);
  });

  it("a price question: refused in the email, nothing invented, kept as an open question on the package", async () => {
    const r = await firstReplyTo("Ivo Marin", "ivo@harbor-kb.example", "Hello, how much does it cost?");
    expect(r.handoff.decision).toBe("ask");
    expect({ decision: r.handoff.decision, priority: r.handoff.priority }).toEqual({ decision: r.rulesAlone.decision, priority: r.rulesAlone.priority });
    const text = r.received.text.replace(/\s+/g, " ");
    expect(text).toContain(refusalText("never_answer", "prices", "en"));
    expect(text).not.toMatch(/[$€£]\s?\d|\d\s?(€|EUR|USD|euros?|dollars?)\b/i);
    expect(r.answers).toEqual([expect.objectContaining({ outcome: "never_answer", topic: "prices", articleId: null })]);
    expect(r.events).toEqual([expect.objectContaining({ data: expect.objectContaining({ channel: "email", outcome: "never_answer", topic: "prices" }) })]);
    expect(handoffPackageSchema.parse(r.handoff.package).facts.openQuestions.some((q) => q.includes("how much does it cost?"))).toBe(true);
  });

  it("a Spanish question gets the Spanish article's answer, in a Spanish email", async () => {
    const r = await firstReplyTo("Lucía Gómez", "lucia@taller-kb.example", "Hola, ¿os integráis con Salesforce?");
    const crm = await article("crm-integrations", "es");
    expect(r.handoff.decision).toBe("ask");
    const text = r.received.text.replace(/\s+/g, " ");
    expect(text).toContain("Hoy nos integramos con tres CRM: HubSpot, Pipedrive y Salesforce.");
    expect(text).toMatch(/^Hola Lucía,/);
    expect(r.answers).toEqual([expect.objectContaining({ outcome: "answered", articleId: crm.id, language: "es" })]);
    expect(r.events[0]?.data).toMatchObject({ channel: "email", language: "es" });
  });
});
