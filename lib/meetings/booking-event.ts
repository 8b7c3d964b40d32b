import { z } from "zod";
import { parseBookingReference } from "@/lib/meetings/booking-link";

// A provider's webhook body, read into what Baton records about a booking. Cal.com (INTEGRATIONS.md
// section 2) sends {triggerEvent, createdAt, payload: booking}; Calendly (section 3) sends
// {event, created_at, payload: invitee}. Fields Baton does not use are ignored; a body that lacks
// what an event needs is refused, naming the field.

export const meetingProviders = ["calcom", "calendly"] as const;
export type MeetingProvider = (typeof meetingProviders)[number];

export type BookingChange = "booked" | "rescheduled" | "cancelled" | "held" | "no_show";

export type BookingDetails = {
  startsAt: Date | null;
  endsAt: Date | null;
  title: string | null;
  timeZone: string | null;
  invitee: { name: string | null; email: string | null };
  organizer: { name: string | null; email: string | null };
  /** The package id from the prefilled link's reference, when the booking carries one. */
  handoffId: string | null;
  cancellationReason: string | null;
};

export type BookingEvent = {
  provider: MeetingProvider;
  bookingId: string;
  change: BookingChange;
  /** The provider's time for the event: a later one wins, whatever order deliveries arrive in. */
  at: Date;
  /** The booking this one replaces (a reschedule). */
  previousBookingId: string | null;
  details: BookingDetails | null;
};

export type ParsedDelivery = { ok: true; event: string; bookings: BookingEvent[] } | { ok: false; problem: string };

const text = (max: number) =>
  z
    .string()
    .max(max)
    .nullish()
    .transform((v) => (v?.trim() ? v.trim() : null));
const email = z
  .string()
  .max(320)
  .nullish()
  .transform((v) => (v && z.email().safeParse(v.trim()).success ? v.trim().toLowerCase() : null));
const time = z.iso.datetime({ offset: true, error: "must be an ISO 8601 time" });
const person = z
  .object({ name: text(200), email })
  .partial()
  .nullish();

const calBooking = z.object({
  uid: z.string({ error: "is required" }).min(1, "is required").max(200),
  title: text(300),
  startTime: time.nullish(),
  endTime: time.nullish(),
  organizer: person.and(z.object({ timeZone: text(80) }).partial()).nullish(),
  attendees: z
    .array(person.and(z.object({ timeZone: text(80) }).partial()))
    .max(200)
    .nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  rescheduleUid: text(200),
  cancellationReason: text(2000),
});
const calNoShow = z.object({
  bookingUid: z.string({ error: "is required" }).min(1, "is required").max(200),
  attendees: z
    .array(z.object({ email, noShow: z.boolean().nullish() }))
    .max(200)
    .nullish(),
});
const calEnvelope = z.object({
  triggerEvent: z.string({ error: "is required" }).max(80),
  createdAt: time,
  payload: z.record(z.string(), z.unknown(), { error: "must be an object" }),
});

/** The Cal.com triggers Baton acts on; any other (PING, MEETING_STARTED…) is accepted and ignored. */
export const calcomTriggers = ["BOOKING_CREATED", "BOOKING_RESCHEDULED", "BOOKING_CANCELLED", "MEETING_ENDED", "BOOKING_NO_SHOW_UPDATED"] as const;

export function parseCalcomDelivery(body: unknown): ParsedDelivery {
  const envelope = calEnvelope.safeParse(body);
  if (!envelope.success) return refuse(envelope.error);
  const { triggerEvent, createdAt, payload } = envelope.data;
  const at = new Date(createdAt);
  if (!(calcomTriggers as readonly string[]).includes(triggerEvent)) return { ok: true, event: triggerEvent, bookings: [] };
  if (triggerEvent === "BOOKING_NO_SHOW_UPDATED") {
    const noShow = calNoShow.safeParse(payload);
    if (!noShow.success) return refuse(noShow.error, "payload");
    const anyNoShow = (noShow.data.attendees ?? []).some((a) => a.noShow);
    return {
      ok: true,
      event: triggerEvent,
      bookings: [{ provider: "calcom", bookingId: noShow.data.bookingUid, change: anyNoShow ? "no_show" : "held", at, previousBookingId: null, details: null }],
    };
  }
  const booking = calBooking.safeParse(payload);
  if (!booking.success) return refuse(booking.error, "payload");
  const b = booking.data;
  const attendee = b.attendees?.[0] ?? null;
  const details: BookingDetails = {
    startsAt: b.startTime ? new Date(b.startTime) : null,
    endsAt: b.endTime ? new Date(b.endTime) : null,
    title: b.title,
    timeZone: b.organizer?.timeZone ?? attendee?.timeZone ?? null,
    invitee: { name: attendee?.name ?? null, email: attendee?.email ?? null },
    organizer: { name: b.organizer?.name ?? null, email: b.organizer?.email ?? null },
    handoffId: parseBookingReference(b.metadata?.baton),
    cancellationReason: b.cancellationReason,
  };
  const change: BookingChange = triggerEvent === "BOOKING_CANCELLED" ? "cancelled" : triggerEvent === "MEETING_ENDED" ? "held" : "booked";
  const previous = triggerEvent === "BOOKING_RESCHEDULED" && b.rescheduleUid && b.rescheduleUid !== b.uid ? b.rescheduleUid : null;
  const bookings: BookingEvent[] = [{ provider: "calcom", bookingId: b.uid, change, at, previousBookingId: previous, details }];
  // A reschedule is a new booking; the one it replaces is over (recorded even if its own create comes later).
  if (previous) bookings.unshift({ provider: "calcom", bookingId: previous, change: "rescheduled", at, previousBookingId: null, details: null });
  return { ok: true, event: triggerEvent, bookings };
}

