import { describe, expect, it } from "vitest";
import { calcomBooking } from "@/test/stand-ins/calcom";
import { calendlyInvitee } from "@/test/stand-ins/calendly";
import { parseCalcomDelivery, parseCalendlyDelivery } from "./booking-event";

const id = "3f2b9c1e-7a4d-4e1f-9b2a-5c6d7e8f9a0b";
const host = { name: "Dana Reyes", email: "dana@baton.test" };
const start = "2026-12-04T09:00:00.000Z";

describe("booking deliveries read into bookings", () => {
  it("reads a Cal.com booking: time, people and the Baton reference from metadata", () => {
    const parsed = parseCalcomDelivery({
      triggerEvent: "BOOKING_CREATED",
      createdAt: "2026-12-01T10:00:00.000Z",
      payload: calcomBooking({
        uid: "u1",
        startTime: start,
        organizer: host,
        attendee: { name: "Ana", email: "Ana@Acme.io" },
        metadata: { baton: `bt_${id}` },
      }),
    });
    expect(parsed).toMatchObject({
      ok: true,
      bookings: [
        {
          provider: "calcom",
          bookingId: "u1",
          change: "booked",
          details: { handoffId: id, invitee: { email: "ana@acme.io" }, organizer: { name: "Dana Reyes" }, startsAt: new Date(start) },
        },
      ],
    });
  });

  it("reads a Cal.com reschedule as the old booking moved and a new one booked", () => {
    const parsed = parseCalcomDelivery({
      triggerEvent: "BOOKING_RESCHEDULED",
      createdAt: "2026-12-01T10:00:00.000Z",
      payload: calcomBooking({ uid: "u2", rescheduleUid: "u1", startTime: start, organizer: host, attendee: { name: "Ana", email: "ana@acme.io" } }),
    });
    expect(parsed.ok && parsed.bookings.map((b) => [b.bookingId, b.change, b.previousBookingId])).toEqual([
      ["u1", "rescheduled", null],
      ["u2", "booked", "u1"],
    ]);
  });

  it("reads a Calendly reschedule (cancel with rescheduled, then created with old_invitee) and a no-show", () => {
    const canceled = parseCalendlyDelivery({
      event: "invitee.canceled",
      created_at: start,
      payload: calendlyInvitee({ uri: "inv-1", name: "Ana", email: "ana@acme.io", startTime: start, host, rescheduled: true }),
    });
    expect(canceled.ok && canceled.bookings.map((b) => b.change)).toEqual(["rescheduled"]);
    const created = parseCalendlyDelivery({
      event: "invitee.created",
      created_at: start,
      payload: calendlyInvitee({ uri: "inv-2", name: "Ana", email: "ana@acme.io", startTime: start, host, oldInvitee: "inv-1", utmContent: `bt_${id}` }),
    });
    expect(created.ok && created.bookings.map((b) => [b.bookingId, b.change, b.details?.handoffId ?? null])).toEqual([
      ["inv-1", "rescheduled", null],
      ["inv-2", "booked", id],
    ]);
    const noShow = parseCalendlyDelivery({ event: "invitee_no_show.created", created_at: start, payload: { uri: "ns-1", invitee: "inv-2" } });
    expect(noShow).toMatchObject({ ok: true, bookings: [{ bookingId: "inv-2", change: "no_show" }] });
  });

  it("ignores events Baton does not act on, and names the field of a body it cannot read", () => {
    expect(parseCalcomDelivery({ triggerEvent: "PING", createdAt: start, payload: {} })).toEqual({ ok: true, event: "PING", bookings: [] });
    expect(parseCalcomDelivery({ triggerEvent: "BOOKING_CREATED", createdAt: "yesterday", payload: {} })).toEqual({
      ok: false,
      problem: "createdAt: must be an ISO 8601 time",
    });
    expect(parseCalendlyDelivery({ event: "invitee.created", created_at: start, payload: { email: "a@b.io" } })).toEqual({
      ok: false,
      problem: "payload.uri: is required",
    });
    expect(parseCalendlyDelivery([])).toMatchObject({ ok: false });
  });
});
