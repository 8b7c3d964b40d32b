import { and, asc, desc, eq, inArray, isNull, sql as dsql } from "drizzle-orm";
import { db, type Transaction } from "@/db";
import { recordAdminChange } from "@/db/queries/audit";
import { insertHandoffEvent } from "@/db/queries/handoffs";
import { packagesWithMeeting } from "@/db/queries/metrics";
import { enqueue } from "@/db/queries/outbox";
import { bookingDeliveries, bookingLinks, handoffEvents, handoffs, meetings, meetingSettings, teams, users, type MeetingRow } from "@/db/schema";
import { applyBookingEvent, meetingEventText, type MeetingState, type MeetingStatus } from "@/lib/meetings/apply-booking-event";
import type { BookingEvent, MeetingProvider } from "@/lib/meetings/booking-event";
import { systemTransitions } from "@/lib/handoffs/state-machine";
import type { Actor } from "@/lib/auth/guard";

// Booking links (per person, per team, the default), and meetings as the providers' webhooks report them.

export async function getMeetingSettings(executor: Transaction | typeof db = db) {
  const [row] = await executor.select().from(meetingSettings).where(eq(meetingSettings.singleton, true));
  return { defaultBookingUrl: row?.defaultBookingUrl ?? null, emailNeedsApproval: row?.emailNeedsApproval ?? false };
}

export async function saveMeetingSettings({
  actor,
  defaultBookingUrl,
  emailNeedsApproval,
}: {
  actor: Actor;
  defaultBookingUrl: string | null;
  emailNeedsApproval: boolean;
}) {
  await db.transaction(async (tx) => {
    const before = await getMeetingSettings(tx);
    const values = { defaultBookingUrl, emailNeedsApproval, updatedById: actor.id, updatedAt: new Date() };
    await tx
      .insert(meetingSettings)
      .values({ singleton: true, ...values })
      .onConflictDoUpdate({ target: meetingSettings.singleton, set: values });
    await recordAdminChange(tx, {
      actor,
      action: "meetings.update_settings",
      entityType: "meeting_settings",
      before,
      after: { defaultBookingUrl, emailNeedsApproval },
    });
  });
}

export async function getUserBookingLink({ userId }: { userId: string }): Promise<string | null> {
  const [row] = await db.select({ url: bookingLinks.url }).from(bookingLinks).where(eq(bookingLinks.userId, userId));
  return row?.url ?? null;
}

/** A person's own link (null removes it). */
export async function saveUserBookingLink({ userId, url }: { userId: string; url: string | null }) {
  if (!url) {
    await db.delete(bookingLinks).where(eq(bookingLinks.userId, userId));
    return;
  }
  await db
    .insert(bookingLinks)
    .values({ userId, url, updatedById: userId })
    .onConflictDoUpdate({
      target: bookingLinks.userId,
      targetWhere: dsql`${bookingLinks.userId} is not null`,
      set: { url, updatedById: userId, updatedAt: new Date() },
    });
}

export async function listTeamBookingLinks() {
  return db
    .select({ teamId: teams.id, teamName: teams.name, url: bookingLinks.url })
    .from(teams)
    .leftJoin(bookingLinks, eq(bookingLinks.teamId, teams.id))
    .orderBy(asc(teams.name));
}

/** A team's round-robin link (null removes it); null when the team does not exist. */
export async function saveTeamBookingLink({ actor, teamId, url }: { actor: Actor; teamId: string; url: string | null }) {
  return db.transaction(async (tx) => {
    const [team] = await tx.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.id, teamId));
    if (!team) return null;
    const [before] = await tx.select({ url: bookingLinks.url }).from(bookingLinks).where(eq(bookingLinks.teamId, teamId));
    if (url) {
      await tx
        .insert(bookingLinks)
        .values({ teamId, url, updatedById: actor.id })
        .onConflictDoUpdate({
          target: bookingLinks.teamId,
          targetWhere: dsql`${bookingLinks.teamId} is not null`,
          set: { url, updatedById: actor.id, updatedAt: new Date() },
        });
    } else {
      await tx.delete(bookingLinks).where(eq(bookingLinks.teamId, teamId));
    }
    await recordAdminChange(tx, {
      actor,
      action: "meetings.update_team_link",
      entityType: "team",
      entityId: team.id,
      before: { url: before?.url ?? null },
      after: { url },
    });
    return team;
  });
}

