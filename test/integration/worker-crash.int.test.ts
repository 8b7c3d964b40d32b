import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, databaseUrl } from "@/db";
import { insertApiKey } from "@/db/queries/intake";
import { deliveries } from "@/db/schema";
import { generateApiKey } from "@/lib/intake/credentials";
import { handleIntake } from "@/lib/intake/handle-intake";
import { stopBoss } from "@/lib/jobs/boss";
import { logger } from "@/lib/logger";
import { startSlackStandIn, type SlackStandIn } from "../stand-ins/slack";
import { startSmtpStandIn, type SmtpStandIn } from "../stand-ins/smtp";
import { createTeam, createUser } from "../support/factories";
import { spawnWorkerProcess, standInNotifyEnv } from "../support/worker-process";
import { waitFor } from "../support/wait-for";

let slack: SlackStandIn;
let smtp: SmtpStandIn;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  slack = await startSlackStandIn();
  smtp = await startSmtpStandIn();
});

afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await stopBoss();
  await slack.close();
  await smtp.close();
});

/** `npm run worker` as its own process, pointed at the stand-ins, as it runs in production. */
function startWorkerProcess(): ChildProcess {
  const child = spawnWorkerProcess(
    {
      DATABASE_URL: databaseUrl(),
      ...standInNotifyEnv(slack, smtp),
      WORKER_CONCURRENCY: "2",
      WORKER_POLL_SECONDS: "0.5",
      WORKER_SUPERVISE_SECONDS: "1",
      WORKER_QUEUES: "notify,remind,sla-check",
      LOG_LEVEL: "warn",
    },
    "pipe",
  );
  children.add(child);
  child.on("exit", () => children.delete(child));
  return child;
}

describe("the worker process, killed mid-job", () => {
  it("SIGKILL while Slack is answering, then a restart: every message is delivered exactly once", { timeout: 120_000 }, async () => {
    const team = await createTeam();
    const rep = await createUser({ role: "rep", teamId: team!.id });
    await createUser({ role: "manager", teamId: team!.id });
    const key = generateApiKey();
    await insertApiKey({ name: "Crash forms", prefix: key.prefix, keyHash: key.hash, teamId: team!.id });
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const externalId = `crash-${randomUUID()}`;
      const reply = await handleIntake(
        {
          headers: new Headers({ authorization: `Bearer ${key.key}` }),
          body: JSON.stringify({
            externalId,
            channel: "form",
            receivedAt: "2026-11-20T10:15:00Z",
            fields: {
              email: `lead+${externalId}@harbourline.io`,
              company: "Harbourline",
              numemployees: "120",
              message: "We need an AI agent to qualify our 500 monthly leads this week.",
            },
          }),
        },
        { log: logger },
      );
      ids.push(reply.body.handoffId as string);
    }
    const ours = (text: string) => ids.some((id) => text.includes(`/handoffs/${id}`));
    const slackFor = (id: string) => slack.messages.filter((m) => JSON.stringify(m.blocks).includes(`/handoffs/${id}`));
    const mailFor = (id: string) => smtp.mailbox().filter((m) => m.text.includes(`/handoffs/${id}`));
    const transmissionsFor = (id: string) => smtp.messages.filter((m) => m.text.includes(`/handoffs/${id}`));

    // The worst moment: Slack has posted the third message and the worker dies before it hears so.
    const first = startWorkerProcess();
    let posted = 0;
    slack.onPosted(async (message) => {
      if (ours(JSON.stringify(message.blocks)) && ++posted === 3) {
        // The answer is held until the worker is gone, so it never hears that Slack took the message.
        const gone = new Promise((resolve) => first.once("exit", resolve));
        first.kill("SIGKILL");
        await gone;
      }
    });
    await waitFor("the first worker to die", () => first.exitCode !== null || first.signalCode !== null, 60_000);
    slack.onPosted(null);
    expect(first.signalCode).toBe("SIGKILL");
    const unknown = await db.select().from(deliveries).where(inArray(deliveries.handoffId, ids));
    expect(unknown.some((d) => d.status === "sending")).toBe(true);
    expect(ids.filter((id) => slackFor(id).length > 0).length).toBeLessThan(ids.length);

    startWorkerProcess();
    await waitFor(
      "every delivery sent after the restart",
      async () => {
        const rows = await db.select().from(deliveries).where(inArray(deliveries.handoffId, ids));
        return rows.length === ids.length * 3 && rows.every((d) => d.status === "sent");
      },
      90_000,
      250,
    );
    for (const id of ids) {
      expect(slackFor(id), `Slack messages for ${id}`).toHaveLength(1);
      expect(mailFor(id), `emails in the mailbox for ${id}`).toHaveLength(1);
      // SMTP cannot be asked what it accepted: an email in flight when the worker died may be sent
      // again, and then it is the same message (same Message-ID), never a second one.
      const sent = transmissionsFor(id);
      expect(sent.length).toBeLessThanOrEqual(2);
      expect(new Set(sent.map((m) => m.messageId)).size).toBe(1);
    }
    // One in-app "new package" each (the delivery key makes a second impossible; other events, such
    // as an SLA step the clock may reach meanwhile, are not this test's concern).
    const inApp = await db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.recipientId, rep.id), inArray(deliveries.handoffId, ids), eq(deliveries.channel, "in_app"), eq(deliveries.event, "created")));
    expect(inApp.map((d) => d.handoffId).sort()).toEqual([...ids].sort());
  });
});