const calendlyInvitee = z.object({
  uri: z.string({ error: "is required" }).min(1, "is required").max(500),
  email,
  name: text(200),
  timezone: text(80),
  rescheduled: z.boolean().nullish(),
  old_invitee: text(500),
  tracking: z
    .object({ utm_content: z.string().max(200).nullish() })
    .partial()
    .nullish(),
  cancellation: z
    .object({ reason: text(2000) })
    .partial()
    .nullish(),
  scheduled_event: z
    .object({
      name: text(300),
      start_time: time.nullish(),
      end_time: time.nullish(),
      event_memberships: z
        .array(z.object({ user_name: text(200), user_email: email }).partial())
        .max(50)
        .nullish(),
    })
    .partial()
    .nullish(),
});
const calendlyNoShow = z.object({ invitee: z.string({ error: "is required" }).min(1, "is required").max(500) });
const calendlyEnvelope = z.object({
  event: z.string({ error: "is required" }).max(80),
  created_at: time,
  payload: z.record(z.string(), z.unknown(), { error: "must be an object" }),
});

export const calendlyEvents = ["invitee.created", "invitee.canceled", "invitee_no_show.created"] as const;

export function parseCalendlyDelivery(body: unknown): ParsedDelivery {
  const envelope = calendlyEnvelope.safeParse(body);
  if (!envelope.success) return refuse(envelope.error);
  const { event, created_at, payload } = envelope.data;
  const at = new Date(created_at);
  if (!(calendlyEvents as readonly string[]).includes(event)) return { ok: true, event, bookings: [] };
  if (event === "invitee_no_show.created") {
    const noShow = calendlyNoShow.safeParse(payload);
    if (!noShow.success) return refuse(noShow.error, "payload");
    return {
      ok: true,
      event,
      bookings: [{ provider: "calendly", bookingId: noShow.data.invitee, change: "no_show", at, previousBookingId: null, details: null }],
    };
  }
  const invitee = calendlyInvitee.safeParse(payload);
  if (!invitee.success) return refuse(invitee.error, "payload");
  const i = invitee.data;
  const host = i.scheduled_event?.event_memberships?.[0] ?? null;
  const details: BookingDetails = {
    startsAt: i.scheduled_event?.start_time ? new Date(i.scheduled_event.start_time) : null,
    endsAt: i.scheduled_event?.end_time ? new Date(i.scheduled_event.end_time) : null,
    title: i.scheduled_event?.name ?? null,
    timeZone: i.timezone,
    invitee: { name: i.name, email: i.email },
    organizer: { name: host?.user_name ?? null, email: host?.user_email ?? null },
    handoffId: parseBookingReference(i.tracking?.utm_content),
    cancellationReason: i.cancellation?.reason ?? null,
  };
  if (event === "invitee.canceled") {
    // Calendly reschedules by cancelling the old invitee (rescheduled: true) and creating a new one.
    return {
      ok: true,
      event,
      bookings: [{ provider: "calendly", bookingId: i.uri, change: i.rescheduled ? "rescheduled" : "cancelled", at, previousBookingId: null, details }],
    };
  }
  const bookings: BookingEvent[] = [{ provider: "calendly", bookingId: i.uri, change: "booked", at, previousBookingId: i.old_invitee, details }];
  if (i.old_invitee) bookings.unshift({ provider: "calendly", bookingId: i.old_invitee, change: "rescheduled", at, previousBookingId: null, details: null });
  return { ok: true, event, bookings };
}

function refuse(error: z.ZodError, prefix?: string): ParsedDelivery {
  const issue = error.issues[0];
  const path = [prefix, ...(issue?.path ?? [])].filter((p) => p !== undefined && p !== "").join(".");
  return { ok: false, problem: `${path || "body"}: ${issue?.message ?? "is not valid"}` };
}
