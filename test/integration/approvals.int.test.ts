import { randomUUID } from "node:crypto";
import { and, asc, desc, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db, databaseUrl } from "@/db";
import { insertApiKey } from "@/db/queries/intake";
import {
  approvalLinkTokens,
  approvalRequests,
  approvalSettings,
  auditLog,
  crmContacts,
  crmDeals,
  deliveries,
  handoffEvents,
  handoffs,
  messages,
  notifications,
} from "@/db/schema";
import { decideApprovalAction } from "@/app/(console)/approvals/actions";
import { POST as decideByLinkRoute } from "@/app/api/approvals/decide/route";
import { actionDefinitionOf, runAction } from "@/lib/action";
import { authorizeUser } from "@/lib/auth/guard";
import { SLACK_APPROVE, SLACK_DENY } from "@/lib/approvals/approval-messages";
import { decideApproval, FOLLOW_UP_LINE } from "@/lib/approvals/decide-approval";
import { readApprovalLink } from "@/lib/approvals/decide-by-link";
import { approvalLinkKey, signApprovalToken, verifyApprovalToken } from "@/lib/approvals/email-token";
import { executeApproval } from "@/lib/approvals/execute-approval";
import { handleSlackInteraction, type SlackInteractionDeps } from "@/lib/approvals/handle-slack-interaction";
import { executeDepsFromEnv } from "@/lib/approvals/settings";
import { signSlackRequest } from "@/lib/approvals/slack-signature";
import type { Actor } from "@/lib/auth/guard";
import { resetEnvCache } from "@/lib/env";
import { UserError } from "@/lib/errors";
import { createHubSpotAdapter } from "@/lib/crm/hubspot/adapter";
import { generateApiKey } from "@/lib/intake/credentials";
import { handleIntake } from "@/lib/intake/handle-intake";
import { getBoss, stopBoss } from "@/lib/jobs/boss";
import { jobHandlers } from "@/lib/jobs/handlers";
import { approvalExpireJob } from "@/lib/jobs/handlers/approvals";
import { queues } from "@/lib/jobs/queues";
import { startWorker, type RunningWorker } from "@/lib/jobs/worker";
import { logger } from "@/lib/logger";
import type { NotifySettings } from "@/lib/notifications/send-notifications";
import { startHubSpotStandIn } from "../stand-ins/hubspot";
import { startSlackStandIn, type SlackStandIn } from "../stand-ins/slack";
import { startSmtpStandIn, type SmtpStandIn } from "../stand-ins/smtp";
import { createTeam, createUser } from "../support/factories";
import { waitForJobsSettled } from "../support/jobs-settled";
import { waitFor } from "../support/wait-for";

const APP_URL = "http://127.0.0.1:3998";
const SIGNING_SECRET = "slack-signing-secret-for-tests";
const LINK_SECRET = "approval-link-secret-for-tests-0123456789";
const linkKey = approvalLinkKey({ linkSecret: LINK_SECRET });
let slack: SlackStandIn;
let smtp: SmtpStandIn;
let worker: RunningWorker;

const settings = (): NotifySettings => ({
  appUrl: APP_URL,
  slack: { botToken: slack.token, apiUrl: slack.apiUrl, defaultChannel: "C0APPROVALS" },
  smtp: { url: smtp.url, from: "Baton <baton@baton.test>" },
});

beforeAll(async () => {
  process.env.APPROVAL_LINK_SECRET = LINK_SECRET;
  process.env.SLACK_SIGNING_SECRET = SIGNING_SECRET;
  resetEnvCache();
  slack = await startSlackStandIn();
  smtp = await startSmtpStandIn();
  // The approval queues only: other files' backlogs are not this worker's to drain.
  worker = await startWorker({
    databaseUrl: databaseUrl(),
    handlers: jobHandlers({ notify: settings(), only: ["approval-notify", "approval-execute"] }),
    log: logger,
    pollSeconds: 0.5,
    superviseSeconds: 2,
    slaCheckCron: null,
  });
});

afterEach(() => {
  smtp.failNext();
});

afterAll(async () => {
  await worker.stop();
  await stopBoss();
  await slack.close();
  await smtp.close();
  delete process.env.APPROVAL_LINK_SECRET;
  delete process.env.SLACK_SIGNING_SECRET;
  resetEnvCache();
});

type Proposed = { type: "send_email" | "update_crm_status" | "create_deal" | "update_crm_record"; params: Record<string, unknown>; reason?: string };

