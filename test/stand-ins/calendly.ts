import { createHmac } from "node:crypto";

// Calendly v2 as a webhook sender (INTEGRATIONS.md section 3; developer.calendly.com webhook
// signatures): POST application/json {"event","created_at","created_by","payload":{invitee}} with
// Calendly-Webhook-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(signing key, "<t>." + raw body)>.
// Written out here, not imported from lib/meetings, so the stand-in checks Baton.

export function calendlyInvitee(input: {
  uri: string;
  name: string;
  email: string;
  startTime: string;
  endTime?: string;
  host: { name: string; email: string };
  utmContent?: string;
  rescheduled?: boolean;
  oldInvitee?: string;
  cancelReason?: string;
  timezone?: string;
}): Record<string, unknown> {
  const end = input.endTime ?? new Date(new Date(input.startTime).getTime() + 30 * 60_000).toISOString();
  const [first, ...rest] = input.name.split(" ");
  return {
    uri: input.uri,
    email: input.email,
    name: input.name,
    first_name: first,
    last_name: rest.join(" ") || null,
    status: input.cancelReason || input.rescheduled ? "canceled" : "active",
    timezone: input.timezone ?? "Europe/London",
    rescheduled: input.rescheduled ?? false,
    old_invitee: input.oldInvitee ?? null,
    new_invitee: null,
    questions_and_answers: [],
    tracking: { utm_campaign: null, utm_source: null, utm_medium: null, utm_content: input.utmContent ?? null, utm_term: null, salesforce_uuid: null },
    scheduled_event: {
      uri: `https://api.calendly.com/scheduled_events/${input.uri.split("/").at(-3) ?? "EV"}`,
      name: "Diagnosis call",
      start_time: input.startTime,
      end_time: end,
      event_type: "https://api.calendly.com/event_types/DIAGNOSIS",
      event_memberships: [{ user: "https://api.calendly.com/users/HOST", user_email: input.host.email, user_name: input.host.name }],
    },
    cancel_url: "https://calendly.com/cancellations/X",
    reschedule_url: "https://calendly.com/reschedulings/X",
    ...(input.cancelReason ? { cancellation: { canceled_by: input.name, reason: input.cancelReason, canceler_type: "invitee" } } : {}),
  };
}

export function calendlyDelivery(input: { signingKey: string; event: string; payload: Record<string, unknown>; createdAt?: string; timestamp?: number }): {
  body: string;
  headers: Record<string, string>;
} {
  const body = JSON.stringify({
    event: input.event,
    created_at: input.createdAt ?? new Date().toISOString(),
    created_by: "https://api.calendly.com/users/HOST",
    payload: input.payload,
  });
  const t = input.timestamp ?? Math.floor(Date.now() / 1000);
  const v1 = createHmac("sha256", input.signingKey).update(`${t}.${body}`).digest("hex");
  return { body, headers: { "content-type": "application/json", "calendly-webhook-signature": `t=${t},v1=${v1}` } };
}

export async function postCalendly(
  url: string,
  delivery: { body: string; headers: Record<string, string> },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { method: "POST", headers: delivery.headers, body: delivery.body, signal: AbortSignal.timeout(15_000) });
  return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown> };
}
