import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseUrl, db } from "@/db";
import { insertApiKey } from "@/db/queries/intake";
import { apiKeys, handoffs, notifications } from "@/db/schema";
import { CHAT_WIDGET_KEY_NAME } from "@/lib/chat/chat-widget-key";
import { chatConversationId } from "@/lib/chat/conversation-id";
import { handleChatTurn } from "@/lib/chat/handle-chat-turn";
import { sendPersonReply } from "@/lib/chat/person-reply";
import { changeHandoffStatus } from "@/lib/handoffs/change-handoff";
import { generateApiKey } from "@/lib/intake/credentials";
import { stopBoss } from "@/lib/jobs/boss";
import { jobHandlers } from "@/lib/jobs/handlers";
import { startWorker, type RunningWorker } from "@/lib/jobs/worker";
import { logger } from "@/lib/logger";
import { startSlackStandIn, type SlackStandIn } from "../stand-ins/slack";
import { startSmtpStandIn, type SmtpStandIn } from "../stand-ins/smtp";
import { createTeam, createUser } from "../support/factories";
import { waitFor } from "../support/wait-for";

let slack: SlackStandIn;
let smtp: SmtpStandIn;
let worker: RunningWorker;

beforeAll(async () => {
  slack = await startSlackStandIn();
  smtp = await startSmtpStandIn();
  const notify = {
    appUrl: "http://127.0.0.1:3999",
    slack: { webhookUrl: slack.webhookUrl, apiUrl: slack.apiUrl },
    smtp: { url: smtp.url, from: "Baton <baton@baton.test>" },
  };
  worker = await startWorker({
    databaseUrl: databaseUrl(),
    handlers: jobHandlers({ notify, only: ["notify"] }),
    log: logger,
    pollSeconds: 0.5,
    superviseSeconds: 2,
    slaCheckCron: null,
  });
});

afterAll(async () => {
  await worker.stop();
  await stopBoss();
  await slack.close();
  await smtp.close();
});

describe("the owner hears of the chat lead's new lines", () => {
  it("in the app and on Slack, once per line, through the notify job", async () => {
    const team = (await createTeam())!;
    await db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.name, CHAT_WIDGET_KEY_NAME));
    const key = generateApiKey();
    await insertApiKey({ name: CHAT_WIDGET_KEY_NAME, prefix: key.prefix, keyHash: key.hash, teamId: team.id });
    const rep = await createUser({ role: "rep", teamId: team.id, name: "Dana Reyes" });
    const sessionId = randomUUID();
    const say = async (text: string) => {
      const r = await handleChatTurn(
        { body: { sessionId, message: { id: randomUUID(), role: "user", parts: [{ type: "text", text }] } }, ip: "203.0.113.9" },
        { log: logger },
      );
      if (!r.ok) throw new Error(r.message);
    };
    await say(`I'm Noor Haddad from Atlas Freight, noor.${sessionId.slice(0, 6)}@atlas-freight.example. I want to talk to a person.`);
    const created = (
      await db
        .select()
        .from(handoffs)
        .where(eq(handoffs.conversationId, chatConversationId(sessionId)))
    )[0]!;
    const queued = (await db.update(handoffs).set({ ownerId: null }).where(eq(handoffs.id, created.id)).returning())[0]!;
    const accepted = await changeHandoffStatus({ actor: rep, handoffId: queued.id, expectedVersion: queued.version, input: { command: "accept" } });
    await sendPersonReply({ actor: rep, handoffId: accepted.id, text: "Hi Noor, Dana here." });

    await say("Great, we need 400 leads a month routed.");
    await say("And a HubSpot integration.");
    const inApp = () =>
      db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, rep.id), eq(notifications.event, "lead_message")));
    const rows = await waitFor("two in-app notices", async () => ((await inApp()).length >= 2 ? inApp() : null));
    expect(rows).toHaveLength(2);
    expect(rows[0]!.title).toBe("Noor Haddad, Atlas Freight wrote in the chat");
    await waitFor("the Slack notices", () => slack.messages.filter((m) => JSON.stringify(m).includes("wrote in the chat")).length >= 2);
  });
});