/** A team, its rep (who gets the package), a manager, and an intake that proposes `actions`. */
async function scenario(actions: Proposed[], options: { chat?: boolean } = {}) {
  const team = await createTeam();
  const rep = await createUser({ role: "rep", teamId: team!.id, name: `Rep ${randomUUID().slice(0, 4)}` });
  const manager = await createUser({ role: "manager", teamId: team!.id });
  const key = generateApiKey();
  await insertApiKey({ name: `Forms ${team!.name}`, prefix: key.prefix, keyHash: key.hash, teamId: team!.id });
  const externalId = `appr-${randomUUID()}`;
  const body = JSON.stringify(lead(externalId, actions, options.chat ?? false));
  const intake = () => handleIntake({ headers: new Headers({ authorization: `Bearer ${key.key}` }), body }, { log: logger });
  const reply = await intake();
  expect(reply.status).toBe(200);
  expect(reply.body).toMatchObject({ decision: "escalate" });
  const handoffId = reply.body.handoffId as string;
  const requests = await db.select().from(approvalRequests).where(eq(approvalRequests.handoffId, handoffId)).orderBy(asc(approvalRequests.createdAt));
  // Slack knows the rep by their Baton email (users.info), as a real workspace would.
  const slackUserId = `U${randomUUID().slice(0, 8).toUpperCase()}`;
  slack.addUser({ id: slackUserId, email: rep.email.toUpperCase() });
  return { team, rep, manager, handoffId, requests, intake, slackUserId, email: (lead(externalId, [], false).fields as { email: string }).email };
}

const lead = (externalId: string, proposedActions: Proposed[], chat: boolean) => ({
  externalId,
  channel: chat ? "chat" : "form",
  receivedAt: "2026-11-20T10:15:00Z",
  fields: {
    firstname: "Ines",
    lastname: "Marsh",
    email: `ines+${externalId}@harbourline.io`,
    company: "Harbourline",
    numemployees: "51-200",
    message: "We get 500 leads a month from forms and need an AI agent to qualify them within two weeks.",
  },
  ...(chat
    ? { messages: [{ from: "lead", text: "We get 500 leads a month and need an AI agent to qualify them within two weeks.", at: "2026-11-20T10:14:00Z" }] }
    : {}),
  proposedActions,
});

const emailAction = (to: string): Proposed => ({
  type: "send_email",
  params: { to, subject: "Your lead-qualification audit", body: "Hello Ines,\n\nHere is the plan." },
  reason: "The lead asked for the plan by email.",
});

const approvalRow = async (id: string) => (await db.select().from(approvalRequests).where(eq(approvalRequests.id, id)))[0];
const eventsOf = async (handoffId: string, type: string) =>
  db
    .select()
    .from(handoffEvents)
    .where(and(eq(handoffEvents.handoffId, handoffId), eq(handoffEvents.type, type)));
const mailTo = (to: string) => smtp.messages.filter((m) => m.to.includes(to));

/** A block_actions click as Slack sends it: form-encoded `payload`, signed with the signing secret. */
function slackClick(input: {
  approvalId: string;
  actionId: string;
  slackUserId: string;
  timestamp?: number;
  secret?: string;
  tamper?: (body: string) => string;
}) {
  const responseUrl = slack.responseUrl();
  const payload = {
    type: "block_actions",
    user: { id: input.slackUserId, username: "rep" },
    response_url: responseUrl,
    actions: [{ action_id: input.actionId, value: input.approvalId, type: "button" }],
  };
  const rawBody = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const timestamp = String(input.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = signSlackRequest({ secret: input.secret ?? SIGNING_SECRET, timestamp, rawBody });
  const request = new Request("http://127.0.0.1/api/slack/interactions", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": timestamp, "x-slack-signature": signature },
    body: input.tamper ? input.tamper(rawBody) : rawBody,
  });
  return { request, responsePath: new URL(responseUrl).pathname };
}

async function sendSlackClick(click: ReturnType<typeof slackClick>) {
  const deferred: Promise<void>[] = [];
  const deps: SlackInteractionDeps = {
    signingSecret: SIGNING_SECRET,
    slack: settings().slack,
    appUrl: APP_URL,
    log: logger,
    defer: (work) => void deferred.push(work()),
  };
  const started = Date.now();
  const response = await handleSlackInteraction(click.request, deps);
  const ackMs = Date.now() - started;
  await Promise.all(deferred);
  return { response, ackMs, deferred: deferred.length, update: slack.responses.find((r) => r.url === click.responsePath)?.body ?? null };
}

/** The approve and deny links of the approval email sent to `to`. */
async function emailedLinks(to: string, approvalId: string) {
  const mail = await waitFor("the approval email", () => smtp.messages.find((m) => m.to.includes(to) && m.subject.startsWith("[Baton] Approval needed")));
  const tokens = [...mail.text.matchAll(/\/approvals\/confirm\/([A-Za-z0-9_.-]+)/g)].map((m) => m[1]!);
  const approve = tokens.find(
    (t) =>
      verifyApprovalToken(t, linkKey, Math.floor(Date.now() / 1000)).ok &&
      (verifyApprovalToken(t, linkKey, 0) as { claims?: { decision: string } }).claims?.decision === "approve",
  )!;
  const deny = tokens.find((t) => t !== approve)!;
  const claims = (verifyApprovalToken(approve, linkKey, Math.floor(Date.now() / 1000)) as { ok: true; claims: { approvalId: string } }).claims;
  expect(claims.approvalId).toBe(approvalId);
  return { approve, deny, mail };
}

