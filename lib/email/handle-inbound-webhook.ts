import { createHash } from "node:crypto";
import { MAX_RAW_EMAIL_BYTES } from "@/lib/email/parse";
import { mailboxSettings } from "@/lib/email/mailbox-settings";
import { processInboundEmail } from "@/lib/email/process-inbound";
import { admitIntakeCaller, type IntakeReply } from "@/lib/intake/handle-intake";
import type { Logger } from "@/lib/logger";

export const MAX_INBOUND_EMAIL_BYTES = MAX_RAW_EMAIL_BYTES;

/**
 * POST /api/v1/inbound-email, apart from HTTP: a provider forwarding one raw message
 * (`message/rfc822`), authenticated and rate-limited exactly as the intake API, then the mailbox
 * reader's path. Idempotent by Message-ID: a redelivery answers 200 with `duplicate`.
 */
export async function handleInboundEmailWebhook(request: { headers: Headers; body: Buffer }, options: { log: Logger }): Promise<IntakeReply> {
  if (request.body.byteLength > MAX_INBOUND_EMAIL_BYTES)
    return refuse(413, "payload_too_large", `The message is larger than ${MAX_INBOUND_EMAIL_BYTES / 1024 / 1024} MB.`);
  const admitted = await admitIntakeCaller(request);
  if (!admitted.ok) return admitted.reply;
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "message/rfc822") return refuse(400, "bad_request", `Content-Type must be message/rfc822 (the raw email), not ${type || "missing"}.`);
  if (request.body.byteLength === 0) return refuse(400, "bad_request", "The body is empty: send the raw email.");

  const mailbox = await mailboxSettings().catch(() => null);
  const outcome = await processInboundEmail(request.body, {
    source: "webhook",
    sourceRef: createHash("sha256").update(request.body).digest("hex"),
    ownAddresses: mailbox?.address ? [mailbox.address] : [],
    teamId: admitted.caller.teamId,
    log: options.log,
  });
  switch (outcome.status) {
    case "quarantined":
      return refuse(422, "unprocessable_email", `The email was not processed (kept in quarantine on /admin/jobs): ${outcome.reason}.`);
    case "duplicate":
      return { status: 200, body: { status: "duplicate" }, headers: { "Idempotent-Replay": "true" } };
    case "ignored":
      return { status: 200, body: { status: "ignored", reason: outcome.reason } };
    default:
      return { status: 200, body: { ...outcome } };
  }
}

function refuse(status: number, code: string, message: string): IntakeReply {
  return { status, body: { error: { code, message } } };
}
