import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db, databaseUrl } from "@/db";
import { insertApiKey } from "@/db/queries/intake";
import { countJobsByQueue, listDeadLetters } from "@/db/queries/jobs";
import { deliveries, handoffEvents, handoffs, notifications, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/guard";
import { generateApiKey } from "@/lib/intake/credentials";
import { handleIntake } from "@/lib/intake/handle-intake";
import { stopBoss } from "@/lib/jobs/boss";
import { jobHandlers } from "@/lib/jobs/handlers";
import { sweepSlaClocks } from "@/lib/jobs/handlers/sla-check";
import { retryDeadLetter } from "@/lib/jobs/retry-dead-letter";
import { startWorker, type RunningWorker } from "@/lib/jobs/worker";
import { logger } from "@/lib/logger";
import type { NotifySettings } from "@/lib/notifications/send-notifications";
import { startSlackStandIn, type SlackStandIn } from "../stand-ins/slack";
import { startSmtpStandIn, type SmtpStandIn } from "../stand-ins/smtp";
import { createTeam, createUser } from "../support/factories";
import { waitForJobsSettled } from "../support/jobs-settled";
import { waitFor } from "../support/wait-for";

const APP_URL = "http://127.0.0.1:3999";
let slack: SlackStandIn;
let smtp: SmtpStandIn;
let worker: RunningWorker | null = null;

beforeAll(async () => {
  slack = await startSlackStandIn();
  smtp = await startSmtpStandIn();
});

afterEach(async () => {
  await worker?.stop();
  worker = null;
});

afterAll(async () => {
  await stopBoss();
  await slack.close();
  await smtp.close();
});

const webhookSettings = (): NotifySettings => ({
  appUrl: APP_URL,
  slack: { webhookUrl: slack.webhookUrl, apiUrl: slack.apiUrl },
  smtp: { url: smtp.url, from: "Baton <baton@baton.test>" },
});
const botSettings = (): NotifySettings => ({
  appUrl: APP_URL,
  slack: { botToken: slack.token, apiUrl: slack.apiUrl, defaultChannel: "C0SALES" },
  smtp: { url: smtp.url, from: "Baton <baton@baton.test>" },
});

// The queues under test only: other files' CRM-sync backlog is not this worker's to drain.
async function runWorker(notify: NotifySettings) {
  worker = await startWorker({
    databaseUrl: databaseUrl(),
    handlers: jobHandlers({ notify, only: ["notify", "remind", "sla-check"] }),
    log: logger,
    pollSeconds: 0.5,
    superviseSeconds: 2,
    slaCheckCron: null,
  });
  return worker;
}

/** A team with its reps, a manager and an intake key: every test gets its own. */
async function salesTeam(reps = 1) {
  const team = await createTeam();
  const people: Actor[] = [];
  for (let i = 0; i < reps; i++) people.push(await createUser({ role: "rep", teamId: team!.id, name: `Rep ${i + 1} ${randomUUID().slice(0, 4)}` }));
  const manager = await createUser({ role: "manager", teamId: team!.id, name: `Manager ${randomUUID().slice(0, 4)}` });
  const key = generateApiKey();
  await insertApiKey({ name: `Forms ${team!.name}`, prefix: key.prefix, keyHash: key.hash, teamId: team!.id });
  const intake = async (externalId: string) => {
    const reply = await handleIntake(
      { headers: new Headers({ authorization: `Bearer ${key.key}` }), body: JSON.stringify(immediateLead(externalId)) },
      { log: logger },
    );
    expect(reply.body).toMatchObject({ decision: "escalate", priority: "immediate" });
    return reply.body.handoffId as string;
  };
  return { team, reps: people, manager, intake };
}

const immediateLead = (externalId: string) => ({
  externalId,
  channel: "form",
  receivedAt: "2026-11-20T10:15:00Z",
  fields: {
    firstname: "Ines",
    lastname: "Marsh",
    email: `ines+${externalId}@harbourline.io`,
    company: "Harbourline",
    numemployees: "51-200",
    message: "We get 500 leads a month from forms and need an AI agent to qualify them within two weeks.",
  },
});

const forHandoff = (id: string) => ({
  slack: () => slack.messages.filter((m) => JSON.stringify(m.blocks).includes(`/handoffs/${id}`)),
  email: () => smtp.messages.filter((m) => m.text.includes(`/handoffs/${id}`)),
});

describe("notifications, against the Slack and SMTP stand-ins", () => {
  it("a new immediate package reaches its owner on Slack, by email and in the app, with the summary, reasons, next step and link", async () => {
    const { reps, intake } = await salesTeam();
    const handoffId = await intake(`notify-${randomUUID()}`);
    const [handoff] = await db.select().from(handoffs).where(eq(handoffs.id, handoffId));
    expect(handoff!.ownerId).toBe(reps[0]!.id);

    await runWorker(webhookSettings());
    const sent = forHandoff(handoffId);
    const [posted] = await waitFor("the Slack message", () => sent.slack().length > 0 && sent.slack());
    const [mail] = await waitFor("the email", () => sent.email().length > 0 && sent.email());

    const blocks = JSON.stringify(posted!.blocks);
    expect(posted!.text).toContain("Immediate handoff: Ines Marsh, Harbourline");
    expect(posted!.blocks.map((b) => (b as { type: string }).type)).toEqual(["header", "context", "section", "section", "actions"]);
    expect(blocks).toContain(":red_circle: *Immediate*");
    const summary = (posted!.blocks[2] as { text: { text: string } }).text.text.split("\n");
    expect(summary.length).toBeGreaterThanOrEqual(5);
    expect(summary.length).toBeLessThanOrEqual(8);
    expect(summary.join("\n")).toBe(handoff!.summary.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"));
    expect(blocks).toContain("High value");
    expect(blocks).toContain("*Next step*");
    expect(posted!.blocks[4]).toMatchObject({ type: "actions", elements: [{ type: "button", url: `${APP_URL}/handoffs/${handoffId}` }] });

    expect(mail!.to).toEqual([reps[0]!.email]);
    expect(mail!.subject).toBe("[Baton] Immediate handoff: Ines Marsh, Harbourline");
    expect(mail!.text).toContain(`Open the package: ${APP_URL}/handoffs/${handoffId}`);
    expect(mail!.text).toContain("Reasons:\n- High value");
    expect(mail!.html).toContain(`href="${APP_URL}/handoffs/${handoffId}"`);
    expect(mail!.messageId).toMatch(/@baton\.test>$/);

    const inApp = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, reps[0]!.id), eq(notifications.handoffId, handoffId)));
    expect(inApp).toHaveLength(1);
    const rows = await waitFor("three sent deliveries", async () => {
      const found = await db.select().from(deliveries).where(eq(deliveries.handoffId, handoffId));
      return found.length === 3 && found.every((d) => d.status === "sent") && found;
    });
    expect(rows.map((d) => d.channel).sort()).toEqual(["email", "in_app", "slack"]);
    expect(rows.find((d) => d.channel === "email")?.providerRef).toBe(mail!.messageId);
  });

  it("respects each person's channels: Slack off means no Slack message", async () => {
    const { reps, intake } = await salesTeam();
    await db.execute(`insert into notification_preferences (user_id, slack, email, in_app) values ('${reps[0]!.id}', false, true, true)`);
    const handoffId = await intake(`prefs-${randomUUID()}`);
    await runWorker(webhookSettings());
    await waitFor("the email", () => forHandoff(handoffId).email().length > 0);
    await waitFor("both deliveries", async () => (await db.select().from(deliveries).where(eq(deliveries.handoffId, handoffId))).length === 2);
    expect(forHandoff(handoffId).slack()).toHaveLength(0);
  });

  it("a 500 and then a 429 from Slack, and a 451 from the mail server, are retried, and each message is delivered exactly once", async () => {
    const { intake } = await salesTeam();
    const handoffId = await intake(`retry-${randomUUID()}`);
    slack.failNext({ kind: "status", status: 500 }, { kind: "rate_limited", retryAfter: 1 });
    // The mail server says "try again later" once too.
    smtp.failNext(451);
    const attemptsBefore = slack.attempts;
    await runWorker(botSettings());
    await waitFor("the Slack message after the retries", () => forHandoff(handoffId).slack().length > 0, 60_000);
    const [delivery] = await waitFor("the Slack delivery marked sent", async () => {
      const rows = await db
        .select()
        .from(deliveries)
        .where(and(eq(deliveries.handoffId, handoffId), eq(deliveries.channel, "slack")));
      return rows[0]?.status === "sent" && rows;
    });
    // Every notify job of the package has finished: a duplicate would have arrived by now.
    await waitForJobsSettled("the package's notify jobs to finish", { queues: ["notify"], key: "handoffId", value: handoffId, timeoutMs: 60_000 });
    expect(forHandoff(handoffId).slack()).toHaveLength(1);
    await waitFor("the email after the mail server's 451", () => forHandoff(handoffId).email().length > 0, 60_000);
    expect(forHandoff(handoffId).email()).toHaveLength(1);
    const [email] = await db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.handoffId, handoffId), eq(deliveries.channel, "email")));
    expect(email).toMatchObject({ status: "sent", attempts: 2 });
    expect(slack.attempts - attemptsBefore).toBe(3);
    expect(delivery!.attempts).toBe(2);
    expect(forHandoff(handoffId).slack()[0]).toMatchObject({ via: "api", channel: "C0SALES", metadata: { event_type: "baton_delivery" } });
  });

  it("a Slack refusal (unknown channel) dead-letters the job for an admin; the email still goes once", async () => {
    const { reps, intake } = await salesTeam();
    const standIn = await startSlackStandIn({ unknownChannels: ["C0GONE"] });
    try {
      await db.execute(`insert into notification_preferences (user_id, slack_target) values ('${reps[0]!.id}', 'C0GONE')`);
      const handoffId = await intake(`dead-${randomUUID()}`);
      await runWorker({ ...botSettings(), slack: { botToken: standIn.token, apiUrl: standIn.apiUrl } });
      const dead = await waitFor("the dead-lettered notify job", async () => {
        const rows = await db.execute<{ id: string; data: { handoffId: string } }>(
          `select id, data from pgboss.job where name = 'notify-dead' and data->>'handoffId' = '${handoffId}'`,
        );
        return rows.length > 0 && rows;
      });
      expect(dead).toHaveLength(1);
      const [slackDelivery] = await db
        .select()
        .from(deliveries)
        .where(and(eq(deliveries.handoffId, handoffId), eq(deliveries.channel, "slack")));
      expect(slackDelivery).toMatchObject({ status: "failed", lastError: expect.stringContaining("channel_not_found") });
      expect(forHandoff(handoffId).email()).toHaveLength(1);

      // The admin sees it with Slack's reason, fixes the person's channel and retries: only Slack goes out.
      const listed = (await listDeadLetters()).find((d) => d.data.handoffId === handoffId);
      expect(listed).toMatchObject({ queue: "notify-dead", sourceName: "notify", error: expect.stringContaining("channel_not_found") });
      const counts = await countJobsByQueue();
      expect(counts.find((c) => c.name === "notify-dead")?.count).toBeGreaterThanOrEqual(1);
      await db.execute(`update notification_preferences set slack_target = 'C0SALES' where user_id = '${reps[0]!.id}'`);
      await retryDeadLetter({ queue: listed!.queue, jobId: listed!.id });
      await expect(retryDeadLetter({ queue: listed!.queue, jobId: listed!.id })).rejects.toThrow("no longer in the dead-letter queue");
      await expect(retryDeadLetter({ queue: "notify", jobId: listed!.id })).rejects.toThrow("not a dead-letter queue");
      await waitFor("the Slack message after the retry", () =>
        standIn.messages.some((m) => m.channel === "C0SALES" && JSON.stringify(m.blocks).includes(handoffId)),
      );
      expect(forHandoff(handoffId).email()).toHaveLength(1);
      expect((await listDeadLetters()).some((d) => d.data.handoffId === handoffId)).toBe(false);
    } finally {
      await standIn.close();
    }
  });

  it("a breached SLA produces the reminder, the manager escalation, the reassignment and the closure, in order (controlled clock)", async () => {
    const { team, reps, manager, intake } = await salesTeam(2);
    const handoffId = await intake(`sla-${randomUUID()}`);
    const [created] = await db.select().from(handoffs).where(eq(handoffs.id, handoffId));
    const firstOwner = created!.ownerId!;
    const t0 = created!.createdAt.getTime();
    const at = (minutes: number) => new Date(t0 + minutes * 60_000);
    await runWorker(webhookSettings()); // works the notify and remind jobs the sweeps queue

    const types = async () =>
      (await db.select().from(handoffEvents).where(eq(handoffEvents.handoffId, handoffId)).orderBy(asc(handoffEvents.id))).map((e) => e.type);
    // Minutes pass between steps: each step's messages go out before the clock moves on.
    const settled = async () => {
      const rows = await db.execute<{ n: number }>(
        `select count(*)::int as n from pgboss.job where name in ('notify', 'remind') and data->>'handoffId' = '${handoffId}' and state in ('created', 'retry', 'active')`,
      );
      return Number(rows[0]!.n) === 0;
    };
    const step = async (minutes: number, expected: string) => {
      await sweepSlaClocks({ now: at(minutes), teamId: team!.id });
      await waitFor(`"${expected}" on the timeline`, async () => (await types()).at(-1) === expected);
      await waitFor("the step's messages sent", settled);
    };
    await waitFor("the first messages sent", settled);

    // Before half of the SLA nothing happens.
    await sweepSlaClocks({ now: at(7), teamId: team!.id });
    // Whatever that sweep queued has run before the timeline is read.
    await waitFor("the sweep's jobs to finish", settled);
    expect(await types()).toEqual(["created", "routed"]);

    await step(7.5, "sla_reminder");
    await step(15, "reassigned");
    const [afterFirst] = await db.select().from(handoffs).where(eq(handoffs.id, handoffId));
    const secondOwner = afterFirst!.ownerId!;
    expect(secondOwner).not.toBe(firstOwner);
    expect(reps.map((r) => r.id)).toContain(secondOwner);
    expect(afterFirst!.slaDueAt.getTime()).toBe(at(30).getTime());

    await step(22.5, "sla_reminder");
    await step(30, "closed_to_nurture");
    expect(await types()).toEqual(["created", "routed", "sla_reminder", "sla_breached", "reassigned", "sla_reminder", "sla_breached", "closed_to_nurture"]);
    const [closed] = await db.select().from(handoffs).where(eq(handoffs.id, handoffId));
    expect(closed).toMatchObject({ priority: "nurture", ownerId: null, status: "pending" });

    // Later sweeps change nothing: the clock is closed.
    await sweepSlaClocks({ now: at(120), teamId: team!.id });

    // Who heard what, in order: the first owner's reminders, the manager's escalation, the new owner's, the closure.
    const byName = new Map((await db.select({ id: users.id, email: users.email }).from(users)).map((u) => [u.id, u.email]));
    const expectedMail = [
      [byName.get(firstOwner), "[Baton] Immediate handoff: Ines Marsh, Harbourline"],
      [byName.get(firstOwner), "[Baton] Reminder, half the SLA is gone: Ines Marsh, Harbourline"],
      [byName.get(firstOwner), "[Baton] SLA reached, still not accepted: Ines Marsh, Harbourline"],
      [manager.email, expect.stringMatching(/^\[Baton\] SLA breached \(1 of 2\): Ines Marsh, Harbourline, owner /)],
      [byName.get(secondOwner), "[Baton] Handed to you: Ines Marsh, Harbourline (immediate)"],
      [byName.get(secondOwner), "[Baton] Reminder, half the SLA is gone: Ines Marsh, Harbourline"],
      [byName.get(secondOwner), "[Baton] SLA reached, still not accepted: Ines Marsh, Harbourline"],
      [manager.email, expect.stringMatching(/^\[Baton\] SLA breached \(2 of 2\)/)],
      [manager.email, "[Baton] Closed to nurture after no answer: Ines Marsh, Harbourline"],
    ];
    const mails = await waitFor("every SLA email", () => forHandoff(handoffId).email().length >= expectedMail.length && forHandoff(handoffId).email());
    const received = mails.map((m) => [m.to[0], m.subject]);
    expect(received).toHaveLength(expectedMail.length);
    expect(new Set(received.map((r) => JSON.stringify(r))).size).toBe(expectedMail.length);
    // Step by step in the clock's order; the messages of one step (a breach's reminder, escalation and
    // reassignment or closure) go out together, in any order among themselves.
    const steps = [[0], [1], [2, 3, 4], [5], [6, 7, 8]];
    let offset = 0;
    for (const indexes of steps) {
      const slice = received.slice(offset, offset + indexes.length);
      expect(slice).toEqual(expect.arrayContaining(indexes.map((i) => expectedMail[i])));
      offset += indexes.length;
    }
  });
});