/** What an `act` needs to send a package's booking link: the lead, and the owner's, team's and default links. */
export async function bookingContextForHandoff({ handoffId }: { handoffId: string }) {
  const ownerLink = dsql<string | null>`(select url from ${bookingLinks} where user_id = ${handoffs.ownerId})`;
  const teamLink = dsql<string | null>`(select url from ${bookingLinks} where team_id = ${handoffs.teamId})`;
  const [row] = await db
    .select({
      id: handoffs.id,
      channel: handoffs.channel,
      status: handoffs.status,
      decision: handoffs.decision,
      leadName: handoffs.leadName,
      leadEmail: handoffs.leadEmail,
      ownerId: handoffs.ownerId,
      ownerName: users.name,
      ownerEmail: users.email,
      ownerLink,
      teamLink,
    })
    .from(handoffs)
    .leftJoin(users, eq(users.id, handoffs.ownerId))
    .where(eq(handoffs.id, handoffId));
  if (!row) return null;
  const settings = await getMeetingSettings();
  return { ...row, defaultLink: settings.defaultBookingUrl, emailNeedsApproval: settings.emailNeedsApproval };
}

export async function hasHandoffEvent({ handoffId, types }: { handoffId: string; types: string[] }) {
  const [row] = await db
    .select({ id: handoffEvents.id })
    .from(handoffEvents)
    .where(and(eq(handoffEvents.handoffId, handoffId), inArray(handoffEvents.type, types)))
    .limit(1);
  return Boolean(row);
}

/**
 * Runs `work` for a package's booking-link email once: under the package's row lock, only when no
 * earlier run recorded one of `doneTypes` on its timeline. Returns false when it had already run.
 */
export async function onceForHandoff(input: { handoffId: string; doneTypes: string[] }, work: (tx: Transaction) => Promise<void>): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.select({ id: handoffs.id }).from(handoffs).where(eq(handoffs.id, input.handoffId)).for("update");
    const [done] = await tx
      .select({ id: handoffEvents.id })
      .from(handoffEvents)
      .where(and(eq(handoffEvents.handoffId, input.handoffId), inArray(handoffEvents.type, input.doneTypes)))
      .limit(1);
    if (done) return false;
    await work(tx);
    return true;
  });
}

export async function addBookingLinkEvent(tx: Transaction, handoffId: string, type: string, data: Record<string, unknown>) {
  await insertHandoffEvent(tx, handoffId, { type, actorKind: "agent", data });
}

export type DeliveryOutcome =
  { duplicate: true } | { duplicate: false; meetings: { bookingId: string; status: MeetingStatus; handoffId: string | null; changed: boolean }[] };

/**
 * Records one verified delivery: claimed by its hash first (a replay or a retry waits for the first
 * one's commit, then finds the claim and changes nothing), then each booking it reports is applied
 * under its row lock, matched to a package, and its effects queued in the same transaction.
 */
export async function recordBookingDelivery(input: {
  provider: MeetingProvider;
  deliveryHash: string;
  event: string;
  bookings: BookingEvent[];
}): Promise<DeliveryOutcome> {
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(bookingDeliveries)
      .values({ provider: input.provider, deliveryHash: input.deliveryHash, event: input.event, bookingId: input.bookings.at(-1)?.bookingId ?? null })
      .onConflictDoNothing()
      .returning({ hash: bookingDeliveries.deliveryHash });
    if (claimed.length === 0) return { duplicate: true };
    const results = [];
    for (const booking of input.bookings) results.push(await applyBooking(tx, booking));
    return { duplicate: false, meetings: results };
  });
}

async function applyBooking(tx: Transaction, event: BookingEvent) {
  const existing = await lockMeeting(tx, event.provider, event.bookingId);
  const applied = applyBookingEvent(existing ? stateOf(existing) : null, event);
  const state = applied.state;
  let handoffId = existing?.handoffId ?? null;
  let matchedBy = existing?.matchedBy ?? null;
  if (!handoffId) {
    const match = await matchHandoff(tx, event.provider, state);
    handoffId = match?.handoffId ?? null;
    matchedBy = match?.by ?? null;
  }
  const values = { ...rowOf(state), handoffId, matchedBy, updatedAt: new Date() };
  const [row] = existing
    ? await tx.update(meetings).set(values).where(eq(meetings.id, existing.id)).returning()
    : await tx
        .insert(meetings)
        .values({ provider: event.provider, bookingId: event.bookingId, ...values })
        .returning();
  if (!row) throw new Error(`The meeting ${event.provider}:${event.bookingId} was not written.`);
  if (row.handoffId) await announce(tx, row, existing);
  // The booking this one replaces belongs to the same package, even when only its cancel has arrived so far.
  if (row!.handoffId && row!.previousBookingId) {
    await tx
      .update(meetings)
      .set({ handoffId: row!.handoffId, matchedBy: "reschedule", updatedAt: new Date() })
      .where(and(eq(meetings.provider, row!.provider), eq(meetings.bookingId, row!.previousBookingId), isNull(meetings.handoffId)));
  }
  return { bookingId: row!.bookingId, status: row!.status as MeetingStatus, handoffId: row!.handoffId, changed: applied.changed };
}