const postLink = (token: string) =>
  decideByLinkRoute(
    new Request("http://127.0.0.1/api/approvals/decide", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token }).toString(),
    }),
  );

describe("approval requests from intake", () => {
  it("an intake that proposes sensitive actions opens one pending request each, with consequence and reason, exactly once", async () => {
    const { handoffId, requests, intake, email } = await scenario([
      emailAction("ines@harbourline.io"),
      { type: "create_deal", params: { name: "Harbourline audit", amount: 12000, currency: "EUR" } },
    ]);
    expect(requests.map((r) => [r.actionType, r.status])).toEqual([
      ["send_email", "pending"],
      ["create_deal", "pending"],
    ]);
    expect(requests[0]).toMatchObject({ reason: "The lead asked for the plan by email.", consequence: expect.stringContaining("ines@harbourline.io") });
    expect(requests[0]!.expiresAt.getTime() - requests[0]!.createdAt.getTime()).toBeGreaterThan(47 * 3_600_000);
    expect(await eventsOf(handoffId, "approval_requested")).toHaveLength(2);

    const replay = await intake();
    expect(replay.headers).toMatchObject({ "Idempotent-Replay": "true" });
    expect(await db.select().from(approvalRequests).where(eq(approvalRequests.handoffId, handoffId))).toHaveLength(2);
    expect(email).toContain("harbourline.io");
  });
});

