import { createHash } from "node:crypto";
import { recordBookingDelivery } from "@/db/queries/meetings";
import { loadConnectionSettings } from "@/lib/connections/load-connection-settings";
import { tooDeepAt } from "@/lib/http/json-depth";
import { UNSTORABLE_MESSAGE, unstorableAt } from "@/lib/http/unstorable-text";
import type { Logger } from "@/lib/logger";
import { parseCalcomDelivery, parseCalendlyDelivery, type BookingEvent, type MeetingProvider } from "@/lib/meetings/booking-event";
import { verifyCalcomSignature, verifyCalendlySignature } from "@/lib/meetings/webhook-signature";
import { maskText } from "@/lib/privacy/mask-text";

export const MAX_BOOKING_BYTES = 128 * 1024;
const MAX_DEPTH = 16;

export type BookingWebhookReply = { status: number; body: Record<string, unknown> };

const names: Record<MeetingProvider, string> = { calcom: "Cal.com", calendly: "Calendly" };

/**
 * One delivery from Cal.com or Calendly, apart from HTTP: verify the signature over the raw body
 * (with the secret saved on /admin/connections, else the environment), parse, and record. A
 * delivery seen before (a retry or a replay) answers 200 and changes nothing, so the provider stops
 * retrying; a bad signature is 401 and a body Baton cannot read is 400, and nothing is written.
 */
export async function handleBookingWebhook(
  provider: MeetingProvider,
  request: { headers: Headers; body: string },
  options: { log: Logger; now?: Date },
): Promise<BookingWebhookReply> {
  const connections = await loadConnectionSettings();
  const now = options.now ?? new Date();
  const check =
    provider === "calcom"
      ? connections.calcom.webhookSecret
        ? verifyCalcomSignature({ secret: connections.calcom.webhookSecret, rawBody: request.body, header: request.headers.get("x-cal-signature-256") })
        : null
      : connections.calendly.signingKey
        ? verifyCalendlySignature({
            signingKey: connections.calendly.signingKey,
            rawBody: request.body,
            header: request.headers.get("calendly-webhook-signature"),
            now,
          })
        : null;
  if (!check) return refuse(401, "not_configured", `No ${names[provider]} webhook secret is set on /admin/connections, so deliveries cannot be verified.`);
  if (!check.ok) return refuse(401, "invalid_signature", `The delivery is refused: ${check.problem}.`);

  let json: unknown;
  try {
    json = JSON.parse(request.body);
  } catch {
    return refuse(400, "invalid_json", "The body is not JSON.");
  }
  const deep = tooDeepAt(json, MAX_DEPTH);
  if (deep) return refuse(400, "invalid_body", `${deep.join(".") || "body"}: is nested too deeply.`);
  const unstorable = unstorableAt(json);
  if (unstorable) return refuse(400, "invalid_body", `${unstorable.join(".") || "body"}: ${UNSTORABLE_MESSAGE}.`);
  const parsed = provider === "calcom" ? parseCalcomDelivery(json) : parseCalendlyDelivery(json);
  if (!parsed.ok) return refuse(400, "invalid_body", parsed.problem);
  if (parsed.bookings.length === 0) return { status: 200, body: { ok: true, ignored: parsed.event } };

  const deliveryHash = createHash("sha256").update(request.body).digest("hex");
  const outcome = await recordBookingDelivery({ provider, deliveryHash, event: parsed.event, bookings: parsed.bookings.map(masked) });
  options.log.info("booking delivery", { provider, event: parsed.event, duplicate: outcome.duplicate });
  if (outcome.duplicate) return { status: 200, body: { ok: true, duplicate: true } };
  return { status: 200, body: { ok: true, meetings: outcome.meetings } };
}

/** Free text a lead typed (a cancellation reason, the event's title) is masked before it is stored. */
function masked(event: BookingEvent): BookingEvent {
  if (!event.details) return event;
  const mask = (v: string | null) => (v ? maskText(v).value : v);
  return { ...event, details: { ...event.details, cancellationReason: mask(event.details.cancellationReason), title: mask(event.details.title) } };
}

function refuse(status: number, code: string, message: string): BookingWebhookReply {
  return { status, body: { error: { code, message } } };
}