/** The booking's row, locked (null when new: the caller inserts it under the same lock). */
async function lockMeeting(tx: Transaction, provider: string, bookingId: string): Promise<MeetingRow | null> {
  // Two different first deliveries of one booking (its create and its cancel at once) wait here for each other, not on the insert.
  await tx.execute(dsql`select pg_advisory_xact_lock(hashtextextended(${`meeting:${provider}:${bookingId}`}, 0))`);
  const [row] = await tx
    .select()
    .from(meetings)
    .where(and(eq(meetings.provider, provider), eq(meetings.bookingId, bookingId)))
    .for("update");
  return row ?? null;
}

/**
 * The package a booking belongs to: the one its reference names; else the package of the booking it
 * replaces; else the newest open package of a lead with the invitee's email.
 */
async function matchHandoff(tx: Transaction, provider: string, state: MeetingState): Promise<{ handoffId: string; by: string } | null> {
  if (state.handoffRef) {
    const [row] = await tx.select({ id: handoffs.id }).from(handoffs).where(eq(handoffs.id, state.handoffRef));
    if (row) return { handoffId: row.id, by: "reference" };
  }
  if (state.previousBookingId) {
    const [row] = await tx
      .select({ handoffId: meetings.handoffId })
      .from(meetings)
      .where(and(eq(meetings.provider, provider), eq(meetings.bookingId, state.previousBookingId)));
    if (row?.handoffId) return { handoffId: row.handoffId, by: "reschedule" };
  }
  if (state.inviteeEmail) {
    const [row] = await tx
      .select({ id: handoffs.id })
      .from(handoffs)
      .where(and(dsql`lower(${handoffs.leadEmail}) = ${state.inviteeEmail.toLowerCase()}`, dsql`${handoffs.status} in ('pending', 'accepted', 'in_follow_up')`))
      .orderBy(desc(handoffs.createdAt), desc(handoffs.id))
      .limit(1);
    if (row) return { handoffId: row.id, by: "email" };
  }
  return null;
}

/**
 * A booking's effects on its package, once each: booked (or rescheduled to) → a timeline event, the
 * package to in follow-up when pending or accepted, the owner told, the CRM synced; a later
 * cancellation, no-show or held meeting → its timeline event and a CRM sync.
 */
async function announce(tx: Transaction, row: MeetingRow, before: MeetingRow | null) {
  const handoffId = row.handoffId!;
  const text = (kind: Parameters<typeof meetingEventText>[0]["kind"]) =>
    meetingEventText({ kind, startsAt: row.startsAt, timeZone: row.timeZone, organizerName: row.organizerName, reason: row.cancellationReason });
  const data = { meetingId: row.id, provider: row.provider, startsAt: row.startsAt?.toISOString() ?? null, organizerName: row.organizerName };
  const wasAnnounced = before?.announced && before.handoffId === handoffId;
  if (!wasAnnounced) {
    // Known only as cancelled or moved so far: nothing happened on the package yet.
    if (row.status === "rescheduled" || (row.status === "cancelled" && !row.bookedAt)) return;
    const kind = row.previousBookingId ? "rescheduled_to" : "booked";
    await insertHandoffEvent(tx, handoffId, {
      type: kind === "booked" ? "meeting_booked" : "meeting_rescheduled",
      actorKind: "system",
      data: { ...data, text: text(kind) },
    });
    if (row.status !== "booked")
      await insertHandoffEvent(tx, handoffId, {
        type: `meeting_${row.status}`,
        actorKind: "system",
        data: { ...data, text: text(row.status as "cancelled" | "held" | "no_show") },
      });
    await moveToFollowUp(tx, handoffId);
    await tx.update(meetings).set({ announced: true }).where(eq(meetings.id, row.id));
    const [owner] = await tx.select({ ownerId: handoffs.ownerId }).from(handoffs).where(eq(handoffs.id, handoffId));
    await enqueue(tx, "notify", {
      handoffId,
      event: "meeting",
      occurrence: `m-${row.id.slice(0, 8)}-${kind === "booked" ? "b" : "r"}`,
      ownerId: owner?.ownerId ?? null,
    });
    await enqueue(tx, "crmSync", { handoffId });
    return;
  }
  if (before.status === row.status) {
    if (before.startsAt?.getTime() !== row.startsAt?.getTime() && row.startsAt) {
      await insertHandoffEvent(tx, handoffId, { type: "meeting_rescheduled", actorKind: "system", data: { ...data, text: text("rescheduled_to") } });
      await enqueue(tx, "crmSync", { handoffId });
    }
    return;
  }
  if (row.status === "cancelled" || row.status === "held" || row.status === "no_show") {
    await insertHandoffEvent(tx, handoffId, { type: `meeting_${row.status}`, actorKind: "system", data: { ...data, text: text(row.status) } });
    await enqueue(tx, "crmSync", { handoffId });
  }
}