describe("deciding in the console", () => {
  it("an edited email, once approved, reaches the SMTP server exactly once, and the result is recorded", async () => {
    const to = `lead-${randomUUID().slice(0, 8)}@harbourline.io`;
    const { rep, handoffId, requests } = await scenario([emailAction(to)]);
    const [request] = requests;
    const asked = await waitFor("the Slack approval message", () => slack.messages.find((m) => JSON.stringify(m.blocks).includes(request!.id)));

    const decided = await decideApproval({
      approvalId: request!.id,
      decision: "approve",
      actor: rep,
      via: "console",
      expectedVersion: request!.version,
      edits: { subject: "Your audit, as promised", body: "Hello Ines,\n\nEdited by a person." },
    });
    expect(decided).toMatchObject({ status: "approved", decidedVia: "console", decidedById: rep.id, params: { to, subject: "Your audit, as promised" } });
    expect(decided.consequence).toContain('"Your audit, as promised"');

    const executed = await waitFor("the execution result", async () => (await approvalRow(request!.id))!.executedAt && approvalRow(request!.id));
    const sent = mailTo(to);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ subject: "Your audit, as promised", text: expect.stringContaining("Edited by a person.") });
    expect(executed.result).toMatchObject({ ok: true, channel: "email", to, messageId: sent[0]!.messageId });

    // A retried job, or a second one, finds it done and sends nothing.
    expect(await executeApproval(request!.id, { ...executeDepsFromEnv(settings()), log: logger })).toBe("already_executed");
    const boss = await getBoss(databaseUrl());
    await boss.send(queues.approvalExecute.name, { approvalId: request!.id });
    await waitForJobsSettled("the second execute job to run", { queues: [queues.approvalExecute.name], key: "approvalId", value: request!.id });
    expect(mailTo(to)).toHaveLength(1);

    const [event] = await eventsOf(handoffId, "approval_decided");
    expect(event).toMatchObject({ actorId: rep.id, actorKind: "user", data: { decision: "approved", via: "console", edited: true, approvalId: request!.id } });
    // The Slack message that asked loses its buttons and says who decided, where.
    await waitFor("the Slack message to show the outcome", () => asked.text.includes(`Approved by ${rep.name} in the console`));
    expect(asked.blocks.map((b) => (b as { type: string }).type)).not.toContain("actions");
    expect(await eventsOf(handoffId, "approval_executed")).toHaveLength(1);
  });

  it("a request the CRM cannot take is refused at its field, and runs once a person corrects it in the console's form", async () => {
    const { rep, requests } = await scenario([
      { type: "create_deal", params: { name: "Harbourline: audit", stage: "Qualified to buy" }, reason: "Ready to buy." },
    ]);
    const [request] = requests;
    const decide = (form: Record<string, string>) =>
      runAction(
        actionDefinitionOf(decideApprovalAction)!,
        (roles) => authorizeUser({ userId: rep.id, allowed: roles }),
        new FormDataOf({ approvalId: request!.id, version: String(request!.version), decision: "approve", ...form }),
      );

    // As proposed: the card's own form sends the fields back unchanged, and the refusal names the stage.
    expect(await decide({ name: "Harbourline: audit", stage: "Qualified to buy", amount: "", currency: "" })).toMatchObject({
      ok: false,
      code: "bad_request",
      error: expect.stringContaining("stage must be one of qualified, in_progress, won, lost"),
      fieldErrors: { stage: [expect.stringContaining("stage must be one of")] },
    });
    // A bad amount is named at its field too, and nothing is decided.
    expect(await decide({ name: "Harbourline: audit", stage: "qualified", amount: "-5", currency: "" })).toMatchObject({
      ok: false,
      fieldErrors: { amount: ["amount must not be negative"] },
    });
    expect(await approvalRow(request!.id)).toMatchObject({ status: "pending", version: request!.version });

    // Corrected (revalidating the pages needs Next's request context: the decision itself is the one path every channel takes).
    expect(
      await decideApproval({
        approvalId: request!.id,
        decision: "approve",
        actor: rep,
        via: "console",
        expectedVersion: request!.version,
        edits: { name: "Harbourline: audit", stage: "qualified", amount: "12000", currency: "eur" },
      }),
    ).toMatchObject({ status: "approved" });
    const executed = await waitFor("the deal to be created", async () => (await approvalRow(request!.id))!.executedAt && approvalRow(request!.id));
    expect(executed.params).toMatchObject({ name: "Harbourline: audit", stage: "qualified", amount: "12000", currency: "eur" });
    expect(executed.result).toMatchObject({ ok: true });
    const [deal] = await db.select().from(crmDeals).where(eq(crmDeals.name, "Harbourline: audit"));
    expect(deal).toMatchObject({ stage: "qualified" });
  });

  it("a CRM status and a contact update are corrected the same way", async () => {
    const { manager, requests } = await scenario([
      { type: "update_crm_status", params: { lifecycleStage: "opportunity" } },
      { type: "update_crm_record", params: { changes: { crm: "HubSpot" } } },
    ]);
    const [status, record] = requests;
    await expect(decideApproval({ approvalId: status!.id, decision: "approve", actor: manager, via: "console" })).rejects.toMatchObject({
      code: "bad_request",
      fieldErrors: { status: [expect.stringContaining("status must be one of")] },
    });
    await expect(
      decideApproval({ approvalId: record!.id, decision: "approve", actor: manager, via: "console", edits: { jobTitle: "" } }),
    ).rejects.toMatchObject({ fieldErrors: { params: [expect.stringContaining("at least one field")] } });
    expect(await decideApproval({ approvalId: status!.id, decision: "approve", actor: manager, via: "console", edits: { status: "OPEN_DEAL" } })).toMatchObject(
      { status: "approved", params: { status: "OPEN_DEAL" } },
    );
    expect(
      await decideApproval({ approvalId: record!.id, decision: "approve", actor: manager, via: "console", edits: { jobTitle: "Head of Sales" } }),
    ).toMatchObject({ status: "approved", params: { jobTitle: "Head of Sales" } });
  });

  it("a denial runs nothing and tells the lead in the chat that a person will follow up", async () => {
    const to = `lead-${randomUUID().slice(0, 8)}@harbourline.io`;
    const { rep, handoffId, requests } = await scenario([emailAction(to)], { chat: true });
    const decided = await decideApproval({ approvalId: requests[0]!.id, decision: "deny", actor: rep, via: "console", expectedVersion: 1 });
    expect(decided.status).toBe("denied");
    await waitForJobsSettled("the request's jobs to finish", {
      queues: [queues.approvalNotify.name, queues.approvalExecute.name],
      key: "approvalId",
      value: requests[0]!.id,
    });
    expect(mailTo(to)).toHaveLength(0);
    expect((await approvalRow(requests[0]!.id))!.executedAt).toBeNull();
    const [handoff] = await db.select().from(handoffs).where(eq(handoffs.id, handoffId));
    const lines = await db.select().from(messages).where(eq(messages.conversationId, handoff!.conversationId!));
    expect(lines.filter((m) => m.author === "agent").map((m) => m.text)).toContain(FOLLOW_UP_LINE);
  });

  it("refuses people who may not decide, a stale version and a second decision, naming why", async () => {
    const { requests, manager } = await scenario([emailAction("x@harbourline.io")]);
    const otherTeam = await createTeam();
    const stranger = await createUser({ role: "rep", teamId: otherTeam!.id });
    await expect(decideApproval({ approvalId: requests[0]!.id, decision: "approve", actor: stranger, via: "console" })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(
      decideApproval({ approvalId: requests[0]!.id, decision: "approve", actor: manager, via: "console", expectedVersion: 7 }),
    ).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("changed since you opened it") });
    await expect(
      decideApproval({ approvalId: requests[0]!.id, decision: "approve", actor: manager, via: "console", edits: { subject: "" } }),
    ).rejects.toMatchObject({ code: "bad_request", message: expect.stringContaining("subject must not be empty") });
    await decideApproval({ approvalId: requests[0]!.id, decision: "deny", actor: manager, via: "console" });
    await expect(decideApproval({ approvalId: requests[0]!.id, decision: "approve", actor: manager, via: "console" })).rejects.toMatchObject({
      code: "conflict",
      message: "This request was already denied in the console.",
    });
  });
});

