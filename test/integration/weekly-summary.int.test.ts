import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, databaseUrl } from "@/db";
import { listReportDeliveries } from "@/db/queries/reports";
import { handoffs, notifications, users } from "@/db/schema";
import { getBoss, stopBoss } from "@/lib/jobs/boss";
import { jobHandlers } from "@/lib/jobs/handlers";
import { queues } from "@/lib/jobs/queues";
import { startWorker, type RunningWorker } from "@/lib/jobs/worker";
import { logger } from "@/lib/logger";
import type { NotifySettings } from "@/lib/notifications/send-notifications";
import { startSmtpStandIn, type SmtpStandIn } from "../stand-ins/smtp";
import { createHandoff, createTeam, createUser } from "../support/factories";
import { waitFor } from "../support/wait-for";

// A week no other file writes in: 2002-06-03 (Monday) to 2002-06-09.
const WEEK = "2002-06-03";
let smtp: SmtpStandIn;
let worker: RunningWorker;

beforeAll(async () => {
  smtp = await startSmtpStandIn();
  const settings: NotifySettings = {
    appUrl: "https://baton.example",
    slack: { apiUrl: "http://127.0.0.1:9/" },
    smtp: { url: smtp.url, from: "Baton <baton@baton.test>" },
  };
  worker = await startWorker({
    databaseUrl: databaseUrl(),
    handlers: jobHandlers({ notify: settings, only: ["weekly-summary"] }),
    log: logger,
    pollSeconds: 0.5,
    slaCheckCron: null,
  });
});

afterAll(async () => {
  await worker?.stop({ graceful: false });
  await stopBoss();
  await smtp.close();
});

describe("the managers' weekly summary, through the worker and the SMTP stand-in", () => {
  it("reaches each manager once by email and in the app, survives an SMTP 451, and a second run sends nothing", { timeout: 90_000 }, async () => {
    const team = await createTeam();
    const manager = await createUser({ role: "manager", teamId: team!.id, name: "Weekly Manager" });
    const rep = await createUser({ role: "rep", teamId: team!.id });
    for (const [day, status] of [
      ["03", "converted"],
      ["04", "pending"],
      ["05", "discarded"],
    ] as const) {
      const h = await createHandoff({ teamId: team!.id, createdAt: new Date(`2002-06-${day}T10:00:00Z`), slaDueAt: new Date(`2002-06-${day}T10:15:00Z`) });
      await db.update(handoffs).set({ status }).where(eq(handoffs.id, h!.id));
    }
    const [managerRow] = await db.select({ email: users.email }).from(users).where(eq(users.id, manager.id));
    const toManager = () => smtp.mailbox().filter((m) => m.to.includes(managerRow!.email));

    // The first try is refused for now: the job fails, pg-boss retries it, and it gets through.
    smtp.failNext(451);
    const boss = await getBoss(databaseUrl());
    const first = await boss.send(queues.weeklySummary.name, { weekStarting: WEEK });
    // Every manager and admin of the database gets one: wait for the whole run, not just ours.
    await waitFor("the first run to finish", async () => (await boss.getJobById(queues.weeklySummary.name, first!))?.state === "completed", 60_000);
    const [email] = toManager();
    expect(email!.subject).toBe("Baton weekly: 3 handoffs, 1 converted (2002-06-03 to 2002-06-09)");
    expect(email!.text).toContain("Handoffs created: 3 (none the week before)");
    expect(email!.text).toContain("Open the dashboard: https://baton.example/metrics?from=2002-06-03&to=2002-06-09&by=team");

    const inApp = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, manager.id), eq(notifications.event, "weekly_summary")));
    expect(inApp.map((n) => n.title)).toEqual([email!.subject]);
    expect(
      await db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, rep.id), eq(notifications.event, "weekly_summary"))),
    ).toEqual([]);

    // The same week again (a retried or re-run job): nothing new goes out.
    const accepted = smtp.messages.length;
    const again = await boss.send(queues.weeklySummary.name, { weekStarting: WEEK });
    await waitFor("the second run to finish", async () => (await boss.getJobById(queues.weeklySummary.name, again!))?.state === "completed", 30_000);
    expect(smtp.messages.length).toBe(accepted);
    expect(toManager()).toHaveLength(1);
    const rows = (await listReportDeliveries({ report: "weekly_summary", period: WEEK })).filter((r) => r.recipientId === manager.id);
    expect(rows.map((r) => [r.channel, r.status]).sort()).toEqual([
      ["email", "sent"],
      ["in_app", "sent"],
    ]);
  });
});