async function moveToFollowUp(tx: Transaction, handoffId: string) {
  const rule = systemTransitions.meeting_booked;
  const [current] = await tx.select({ status: handoffs.status }).from(handoffs).where(eq(handoffs.id, handoffId)).for("update");
  if (!current || !(rule.from as readonly string[]).includes(current.status)) return;
  await tx
    .update(handoffs)
    .set({ status: rule.to, updatedAt: dsql`now()`, version: dsql`${handoffs.version} + 1` })
    .where(eq(handoffs.id, handoffId));
  await insertHandoffEvent(tx, handoffId, {
    type: "status_changed",
    actorKind: "system",
    fromStatus: current.status,
    toStatus: rule.to,
    data: { why: "meeting_booked" },
  });
}

function stateOf(row: MeetingRow): MeetingState {
  return {
    status: row.status as MeetingStatus,
    statusAt: row.statusAt,
    statusRank: row.statusRank,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    timeZone: row.timeZone,
    title: row.title,
    inviteeName: row.inviteeName,
    inviteeEmail: row.inviteeEmail,
    organizerName: row.organizerName,
    organizerEmail: row.organizerEmail,
    handoffRef: row.reference,
    previousBookingId: row.previousBookingId,
    bookedAt: row.bookedAt,
    cancelledAt: row.cancelledAt,
    cancellationReason: row.cancellationReason,
    heldAt: row.heldAt,
    noShowAt: row.noShowAt,
    detailsAt: row.detailsAt,
  };
}

function rowOf(state: MeetingState) {
  const { handoffRef, ...rest } = state;
  return { ...rest, reference: handoffRef };
}

export async function listHandoffMeetings({ handoffId }: { handoffId: string }) {
  return db.select().from(meetings).where(eq(meetings.handoffId, handoffId)).orderBy(desc(meetings.createdAt));
}

export async function listUnmatchedMeetings({ limit = 100 }: { limit?: number } = {}) {
  // A booking known only as moved elsewhere is not one to attach: its successor carries the meeting.
  return db
    .select()
    .from(meetings)
    .where(and(isNull(meetings.handoffId), dsql`${meetings.status} <> 'rescheduled'`))
    .orderBy(desc(meetings.createdAt))
    .limit(limit);
}

/**
 * An admin attaches an unmatched booking to a package: its effects run as if it had matched. Null
 * when the booking or the package is gone, or the booking was attached meanwhile.
 */
export async function attachMeeting({ actor, meetingId, handoffId }: { actor: Actor; meetingId: string; handoffId: string }) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(meetings).where(eq(meetings.id, meetingId)).for("update");
    if (!row || row.handoffId) return null;
    const [handoff] = await tx.select({ id: handoffs.id }).from(handoffs).where(eq(handoffs.id, handoffId));
    if (!handoff) return null;
    const [updated] = await tx.update(meetings).set({ handoffId, matchedBy: "admin", updatedAt: new Date() }).where(eq(meetings.id, meetingId)).returning();
    await announce(tx, updated!, row);
    await recordAdminChange(tx, {
      actor,
      action: "meetings.attach_booking",
      entityType: "meeting",
      entityId: row.id,
      before: { handoffId: null },
      after: { handoffId },
    });
    return updated;
  });
}

export const meetingBreakdowns = ["owner", "rule", "channel", "campaign"] as const;
export type MeetingBreakdown = (typeof meetingBreakdowns)[number];

export type MeetingCounts = { booked: number; held: number; noShows: number; cancelled: number; medianSecondsToBooking: number | null };
export type MeetingBreakdownRow = MeetingCounts & { key: string | null; label: string };