describe("deciding in Slack", () => {
  it("the request's Slack message carries Approve and Deny; a signed click approves, the CRM status changes once and the message is replaced", async () => {
    const { handoffId, requests, slackUserId, rep } = await scenario([
      { type: "update_crm_status", params: { status: "in progress" }, reason: "The lead replied." },
    ]);
    const [request] = requests;
    const posted = await waitFor("the Slack approval message", () => slack.messages.find((m) => JSON.stringify(m.blocks).includes(request!.id)));
    const actions = posted.blocks.find((b) => (b as { type: string }).type === "actions") as { elements: { action_id: string; value: string }[] };
    expect(actions.elements.map((e) => [e.action_id, e.value])).toEqual([
      [SLACK_APPROVE, request!.id],
      [SLACK_DENY, request!.id],
    ]);
    expect(posted.text).toContain("Change the CRM status");

    const click = await sendSlackClick(slackClick({ approvalId: request!.id, actionId: SLACK_APPROVE, slackUserId }));
    expect(click.response.status).toBe(200);
    expect(click.ackMs).toBeLessThan(3000);
    expect(click.update).toMatchObject({ replace_original: true, text: expect.stringContaining(`Approved by ${rep.name} in Slack`) });
    expect(await approvalRow(request!.id)).toMatchObject({ status: "approved", decidedVia: "slack", decidedById: rep.id });

    const done = await waitFor("the CRM change", async () => (await approvalRow(request!.id))!.executedAt && approvalRow(request!.id));
    const [contact] = await db
      .select()
      .from(crmContacts)
      .where(eq(crmContacts.id, (done.result as { crmId: string }).crmId));
    expect(contact!.leadStatus).toBe("IN_PROGRESS");
    expect(await eventsOf(handoffId, "approval_decided")).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ via: "slack", decision: "approved" }) }),
    ]);

    // The same click again (Slack retries) changes nothing and says so.
    const again = await sendSlackClick(slackClick({ approvalId: request!.id, actionId: SLACK_DENY, slackUserId }));
    expect(again.update).toMatchObject({ response_type: "ephemeral", replace_original: false, text: expect.stringContaining("already approved in Slack") });
    expect((await approvalRow(request!.id))!.status).toBe("approved");
  });

  it("refuses a tampered body, a wrong secret and an old timestamp with 401, and changes nothing", async () => {
    const { requests, slackUserId } = await scenario([{ type: "update_crm_status", params: { status: "NEW" } }]);
    const id = requests[0]!.id;
    const tampered = await sendSlackClick(
      slackClick({ approvalId: id, actionId: SLACK_APPROVE, slackUserId, tamper: (b) => b.replace("approval.approve", "approval.deny") }),
    );
    expect(tampered.response.status).toBe(401);
    expect(await tampered.response.text()).toBe("Slack signature refused: the signature does not match.");
    const wrongSecret = await sendSlackClick(slackClick({ approvalId: id, actionId: SLACK_APPROVE, slackUserId, secret: "not-the-signing-secret" }));
    expect(wrongSecret.response.status).toBe(401);
    const old = await sendSlackClick(slackClick({ approvalId: id, actionId: SLACK_APPROVE, slackUserId, timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }));
    expect(old.response.status).toBe(401);
    expect(await old.response.text()).toContain("more than five minutes old");
    for (const attempt of [tampered, wrongSecret, old]) expect(attempt.deferred).toBe(0);
    expect(await approvalRow(id)).toMatchObject({ status: "pending", version: 1 });
  });

  it("a Slack member who is not a Baton user is told so, and nothing changes", async () => {
    const { requests } = await scenario([{ type: "update_crm_status", params: { status: "NEW" } }]);
    slack.addUser({ id: "UOUTSIDER", email: "someone@elsewhere.test" });
    const click = await sendSlackClick(slackClick({ approvalId: requests[0]!.id, actionId: SLACK_APPROVE, slackUserId: "UOUTSIDER" }));
    expect(click.response.status).toBe(200);
    expect(click.update).toMatchObject({ response_type: "ephemeral", text: expect.stringContaining("does not match an active Baton user") });
    expect((await approvalRow(requests[0]!.id))!.status).toBe("pending");
  });
});

