import { z } from "zod";
import { findActiveUserByEmail, getApprovalForDecision } from "@/db/queries/approvals";
import { decidedSlackMessage, SLACK_APPROVE, SLACK_DENY, type ApprovalNotice } from "@/lib/approvals/approval-messages";
import { decideApproval } from "@/lib/approvals/decide-approval";
import { verifySlackSignature } from "@/lib/approvals/slack-signature";
import { authorizeUser } from "@/lib/auth/guard";
import { GENERIC_ERROR_MESSAGE, UserError } from "@/lib/errors";
import { readLimited } from "@/lib/http/read-limited";
import type { Logger } from "@/lib/logger";
import type { SlackConfig } from "@/lib/notifications/slack";

const MAX_BODY_BYTES = 64 * 1024;
const TIMEOUT_MS = 10_000;

export type SlackInteractionDeps = {
  signingSecret: string | undefined;
  slack: SlackConfig;
  appUrl: string;
  log: Logger;
  /** Runs the decision after the 200 has gone back (Next's `after`; tests collect the promise). */
  defer: (work: () => Promise<void>) => void;
  nowSeconds?: () => number;
};

const payloadSchema = z.object({
  type: z.literal("block_actions"),
  user: z.object({ id: z.string().min(1) }),
  response_url: z.url(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() })).min(1),
});

/**
 * POST /api/slack/interactions. Slack wants an answer within 3 s, so this verifies the signature and
 * the payload, answers 200 at once, and decides afterwards: who clicked (their Slack email, read with
 * users.info, is their Baton account), then the same decision path as the console, then the message
 * is replaced through the payload's response_url with the outcome (or, refused, an ephemeral reason).
 */
export async function handleSlackInteraction(request: Request, deps: SlackInteractionDeps): Promise<Response> {
  if (!deps.signingSecret) return refuse(503, "Slack interactivity is not configured: set SLACK_SIGNING_SECRET.");
  const raw = await readLimited(request, MAX_BODY_BYTES);
  if (raw === null) return refuse(413, "The body is larger than Slack sends.");
  const nowSeconds = deps.nowSeconds?.() ?? Math.floor(Date.now() / 1000);
  const check = verifySlackSignature({
    secret: deps.signingSecret,
    timestamp: request.headers.get("x-slack-request-timestamp"),
    signature: request.headers.get("x-slack-signature"),
    rawBody: raw,
    nowSeconds,
  });
  if (!check.ok) return refuse(401, `Slack signature refused: ${check.reason}.`);

  let json: unknown;
  try {
    json = JSON.parse(new URLSearchParams(raw).get("payload") ?? "");
  } catch {
    return refuse(400, "The body has no JSON `payload` field.");
  }
  const parsed = payloadSchema.safeParse(json);
  // Other interactions (the package link button, shortcuts) need no answer beyond the 200.
  if (!parsed.success) return new Response(null, { status: 200 });
  const payload = parsed.data;
  const action = payload.actions.find((a) => a.action_id === SLACK_APPROVE || a.action_id === SLACK_DENY);
  if (!action) return new Response(null, { status: 200 });
  if (!z.uuid().safeParse(action.value).success) return refuse(400, "The button carries no approval request id.");
  if (!allowedResponseUrl(payload.response_url, deps.slack.apiUrl)) return refuse(400, "The response_url is not Slack's.");

  const decision = action.action_id === SLACK_APPROVE ? "approve" : "deny";
  const log = deps.log.child({ approvalId: action.value, slackUser: payload.user.id });
  deps.defer(async () => {
    const reply = await decideFromSlack({ approvalId: action.value!, decision, slackUserId: payload.user.id, deps }).catch((error: unknown) => {
      if (error instanceof UserError) return { ephemeral: `Not done: ${error.message}` };
      log.error("slack decision failed", { error });
      return { ephemeral: GENERIC_ERROR_MESSAGE };
    });
    const body =
      "ephemeral" in reply ? { response_type: "ephemeral", replace_original: false, text: reply.ephemeral } : { replace_original: true, ...reply.message };
    try {
      const response = await fetch(payload.response_url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!response.ok) log.warn("slack response_url refused the update", { status: response.status });
    } catch (error) {
      log.warn("slack response_url unreachable", { error });
    }
  });
  return new Response(null, { status: 200 });
}

async function decideFromSlack(input: { approvalId: string; decision: "approve" | "deny"; slackUserId: string; deps: SlackInteractionDeps }) {
  const email = await slackUserEmail(input.deps.slack, input.slackUserId);
  const user = email ? await findActiveUserByEmail({ email }) : null;
  if (!user) throw new UserError("forbidden", "Your Slack account's email does not match an active Baton user, so Baton cannot tell who is deciding.");
  const actor = await authorizeUser({ userId: user.id, allowed: [] });
  const decided = await decideApproval({ approvalId: input.approvalId, decision: input.decision, actor, via: "slack" });
  const found = await getApprovalForDecision({ id: decided.id });
  const notice: ApprovalNotice = {
    approval: decided,
    lead: [found?.handoff.leadName ?? "Unknown lead", found?.handoff.companyName].filter(Boolean).join(", "),
    packageUrl: `${input.deps.appUrl}/handoffs/${decided.handoffId}`,
  };
  const outcome = `${decided.status === "approved" ? "Approved" : "Denied"} by ${actor.name ?? actor.email} in Slack${decided.status === "approved" ? "; the agent runs it now" : ""}`;
  return { message: decidedSlackMessage(notice, outcome) };
}

/** The clicker's email (users.info; the bot needs the users:read.email scope). Null when Slack will not say. */
async function slackUserEmail(config: SlackConfig, userId: string): Promise<string | null> {
  if (!config.botToken) return null;
  const url = `${config.apiUrl.replace(/\/?$/, "/")}users.info?${new URLSearchParams({ user: userId })}`;
  const response = await fetch(url, { headers: { authorization: `Bearer ${config.botToken}` }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  const body = (await response.json().catch(() => null)) as { ok?: boolean; user?: { deleted?: boolean; profile?: { email?: string } } } | null;
  if (!body?.ok || body.user?.deleted) return null;
  return body.user?.profile?.email ?? null;
}

/** Slack's response URLs live on hooks.slack.com; the stand-in hands out its own, on the Web API's origin. */
function allowedResponseUrl(responseUrl: string, apiUrl: string): boolean {
  const url = new URL(responseUrl);
  if (url.protocol === "https:" && url.hostname === "hooks.slack.com") return true;
  return url.origin === new URL(apiUrl).origin;
}

function refuse(status: number, message: string): Response {
  return new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
}