const meetingDimensions: Record<MeetingBreakdown, { from: ReturnType<typeof dsql>; key: ReturnType<typeof dsql>; label: ReturnType<typeof dsql> }> = {
  owner: { from: dsql`left join users u on u.id = h.owner_id`, key: dsql`h.owner_id`, label: dsql`coalesce(u.name, u.email, 'Unassigned')` },
  // The rule that decided the package (its first fired rule, without the signal).
  rule: {
    from: dsql``,
    key: dsql`split_part(coalesce(h.fired_rules->>0, ''), ':', 1)`,
    label: dsql`coalesce(nullif(split_part(coalesce(h.fired_rules->>0, ''), ':', 1), ''), 'No rule')`,
  },
  channel: { from: dsql``, key: dsql`h.channel::text`, label: dsql`h.channel::text` },
  campaign: { from: dsql``, key: dsql`h.campaign`, label: dsql`coalesce(h.campaign, 'No campaign')` },
};

// Meetings booked in the range (by the provider's booking time), one per booking chain: a moved
// booking counts once, as its newest booking. Unmatched bookings have no package and are not counted.
const meetingCountColumns = dsql`
  count(*) filter (where m.status <> 'rescheduled')::int as booked,
  count(*) filter (where m.status = 'held')::int as held,
  count(*) filter (where m.status = 'no_show')::int as no_shows,
  count(*) filter (where m.status = 'cancelled')::int as cancelled,
  percentile_cont(0.5) within group (order by extract(epoch from m.booked_at - h.created_at)) filter (where m.status <> 'rescheduled' and m.previous_booking_id is null) as median_seconds`;

type MeetingCountRecord = { booked: number; held: number; no_shows: number; cancelled: number; median_seconds: number | string | null };

function meetingCounts(r: MeetingCountRecord | undefined): MeetingCounts {
  return {
    booked: r?.booked ?? 0,
    held: r?.held ?? 0,
    noShows: r?.no_shows ?? 0,
    cancelled: r?.cancelled ?? 0,
    medianSecondsToBooking: r?.median_seconds === null || r?.median_seconds === undefined ? null : Math.round(Number(r.median_seconds)),
  };
}

/** /metrics' meetings: booked, held, no-shows and cancelled from the booking webhooks, with the time from handoff to booking. */
export async function meetingMetrics(options: { range: { start: Date; end: Date }; by: MeetingBreakdown }) {
  const where = dsql`m.handoff_id is not null and m.booked_at >= ${options.range.start.toISOString()}::timestamptz and m.booked_at < ${options.range.end.toISOString()}::timestamptz`;
  const d = meetingDimensions[options.by];
  const [totals, rows, withMeeting, withBooking] = await Promise.all([
    db.execute<MeetingCountRecord>(dsql`select ${meetingCountColumns} from meetings m join handoffs h on h.id = m.handoff_id where ${where}`),
    db.execute<MeetingCountRecord & { key: string | null; label: string }>(dsql`
      select ${d.key} as key, min(${d.label}) as label, ${meetingCountColumns}
      from meetings m join handoffs h on h.id = m.handoff_id ${d.from}
      where ${where}
      group by 1
      order by booked desc, label`),
    // The box a rep ticks when converting, for meetings booked outside any integration: the packages
    // with a meeting (from the rollups: a year of raw rows would cost the page seconds) less those
    // with a booking's record (as many rows as bookings).
    packagesWithMeeting({ range: options.range }),
    db.execute<{ n: number }>(dsql`
      select count(distinct h.id)::int as n from meetings m join handoffs h on h.id = m.handoff_id
      where m.booked_at is not null and h.created_at >= ${options.range.start.toISOString()}::timestamptz and h.created_at < ${options.range.end.toISOString()}::timestamptz`),
  ]);
  return {
    totals: meetingCounts(totals[0]),
    breakdown: rows.map((r) => ({ key: r.key, label: r.label, ...meetingCounts(r) })),
    bookedOutside: withMeeting - (withBooking[0]?.n ?? 0),
  };
}

/** The meetings planSync writes to the CRM for these packages. */
export async function listMeetingsForHandoffs({ handoffIds }: { handoffIds: string[] }) {
  if (handoffIds.length === 0) return new Map<string, MeetingRow[]>();
  const rows = await db.select().from(meetings).where(inArray(meetings.handoffId, handoffIds)).orderBy(asc(meetings.createdAt));
  const byHandoff = new Map<string, MeetingRow[]>();
  for (const row of rows) byHandoff.set(row.handoffId!, [...(byHandoff.get(row.handoffId!) ?? []), row]);
  return byHandoff;
}