describe("deciding by email link", () => {
  it("the approve link's page changes nothing; its POST approves once, creates the deal once; the link cannot be reused", async () => {
    const { rep, handoffId, requests } = await scenario([
      { type: "create_deal", params: { name: `Harbourline ${randomUUID().slice(0, 4)}`, amount: "12000", currency: "EUR" } },
    ]);
    const [request] = requests;
    const { approve, mail } = await emailedLinks(rep.email, request!.id);
    expect(mail.html).toContain(`${APP_URL}/approvals/confirm/`);

    // What the confirmation page reads (a link scanner's GET): nothing is decided.
    const state = await readApprovalLink(approve, { key: linkKey });
    expect(state).toMatchObject({ ok: true, used: false, claims: { decision: "approve" }, recipient: { id: rep.id } });
    expect((await approvalRow(request!.id))!.status).toBe("pending");

    const response = await postLink(approve);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toMatch(/\?outcome=decided$/);
    expect(await approvalRow(request!.id)).toMatchObject({ status: "approved", decidedVia: "email", decidedById: rep.id });
    const done = await waitFor("the deal", async () => (await approvalRow(request!.id))!.executedAt && approvalRow(request!.id));
    const deals = await db
      .select()
      .from(crmDeals)
      .where(eq(crmDeals.key, `handoff:${handoffId}`));
    expect(deals).toHaveLength(1);
    expect(deals[0]).toMatchObject({ id: (done.result as { crmId: string }).crmId, amount: 12000, currency: "EUR", stage: "qualified" });

    const reused = await postLink(approve);
    expect(reused.headers.get("location")).toMatch(/\?outcome=refused$/);
    expect((await readApprovalLink(approve, { key: linkKey })) as { used: boolean }).toMatchObject({ used: true });
    expect(await eventsOf(handoffId, "approval_decided")).toHaveLength(1);
    expect(await eventsOf(handoffId, "approval_executed")).toHaveLength(1);
  });

  it("refuses an expired, a forged and an unissued token, and changes nothing", async () => {
    const { rep, requests } = await scenario([{ type: "update_crm_status", params: { status: "NEW" } }]);
    const id = requests[0]!.id;
    const { approve } = await emailedLinks(rep.email, id);
    const claims = (verifyApprovalToken(approve, linkKey, 0) as { ok: true; claims: Parameters<typeof signApprovalToken>[0] }).claims;

    const expired = signApprovalToken({ ...claims, exp: Math.floor(Date.now() / 1000) - 1 }, linkKey);
    expect(await readApprovalLink(expired, { key: linkKey })).toEqual({ ok: false, message: expect.stringContaining("expired") });
    const forged = signApprovalToken(claims, approvalLinkKey({ linkSecret: "a-different-secret-entirely" }));
    expect(await readApprovalLink(forged, { key: linkKey })).toEqual({ ok: false, message: expect.stringContaining("not issued by Baton") });
    const unissued = signApprovalToken({ ...claims, jti: randomUUID() }, linkKey);
    expect(await readApprovalLink(unissued, { key: linkKey })).toEqual({ ok: false, message: "Baton has no record of this approval link." });
    const otherPerson = signApprovalToken({ ...claims, userId: (await createUser({ role: "manager", teamId: null })).id }, linkKey);
    expect(await readApprovalLink(otherPerson, { key: linkKey })).toMatchObject({ ok: false });

    for (const token of [expired, forged, unissued, otherPerson, "not-a-token"]) {
      const response = await postLink(token);
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toMatch(/\?outcome=refused$/);
    }
    expect(await approvalRow(id)).toMatchObject({ status: "pending", version: 1 });
    const [token] = await db.select().from(approvalLinkTokens).where(eq(approvalLinkTokens.id, claims.jti));
    expect(token!.usedAt).toBeNull();
  });

  it("a token past its stored expiry is refused even when its signature still holds", async () => {
    const { rep, requests } = await scenario([{ type: "update_crm_status", params: { status: "NEW" } }]);
    const { deny } = await emailedLinks(rep.email, requests[0]!.id);
    const claims = (verifyApprovalToken(deny, linkKey, 0) as { ok: true; claims: { jti: string } }).claims;
    await db
      .update(approvalLinkTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(approvalLinkTokens.id, claims.jti));
    const response = await postLink(deny);
    expect(response.headers.get("location")).toMatch(/\?outcome=refused$/);
    expect((await approvalRow(requests[0]!.id))!.status).toBe("pending");
  });
});

