import { requestSignal } from "@/lib/jobs/job-signal";
import { DeliveryError } from "@/lib/notifications/delivery-error";
import type { SlackMessage } from "@/lib/notifications/slack-message";

export type SlackConfig = { webhookUrl?: string; botToken?: string; apiUrl: string; defaultChannel?: string };

export type SlackPost = { message: SlackMessage; channel: string | null; deliveryKey: string };
export type SlackResult = { ref: string; target: string };

const TIMEOUT_MS = 10_000;
// Slack's own limits answer 429 with Retry-After (often 1-30 s): waited out within the attempt up
// to this long, beyond it the job's backoff takes over.
const MAX_INLINE_WAIT_SECONDS = 30;
const MAX_INLINE_TRIES = 3;
// Web API errors that a later try may not meet again; every other `ok: false` is a refusal.
const transientApiErrors = new Set(["ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"]);

export function slackConfigured(config: SlackConfig): boolean {
  return Boolean(config.botToken || config.webhookUrl);
}

/**
 * Posts one message: chat.postMessage with a bot token (to the channel given, or the default), else
 * the incoming webhook. With a bot token the message carries the delivery key as message metadata,
 * so a retry after a crash can ask Slack whether it was already posted (findPostedSlackMessage).
 */
export async function postToSlack(config: SlackConfig, post: SlackPost, sleep = defaultSleep): Promise<SlackResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return config.botToken ? await postWithToken(config, post) : await postToWebhook(config, post);
    } catch (error) {
      if (!(error instanceof DeliveryError) || error.retryAfterSeconds === undefined) throw error;
      if (error.retryAfterSeconds > MAX_INLINE_WAIT_SECONDS || attempt >= MAX_INLINE_TRIES) throw error;
      await sleep(error.retryAfterSeconds * 1000);
    }
  }
}

/**
 * The ts of a message this delivery already posted (found by its metadata), or null when Slack says
 * it holds none (or cannot be asked at all: a webhook, a refusal such as a missing scope). When Slack
 * is unreachable, slow or failing, the answer is unknown: a transient DeliveryError, so the job
 * retries later instead of posting what may be a second copy.
 */
export async function findPostedSlackMessage(config: SlackConfig, input: { channel: string; deliveryKey: string; since: Date }): Promise<string | null> {
  if (!config.botToken) return null;
  const params = new URLSearchParams({
    channel: input.channel,
    oldest: String(Math.floor(input.since.getTime() / 1000) - 60),
    include_all_metadata: "true",
    limit: "200",
  });
  const response = await send(apiUrl(config, `conversations.history?${params}`), { headers: { authorization: `Bearer ${config.botToken}` } });
  if (response.status === 429 || response.status >= 500)
    throw new DeliveryError(`Slack could not say whether the message was posted (${response.status})`, false);
  const body = (await response.json().catch(() => null)) as {
    ok?: boolean;
    error?: string;
    messages?: { ts: string; metadata?: { event_payload?: { delivery_key?: string } } }[];
  } | null;
  if (body && !body.ok && transientApiErrors.has(body.error ?? ""))
    throw new DeliveryError(`Slack could not say whether the message was posted: ${body.error}`, false);
  return body?.ok ? (body.messages?.find((m) => m.metadata?.event_payload?.delivery_key === input.deliveryKey)?.ts ?? null) : null;
}

async function postWithToken(config: SlackConfig, post: SlackPost): Promise<SlackResult> {
  const channel = post.channel ?? config.defaultChannel;
  if (!channel) throw new DeliveryError("No Slack channel: set the person's Slack target, the team's channel or SLACK_DEFAULT_CHANNEL.", true);
  const response = await send(apiUrl(config, "chat.postMessage"), {
    method: "POST",
    headers: { "content-type": "application/json; charset=utf-8", authorization: `Bearer ${config.botToken}` },
    body: JSON.stringify({
      channel,
      text: post.message.text,
      blocks: post.message.blocks,
      unfurl_links: false,
      metadata: { event_type: "baton_delivery", event_payload: { delivery_key: post.deliveryKey } },
    }),
  });
  rateLimited(response);
  if (response.status >= 500) throw new DeliveryError(`Slack answered ${response.status}`, false);
  const body = (await response.json().catch(() => null)) as { ok?: boolean; ts?: string; channel?: string; error?: string } | null;
  if (!body) throw new DeliveryError(`Slack answered ${response.status} without JSON`, response.status < 400 || response.status >= 500);
  if (!body.ok) throw new DeliveryError(`Slack refused the message: ${body.error ?? "unknown_error"}`, !transientApiErrors.has(body.error ?? ""));
  return { ref: body.ts ?? "", target: body.channel ?? channel };
}

async function postToWebhook(config: SlackConfig, post: SlackPost): Promise<SlackResult> {
  if (!config.webhookUrl) throw new DeliveryError("Slack is not configured (SLACK_WEBHOOK_URL or SLACK_BOT_TOKEN).", true);
  const response = await send(config.webhookUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ text: post.message.text, blocks: post.message.blocks }),
  });
  rateLimited(response);
  const text = (await response.text().catch(() => "")).trim();
  if (response.status >= 500) throw new DeliveryError(`Slack answered ${response.status}${text ? `: ${text}` : ""}`, false);
  // Webhook errors are short text bodies: invalid_payload, no_text, no_service, channel_is_archived…
  if (response.status !== 200) throw new DeliveryError(`Slack refused the message (${response.status}): ${text || "no reason given"}`, true);
  return { ref: `webhook:${post.deliveryKey}`, target: "webhook" };
}

async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: requestSignal(TIMEOUT_MS) });
  } catch (error) {
    throw new DeliveryError(`Slack could not be reached: ${error instanceof Error ? error.message : String(error)}`, false);
  }
}

function rateLimited(response: Response): void {
  if (response.status !== 429) return;
  const seconds = Number(response.headers.get("retry-after"));
  throw new DeliveryError("Slack rate limit (429)", false, Number.isFinite(seconds) && seconds >= 0 ? seconds : 1);
}

function apiUrl(config: SlackConfig, method: string): string {
  return config.apiUrl.replace(/\/?$/, "/") + method;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
