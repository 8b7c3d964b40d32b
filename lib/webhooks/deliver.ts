import { claimWebhookDelivery, endpointFailingSince, recordWebhookAttempt, type AttemptRecord } from "@/db/queries/webhooks";
import { env } from "@/lib/env";
import type { Logger } from "@/lib/logger";
import { defaultRetrySchedule, nextRetryDelaySeconds, parseRetryAfter } from "./backoff";
import { signingSecrets } from "./secrets";
import { sendWebhook, type SendOutcome } from "./send";
import { webhookHeaders } from "./sign";

export type DeliverSettings = {
  retrySchedule: readonly number[];
  timeoutMs: number;
  allowedPrivateHosts: readonly string[];
  disableAfterMs: number;
};

export function deliverSettingsFromEnv(): DeliverSettings {
  const e = env();
  return {
    retrySchedule: e.WEBHOOK_RETRY_SCHEDULE_SECONDS ?? defaultRetrySchedule,
    timeoutMs: e.WEBHOOK_TIMEOUT_MS,
    allowedPrivateHosts: e.WEBHOOK_ALLOWED_PRIVATE_HOSTS,
    disableAfterMs: e.WEBHOOK_DISABLE_AFTER_DAYS * 86_400_000,
  };
}

/** The `webhook-id` of an event: the same for every endpoint and every retry, so receivers dedupe on it. */
export const webhookMessageId = (eventId: string) => `msg_${eventId.replace(/-/g, "")}`;

/**
 * One attempt of one delivery (the `webhook-deliver` job): claim it, sign the stored body with
 * every live secret, POST it to the checked address, and record what happened with the retry it
 * needs. Only a 2xx succeeds; a 410 switches the endpoint off; failures past the schedule give up;
 * an endpoint failing for WEBHOOK_DISABLE_AFTER_DAYS is switched off and the admins told.
 */
export async function deliverWebhook(
  job: { deliveryId: string; send: number },
  deps: { settings: DeliverSettings; now: () => Date; log: Logger },
): Promise<string> {
  const claim = await claimWebhookDelivery(job);
  if (claim.kind !== "send") return claim.kind;
  const { delivery, endpoint, payload } = claim;
  const body = JSON.stringify({ ...payload });
  const now = deps.now();
  const headers = webhookHeaders({
    id: webhookMessageId(delivery.eventId),
    timestampSeconds: Math.floor(now.getTime() / 1000),
    body,
    secrets: signingSecrets(endpoint, now),
  });
  const outcome = await sendWebhook({
    url: endpoint.url,
    headers,
    body,
    timeoutMs: deps.settings.timeoutMs,
    allowedPrivateHosts: deps.settings.allowedPrivateHosts,
  });
  const record = await planAttemptRecord({ job, outcome, attempts: delivery.attempts + 1, endpointId: endpoint.id, settings: deps.settings, now: deps.now() });
  await recordWebhookAttempt(record);
  deps.log.info("webhook attempt", { deliveryId: job.deliveryId, endpointId: endpoint.id, statusCode: record.statusCode, outcome: record.outcome.kind });
  return record.outcome.kind;
}

async function planAttemptRecord(input: {
  job: { deliveryId: string; send: number };
  outcome: SendOutcome;
  attempts: number;
  endpointId: string;
  settings: DeliverSettings;
  now: Date;
}): Promise<AttemptRecord> {
  const { outcome, job } = input;
  const statusCode = outcome.kind === "response" ? outcome.status : null;
  const response = outcome.kind === "response" ? outcome.body : outcome.kind === "refused" ? `Refused: ${outcome.reason}.` : `No answer: ${outcome.reason}.`;
  if (outcome.kind === "response" && outcome.status >= 200 && outcome.status < 300) return { ...job, statusCode, response, outcome: { kind: "delivered" } };
  if (outcome.kind === "response" && outcome.status === 410)
    return { ...job, statusCode, response, outcome: { kind: "failed" }, disableEndpoint: "The endpoint answered 410 Gone." };
  const failingSince = (await endpointFailingSince({ endpointId: input.endpointId })) ?? input.now;
  const disableEndpoint =
    input.now.getTime() - failingSince.getTime() >= input.settings.disableAfterMs
      ? `Every delivery failed since ${failingSince.toISOString()} (${Math.round(input.settings.disableAfterMs / 3_600_000)} h or more).`
      : null;
  const retryAfter = outcome.kind === "response" ? parseRetryAfter(outcome.retryAfter, input.now) : null;
  const delay = disableEndpoint
    ? null
    : nextRetryDelaySeconds({ attempts: input.attempts, schedule: input.settings.retrySchedule, retryAfterSeconds: retryAfter });
  if (delay === null) return { ...job, statusCode, response, outcome: { kind: "failed" }, disableEndpoint };
  return { ...job, statusCode, response, outcome: { kind: "retry", at: new Date(input.now.getTime() + delay * 1000) } };
}