describe("races and expiry", () => {
  it("approve in Slack and deny by email at the same moment: exactly one wins, and only an approval runs", async () => {
    for (let round = 0; round < 3; round++) {
      const to = `race-${randomUUID().slice(0, 8)}@harbourline.io`;
      const { rep, handoffId, requests, slackUserId } = await scenario([emailAction(to)]);
      const id = requests[0]!.id;
      const { deny } = await emailedLinks(rep.email, id);
      const [slackResult, emailResult] = await Promise.all([
        sendSlackClick(slackClick({ approvalId: id, actionId: SLACK_APPROVE, slackUserId })),
        postLink(deny),
      ]);
      const row = await approvalRow(id);
      const slackWon = row!.status === "approved";
      expect(["approved", "denied"]).toContain(row!.status);
      expect(row!.decidedVia).toBe(slackWon ? "slack" : "email");
      expect(await eventsOf(handoffId, "approval_decided")).toHaveLength(1);
      expect(emailResult.headers.get("location")).toMatch(slackWon ? /outcome=refused/ : /outcome=decided/);
      expect(slackResult.update).toMatchObject(slackWon ? { replace_original: true } : { response_type: "ephemeral" });
      if (slackWon) await waitFor("the email to the lead", () => mailTo(to).length === 1);
      else
        await waitForJobsSettled("the request's jobs to finish", {
          queues: [queues.approvalNotify.name, queues.approvalExecute.name],
          key: "approvalId",
          value: id,
        });
      expect(mailTo(to)).toHaveLength(slackWon ? 1 : 0);
    }
  });

  it("a request nobody decides expires: the owner hears of it in the app, the lead is told a person will follow up, and it can no longer be approved", async () => {
    const { rep, handoffId, requests } = await scenario([emailAction("late@harbourline.io")], { chat: true });
    await db
      .update(approvalRequests)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(approvalRequests.id, requests[0]!.id));
    await approvalExpireJob.handle(
      {},
      { jobId: "test", retryCount: 0, boss: await getBoss(databaseUrl()), log: logger, now: () => new Date(), signal: new AbortController().signal },
    );
    expect((await approvalRow(requests[0]!.id))!.status).toBe("expired");
    expect(await eventsOf(handoffId, "approval_expired")).toHaveLength(1);
    const notes = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, rep.id), eq(notifications.event, "approval_expired")));
    expect(notes).toHaveLength(1);
    const [handoff] = await db.select().from(handoffs).where(eq(handoffs.id, handoffId));
    const lines = await db.select().from(messages).where(eq(messages.conversationId, handoff!.conversationId!));
    expect(lines.map((m) => m.text)).toContain(FOLLOW_UP_LINE);
    const refused = await decideApproval({ approvalId: requests[0]!.id, decision: "approve", actor: rep as Actor, via: "console" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UserError);
    expect((refused as UserError).message).toBe("This request has expired; the agent will not run it.");
  });

  it("an email drafted by request-more-info goes through the same approval path (Slack, email, in-app), to someone other than the person who drafted it", async () => {
    const { rep, manager, handoffId } = await scenario([]);
    const { requestMoreInfo } = await import("@/lib/handoffs/request-info");
    const [handoff] = await db.select().from(handoffs).where(eq(handoffs.id, handoffId));
    await requestMoreInfo({ actor: rep, handoffId, expectedVersion: handoff!.version, picked: [], extra: ["What is your budget?"] });
    const [request] = await db.select().from(approvalRequests).where(eq(approvalRequests.handoffId, handoffId));
    expect(request).toMatchObject({ actionType: "send_email", status: "pending", requestedById: rep.id });
    await waitFor("the Slack message", () => slack.messages.some((m) => JSON.stringify(m.blocks).includes(request!.id)));
    // Four-eyes is on for emails: the rep who drafted it is not asked; their team's manager is.
    await waitFor("the approval email", () => smtp.messages.some((m) => m.to.includes(manager.email) && m.text.includes("What is your budget?")));
    await waitFor(
      "the deliveries",
      async () =>
        (
          await db
            .select()
            .from(deliveries)
            .where(eq(deliveries.event, `approval:${request!.id}`))
        ).length === 3,
    );
    const delivered = await db
      .select()
      .from(deliveries)
      .where(eq(deliveries.event, `approval:${request!.id}`));
    expect(new Set(delivered.map((d) => d.recipientId))).toEqual(new Set([manager.id]));
  });
});

