import { createHmac } from "node:crypto";

// Cal.com as a webhook sender (INTEGRATIONS.md section 2; calcom/cal.com
// packages/features/webhooks/lib/sendPayload.ts): POST application/json
// {"triggerEvent","createdAt","payload":{…booking}}, X-Cal-Signature-256 = hex HMAC-SHA256 of the exact
// body with the webhook's secret (the literal "no-secret-provided" when none is set), and
// X-Cal-Webhook-Version. Nothing time-based is signed. The signing is written out here on purpose,
// not imported from lib/meetings, so the stand-in checks Baton rather than agreeing with it.

export type CalcomPerson = { name: string; email: string; timeZone?: string };

export function calcomBooking(input: {
  uid: string;
  startTime: string;
  endTime?: string;
  organizer: CalcomPerson;
  attendee: CalcomPerson;
  metadata?: Record<string, string>;
  rescheduleUid?: string;
  cancellationReason?: string;
  title?: string;
}): Record<string, unknown> {
  const end = input.endTime ?? new Date(new Date(input.startTime).getTime() + 30 * 60_000).toISOString();
  return {
    type: "diagnosis-call",
    title: input.title ?? `Diagnosis call between ${input.organizer.name} and ${input.attendee.name}`,
    description: "",
    startTime: input.startTime,
    endTime: end,
    organizer: {
      id: 5,
      name: input.organizer.name,
      email: input.organizer.email,
      timeZone: input.organizer.timeZone ?? "Europe/Madrid",
      language: { locale: "en" },
    },
    attendees: [{ name: input.attendee.name, email: input.attendee.email, timeZone: input.attendee.timeZone ?? "Europe/Madrid", language: { locale: "en" } }],
    location: "integrations:daily",
    uid: input.uid,
    bookingId: Math.floor(Math.random() * 1_000_000),
    status: "ACCEPTED",
    responses: { name: { label: "your_name", value: input.attendee.name }, email: { label: "email_address", value: input.attendee.email } },
    metadata: input.metadata ?? {},
    ...(input.rescheduleUid ? { rescheduleUid: input.rescheduleUid } : {}),
    ...(input.cancellationReason ? { cancellationReason: input.cancellationReason } : {}),
  };
}

export function calcomDelivery(input: { secret: string | null; triggerEvent: string; payload: Record<string, unknown>; createdAt?: string }): {
  body: string;
  headers: Record<string, string>;
} {
  const body = JSON.stringify({ triggerEvent: input.triggerEvent, createdAt: input.createdAt ?? new Date().toISOString(), payload: input.payload });
  const signature = createHmac("sha256", input.secret ?? "no-secret-provided")
    .update(body)
    .digest("hex");
  return { body, headers: { "content-type": "application/json", "x-cal-signature-256": signature, "x-cal-webhook-version": "2021-10-20" } };
}

export async function postCalcom(
  url: string,
  delivery: { body: string; headers: Record<string, string> },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { method: "POST", headers: delivery.headers, body: delivery.body, signal: AbortSignal.timeout(15_000) });
  return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown> };
}
