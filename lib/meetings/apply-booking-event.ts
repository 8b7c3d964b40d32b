import type { BookingChange, BookingEvent } from "@/lib/meetings/booking-event";

// One booking's state from its events, in whatever order they arrive: the status is the one of the
// latest event by the provider's time (ties: the more final status), and the details are the
// latest known. So a cancel delivered before its create ends cancelled, and a duplicate changes nothing.

export type MeetingStatus = "booked" | "rescheduled" | "cancelled" | "held" | "no_show";

const statusOf: Record<BookingChange, MeetingStatus> = {
  booked: "booked",
  rescheduled: "rescheduled",
  cancelled: "cancelled",
  held: "held",
  no_show: "no_show",
};
/** At the same instant, the more final word wins: a meeting cancelled as it was booked is cancelled. */
export const statusRank: Record<MeetingStatus, number> = { booked: 1, held: 2, no_show: 3, cancelled: 4, rescheduled: 4 };

export type MeetingState = {
  status: MeetingStatus;
  statusAt: Date;
  statusRank: number;
  startsAt: Date | null;
  endsAt: Date | null;
  timeZone: string | null;
  title: string | null;
  inviteeName: string | null;
  inviteeEmail: string | null;
  organizerName: string | null;
  organizerEmail: string | null;
  handoffRef: string | null;
  previousBookingId: string | null;
  bookedAt: Date | null;
  cancelledAt: Date | null;
  cancellationReason: string | null;
  heldAt: Date | null;
  noShowAt: Date | null;
  /** When the details were last taken from an event (the newest event with details wins). */
  detailsAt: Date | null;
};

export type AppliedBooking = { state: MeetingState; statusChanged: boolean; timeChanged: boolean; changed: boolean };

export function applyBookingEvent(current: MeetingState | null, event: BookingEvent): AppliedBooking {
  const status = statusOf[event.change];
  const rank = statusRank[status];
  const base: MeetingState = current ?? {
    status,
    statusAt: event.at,
    statusRank: rank,
    startsAt: null,
    endsAt: null,
    timeZone: null,
    title: null,
    inviteeName: null,
    inviteeEmail: null,
    organizerName: null,
    organizerEmail: null,
    handoffRef: null,
    previousBookingId: null,
    bookedAt: null,
    cancelledAt: null,
    cancellationReason: null,
    heldAt: null,
    noShowAt: null,
    detailsAt: null,
  };
  const next: MeetingState = { ...base };
  const newer = !current || event.at.getTime() > current.statusAt.getTime() || (event.at.getTime() === current.statusAt.getTime() && rank > current.statusRank);
  if (newer) {
    next.status = status;
    next.statusAt = event.at;
    next.statusRank = rank;
  }
  if (event.change === "booked") next.bookedAt = earliest(next.bookedAt, event.at);
  if (event.change === "cancelled") next.cancelledAt = earliest(next.cancelledAt, event.at);
  if (event.change === "held") next.heldAt = earliest(next.heldAt, event.at);
  if (event.change === "no_show") next.noShowAt = earliest(next.noShowAt, event.at);
  if (event.previousBookingId) next.previousBookingId = event.previousBookingId;

  const d = event.details;
  if (d) {
    const fresher = !next.detailsAt || event.at.getTime() >= next.detailsAt.getTime();
    const take = <T>(mine: T | null, theirs: T | null): T | null => (fresher ? (theirs ?? mine) : (mine ?? theirs));
    next.startsAt = take(next.startsAt, d.startsAt);
    next.endsAt = take(next.endsAt, d.endsAt);
    next.timeZone = take(next.timeZone, d.timeZone);
    next.title = take(next.title, d.title);
    next.inviteeName = take(next.inviteeName, d.invitee.name);
    next.inviteeEmail = take(next.inviteeEmail, d.invitee.email);
    next.organizerName = take(next.organizerName, d.organizer.name);
    next.organizerEmail = take(next.organizerEmail, d.organizer.email);
    next.handoffRef = take(next.handoffRef, d.handoffId);
    if (event.change === "cancelled") next.cancellationReason = take(next.cancellationReason, d.cancellationReason);
    if (fresher) next.detailsAt = event.at;
  }
  const statusChanged = !current || current.status !== next.status;
  const timeChanged = Boolean(current) && (current!.startsAt?.getTime() ?? null) !== (next.startsAt?.getTime() ?? null);
  const changed = !current || JSON.stringify(current) !== JSON.stringify(next);
  return { state: next, statusChanged, timeChanged, changed };
}

function earliest(a: Date | null, b: Date): Date {
  return a && a.getTime() <= b.getTime() ? a : b;
}

/** "Thu 4 Dec 10:00" in the meeting's time zone (UTC when it has none or an unknown one). */
export function meetingTimeLabel(startsAt: Date, timeZone: string | null): string {
  const zone = validZone(timeZone) ?? "UTC";
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(startsAt);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("weekday")} ${get("day")} ${get("month")} ${get("hour")}:${get("minute")}${zone === "UTC" ? " UTC" : ""}`;
}

function validZone(zone: string | null): string | null {
  if (!zone) return null;
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: zone });
    return zone;
  } catch {
    return null;
  }
}

/** The timeline's words for a booking's change. */
export function meetingEventText(input: {
  kind: "booked" | "rescheduled_to" | "cancelled" | "held" | "no_show";
  startsAt: Date | null;
  timeZone: string | null;
  organizerName: string | null;
  reason?: string | null;
}): string {
  const when = input.startsAt ? ` for ${meetingTimeLabel(input.startsAt, input.timeZone)}` : "";
  const who = input.organizerName ? ` with ${input.organizerName}` : "";
  switch (input.kind) {
    case "booked":
      return `Meeting booked${when}${who}`;
    case "rescheduled_to":
      return `Meeting rescheduled${input.startsAt ? ` to ${meetingTimeLabel(input.startsAt, input.timeZone)}` : ""}${who}`;
    case "cancelled":
      return `Meeting${when}${who} cancelled${input.reason ? `: ${input.reason}` : ""}`;
    case "held":
      return `Meeting${when}${who} held`;
    case "no_show":
      return `The lead did not show up to the meeting${when}${who}`;
  }
}