describe("four-eyes", () => {
  async function drafted() {
    const s = await scenario([]);
    const { requestMoreInfo } = await import("@/lib/handoffs/request-info");
    const [handoff] = await db.select().from(handoffs).where(eq(handoffs.id, s.handoffId));
    await requestMoreInfo({
      actor: s.rep,
      handoffId: s.handoffId,
      expectedVersion: handoff!.version,
      picked: [],
      extra: ["What is your budget?", "Who signs?"],
    });
    const [request] = await db.select().from(approvalRequests).where(eq(approvalRequests.handoffId, s.handoffId));
    return { ...s, request };
  }
  const admin = () => createUser({ role: "admin", teamId: null });

  it("the rep who drafted an email cannot approve it in the console, in Slack or by an emailed link; another person approves it", async () => {
    const { rep, manager, request, slackUserId } = await drafted();
    await expect(
      decideApproval({ approvalId: request!.id, decision: "approve", actor: rep, via: "console", expectedVersion: request!.version }),
    ).rejects.toMatchObject({ code: "forbidden", message: expect.stringContaining("another person approves it") });

    const click = await sendSlackClick(slackClick({ approvalId: request!.id, actionId: SLACK_APPROVE, slackUserId }));
    expect(click.response.status).toBe(200);
    expect(JSON.stringify(click.update)).toContain("another person approves it");

    // A link signed for the rep (as if one had been sent): refused all the same.
    const jti = randomUUID();
    await db.insert(approvalLinkTokens).values({ id: jti, approvalId: request!.id, recipientId: rep.id, expiresAt: new Date(Date.now() + 3_600_000) });
    const token = signApprovalToken({ jti, approvalId: request!.id, userId: rep.id, decision: "approve", exp: Math.floor(Date.now() / 1000) + 3600 }, linkKey);
    expect(await readApprovalLink(token, { key: linkKey })).toEqual({ ok: false, message: expect.stringContaining("another person approves it") });
    const viaLink = await postLink(token);
    expect(viaLink.headers.get("location")).toMatch(/\?outcome=refused$/);
    expect(await approvalRow(request!.id)).toMatchObject({ status: "pending" });

    // The manager approves the email as the rep drafted it, edited down to one question: the consequence follows.
    const body = String(request!.params.body).replace(/\n2\. .*/, "");
    expect(
      await decideApproval({
        approvalId: request!.id,
        decision: "approve",
        actor: manager,
        via: "console",
        expectedVersion: request!.version,
        edits: { body },
      }),
    ).toMatchObject({
      status: "approved",
      consequence: expect.stringMatching(/asking one question\.$/),
    });
  });

  it("an admin turns it off for emails (audited), and the rep who asked may approve", async () => {
    const { rep, request } = await drafted();
    const { saveFourEyesAction } = await import("@/app/(console)/admin/approvals/actions");
    const who = await admin();
    const run = (input: Record<string, string>) =>
      runAction(actionDefinitionOf(saveFourEyesAction)!, (roles) => authorizeUser({ userId: who.id, allowed: roles }), input);
    expect(await run({ actionType: "wire_money" })).toMatchObject({ ok: false, field: "actionType", error: expect.stringMatching(/^must be one of/) });
    try {
      expect(await run({ actionType: "send_email", fourEyes: "false" })).toMatchObject({ ok: true, data: { fourEyes: false } });
      const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, "approval_setting.update")).orderBy(desc(auditLog.id)).limit(1);
      expect(audit).toMatchObject({ entityId: "send_email", before: { fourEyes: true }, after: { fourEyes: false }, actorId: who.id });
      expect(
        await decideApproval({ approvalId: request!.id, decision: "approve", actor: rep, via: "console", expectedVersion: request!.version }),
      ).toMatchObject({ status: "approved" });
    } finally {
      await db.delete(approvalSettings);
    }
  });
});

describe("running approved CRM changes in HubSpot", () => {
  it("an approved deal and record update reach the HubSpot stand-in once each, on the lead's contact, however often the job runs", async () => {
    const hub = await startHubSpotStandIn({ portalId: 7_700_001 });
    try {
      const { rep, requests, email } = await scenario([
        { type: "create_deal", params: { name: "Harbourline rollout", amount: 30000, currency: "EUR" } },
        { type: "update_crm_record", params: { jobtitle: "VP Sales", phone: "+44 20 7946 0000" } },
      ]);
      const deps = {
        ...executeDepsFromEnv(settings()),
        crm: () => createHubSpotAdapter({ baseUrl: hub.baseUrl, token: hub.token, rateLimit: { max: 100, windowMs: 10_000 }, timeoutMs: 5_000 }),
        log: logger,
      };
      for (const request of requests) {
        // Settled in the database; this test runs the executor itself against HubSpot (the worker's uses the built-in CRM).
        await db
          .update(approvalRequests)
          .set({ status: "approved", decidedById: rep.id, decidedVia: "console", decidedAt: new Date() })
          .where(eq(approvalRequests.id, request.id));
        expect(await executeApproval(request.id, deps)).toBe("executed");
        expect(await executeApproval(request.id, deps)).toBe("already_executed");
      }
      const deals = hub.records("deals");
      expect(deals).toHaveLength(1);
      expect(deals[0]!.properties).toMatchObject({ dealname: "Harbourline rollout", amount: "30000" });
      const contacts = hub.records("contacts");
      expect(contacts).toHaveLength(1);
      expect(contacts[0]!.properties).toMatchObject({ email: email.toLowerCase(), jobtitle: "VP Sales", phone: "+44 20 7946 0000" });
      expect(hub.associationsOf("deals", deals[0]!.id).map((a) => `${a.fromType}>${a.toType}`)).toContain("deals>contacts");
    } finally {
      await hub.close();
    }
  });
});

/** A form as the browser posts it. */
class FormDataOf extends FormData {
  constructor(fields: Record<string, string>) {
    super();
    for (const [key, value] of Object.entries(fields)) this.set(key, value);
  }
}
