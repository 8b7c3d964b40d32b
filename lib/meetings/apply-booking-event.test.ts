import { describe, expect, it } from "vitest";
import { applyBookingEvent, meetingEventText, type MeetingState } from "./apply-booking-event";
import type { BookingEvent } from "./booking-event";

const details = {
  startsAt: new Date("2026-12-04T09:00:00Z"),
  endsAt: null,
  title: null,
  timeZone: "Europe/Madrid",
  invitee: { name: "Ana", email: "ana@acme.io" },
  organizer: { name: "Dana Reyes", email: null },
  handoffId: null,
  cancellationReason: null,
};
const ev = (change: BookingEvent["change"], at: string, extra: Partial<BookingEvent> = {}): BookingEvent => ({
  provider: "calcom",
  bookingId: "b1",
  change,
  at: new Date(at),
  previousBookingId: null,
  details,
  ...extra,
});

function run(events: BookingEvent[]): MeetingState {
  let state: MeetingState | null = null;
  for (const e of events) state = applyBookingEvent(state, e).state;
  return state!;
}

describe("a booking's state from its events", () => {
  it("ends in the same state whatever order the deliveries arrive in", () => {
    const created = ev("booked", "2026-12-01T10:00:00Z");
    const cancelled = ev("cancelled", "2026-12-02T10:00:00Z");
    const inOrder = run([created, cancelled]);
    const reversed = run([cancelled, created]);
    expect(inOrder.status).toBe("cancelled");
    expect(reversed).toEqual(inOrder);
    expect(reversed.bookedAt).toEqual(new Date("2026-12-01T10:00:00Z"));
  });

  it("changes nothing on a duplicate", () => {
    const first = applyBookingEvent(null, ev("booked", "2026-12-01T10:00:00Z"));
    const again = applyBookingEvent(first.state, ev("booked", "2026-12-01T10:00:00Z"));
    expect(again.changed).toBe(false);
    expect(again.statusChanged).toBe(false);
  });

  it("keeps the newest details, and the more final status at the same instant", () => {
    const later = { ...details, startsAt: new Date("2026-12-05T09:00:00Z") };
    const s = run([ev("booked", "2026-12-02T10:00:00Z", { details: later }), ev("booked", "2026-12-01T10:00:00Z")]);
    expect(s.startsAt).toEqual(later.startsAt);
    expect(run([ev("cancelled", "2026-12-01T10:00:00Z"), ev("booked", "2026-12-01T10:00:00Z")]).status).toBe("cancelled");
    expect(run([ev("booked", "2026-12-01T10:00:00Z"), ev("no_show", "2026-12-04T10:00:00Z", { details: null })]).status).toBe("no_show");
  });

  it("says what happened in the meeting's time zone", () => {
    expect(meetingEventText({ kind: "booked", startsAt: new Date("2026-12-04T09:00:00Z"), timeZone: "Europe/Madrid", organizerName: "Dana Reyes" })).toBe(
      "Meeting booked for Fri 4 Dec 10:00 with Dana Reyes",
    );
    expect(meetingEventText({ kind: "booked", startsAt: new Date("2026-12-04T09:00:00Z"), timeZone: "Not/AZone", organizerName: null })).toBe(
      "Meeting booked for Fri 4 Dec 09:00 UTC",
    );
  });
});
