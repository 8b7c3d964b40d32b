import { randomUUID } from "node:crypto";
import { and, eq, sql as dsql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, databaseUrl } from "@/db";
import { insertApiKey } from "@/db/queries/intake";
import { attachMeeting, listUnmatchedMeetings, meetingMetrics, saveUserBookingLink } from "@/db/queries/meetings";
import { metricFunnel, metricTotals } from "@/db/queries/metrics";
import {
  apiKeys,
  approvalRequests,
  bookingDeliveries,
  bookingLinks,
  crmAssociations,
  crmMeetings,
  handoffEvents,
  handoffs,
  meetings,
  meetingSettings,
  routingRules,
} from "@/db/schema";
import { createBuiltinAdapter } from "@/lib/crm/builtin-adapter";
import { handleCrmSyncJob } from "@/lib/crm/handle-crm-sync-job";
import { createHubSpotAdapter } from "@/lib/crm/hubspot/adapter";
import { startHubSpotStandIn } from "../stand-ins/hubspot";
import { POST as calcomRoute } from "@/app/api/v1/bookings/calcom/route";
import { POST as calendlyRoute } from "@/app/api/v1/bookings/calendly/route";
import { resetEnvCache } from "@/lib/env";
import { generateApiKey } from "@/lib/intake/credentials";
import { handleIntake } from "@/lib/intake/handle-intake";
import { CHAT_WIDGET_KEY_NAME } from "@/lib/chat/chat-widget-key";
import { handleChatTurn } from "@/lib/chat/handle-chat-turn";
import { stopBoss } from "@/lib/jobs/boss";
import { jobHandlers } from "@/lib/jobs/handlers";
import { startWorker, type RunningWorker } from "@/lib/jobs/worker";
import { logger } from "@/lib/logger";
import { calcomBooking, calcomDelivery } from "../stand-ins/calcom";
import { calendlyDelivery, calendlyInvitee } from "../stand-ins/calendly";
import { startSmtpStandIn, type SmtpStandIn } from "../stand-ins/smtp";
import { createHandoff, createTeam, createUser } from "../support/factories";
import { waitForJobsSettled } from "../support/jobs-settled";
import { waitFor } from "../support/wait-for";

const CALCOM_SECRET = "calcom-webhook-secret-for-tests";
const CALENDLY_KEY = "calendly-signing-key-for-tests";
let smtp: SmtpStandIn;
let worker: RunningWorker;

beforeAll(async () => {
  process.env.CALCOM_WEBHOOK_SECRET = CALCOM_SECRET;
  process.env.CALENDLY_SIGNING_KEY = CALENDLY_KEY;
  resetEnvCache();
  smtp = await startSmtpStandIn();
  const notify = { appUrl: "http://127.0.0.1:3997", slack: { apiUrl: "http://127.0.0.1:9/" }, smtp: { url: smtp.url, from: "Baton <baton@baton.test>" } };
  worker = await startWorker({
    databaseUrl: databaseUrl(),
    handlers: jobHandlers({ notify, only: ["booking-link-email"] }),
    log: logger,
    pollSeconds: 0.5,
    superviseSeconds: 2,
    slaCheckCron: null,
  });
});

afterAll(async () => {
  await worker.stop();
  await stopBoss();
  await smtp.close();
  await db.delete(meetingSettings);
  delete process.env.CALCOM_WEBHOOK_SECRET;
  delete process.env.CALENDLY_SIGNING_KEY;
  resetEnvCache();
});

/** A team whose form leads route to one rep (a rule for its intake key), and an act-worthy form lead. */
async function formTeam(options: { repLink?: string; teamLink?: string } = {}) {
  const team = await createTeam();
  const rep = await createUser({ role: "rep", teamId: team!.id, name: `Dana ${randomUUID().slice(0, 4)}` });
  await db.insert(routingRules).values({
    position: -1000,
    name: `Forms of ${team!.name}`,
    match: { sourceTeamIds: [team!.id] },
    target: { kind: "user", userId: rep.id },
    respectCapacity: false,
  });
  if (options.repLink) await saveUserBookingLink({ userId: rep.id, url: options.repLink });
  if (options.teamLink) await db.insert(bookingLinks).values({ teamId: team!.id, url: options.teamLink });
  const key = generateApiKey();
  await insertApiKey({ name: `Forms ${team!.name}`, prefix: key.prefix, keyHash: key.hash, teamId: team!.id });
  const submit = async (email: string) => {
    const body = JSON.stringify({
      externalId: `mt-${randomUUID()}`,
      channel: "form",
      receivedAt: new Date().toISOString(),
      contact: { name: "Tom Baker", email, company: "Smallco" },
      fields: { message: "We want help qualifying leads from our website forms." },
    });
    const reply = await handleIntake({ headers: new Headers({ authorization: `Bearer ${key.key}` }), body }, { log: logger });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ decision: "act" });
    return reply.body.handoffId as string;
  };
  return { team, rep, submit };
}

const email = () => `tom-${randomUUID().slice(0, 8)}@smallco.io`;
const eventsOf = (handoffId: string, type: string) =>
  db
    .select()
    .from(handoffEvents)
    .where(and(eq(handoffEvents.handoffId, handoffId), eq(handoffEvents.type, type)));

function calcom(delivery: { body: string; headers: Record<string, string> }) {
  return calcomRoute(new Request("http://127.0.0.1/api/v1/bookings/calcom", { method: "POST", headers: delivery.headers, body: delivery.body }));
}
function calendly(delivery: { body: string; headers: Record<string, string> }) {
  return calendlyRoute(new Request("http://127.0.0.1/api/v1/bookings/calendly", { method: "POST", headers: delivery.headers, body: delivery.body }));
}

describe("the act decision sends the routed owner's booking link", () => {
  it("emails a form lead the owner's prefilled link, once, with a Message-ID of the package", async () => {
    const { rep, submit } = await formTeam({ repLink: "https://cal.com/dana-reyes/diagnosis", teamLink: "https://cal.com/team/sales" });
    const to = email();
    const handoffId = await submit(to);
    const [row] = await db.select().from(handoffs).where(eq(handoffs.id, handoffId));
    expect(row!.ownerId).toBe(rep.id);
    await waitForJobsSettled("the booking-link email", { queues: ["booking-link-email"], key: "handoffId", value: handoffId });
    await waitFor("the email", () => smtp.messages.find((m) => m.to.includes(to)));
    const sent = smtp.messages.filter((m) => m.to.includes(to));
    expect(sent).toHaveLength(1);
    const link = new URL(/https:\/\/cal\.com\/\S+/.exec(sent[0]!.text)![0]);
    expect(link.pathname).toBe("/dana-reyes/diagnosis");
    expect(link.searchParams.get("email")).toBe(to);
    expect(link.searchParams.get("name")).toBe("Tom Baker");
    expect(link.searchParams.get("metadata[baton]")).toBe(`bt_${handoffId}`);
    expect(sent[0]!.messageId).toBe(`<booking-link.${handoffId}@baton.test>`);
    expect(await eventsOf(handoffId, "booking_link_sent")).toHaveLength(1);
  });

  it("falls back to the team's link, and promises nothing when no link is set anywhere", async () => {
    const withTeam = await formTeam({ teamLink: "https://calendly.com/sales-team/diagnosis" });
    const to = email();
    const handoffId = await withTeam.submit(to);
    await waitFor("the email", () => smtp.messages.find((m) => m.to.includes(to)));
    const link = new URL(/https:\/\/calendly\.com\/\S+/.exec(smtp.messages.find((m) => m.to.includes(to))!.text)![0]);
    expect(link.searchParams.get("utm_content")).toBe(`bt_${handoffId}`);

    const none = await formTeam();
    const nobody = email();
    const bare = await none.submit(nobody);
    await waitFor("booking_link_not_sent", async () => (await eventsOf(bare, "booking_link_not_sent")).length === 1);
    expect(smtp.messages.filter((m) => m.to.includes(nobody))).toHaveLength(0);
  });

  it("answers a chat lead with the routed owner's prefilled link", async () => {
    const { team, rep } = await formTeam({ repLink: "https://calendly.com/dana-reyes/diagnosis", teamLink: "https://cal.com/team/sales" });
    await db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.name, CHAT_WIDGET_KEY_NAME));
    const key = generateApiKey();
    await insertApiKey({ name: CHAT_WIDGET_KEY_NAME, prefix: key.prefix, keyHash: key.hash, teamId: team!.id });
    const to = email();
    const turn = await handleChatTurn(
      {
        body: {
          sessionId: randomUUID(),
          message: {
            id: randomUUID(),
            role: "user",
            parts: [{ type: "text", text: `Hi, I'm Tom from Smallco, ${to}. We want help qualifying leads from our website forms.` }],
          },
        },
        ip: "198.51.100.77",
      },
      { log: logger },
    );
    expect(turn).toMatchObject({ ok: true, reply: { kind: "act" } });
    if (!turn.ok) return;
    const [row] = await db.select().from(handoffs).where(eq(handoffs.id, turn.handoffId!));
    expect(row!.ownerId).toBe(rep.id);
    const link = new URL(/https:\/\/calendly\.com\/\S+?(?=\.? |\.$)/.exec(turn.reply.text!)![0]);
    expect(link.pathname).toBe("/dana-reyes/diagnosis");
    expect(link.searchParams.get("email")).toBe(to);
    expect(link.searchParams.get("utm_content")).toBe(`bt_${row!.id}`);
    await db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.name, CHAT_WIDGET_KEY_NAME));
  });

  it("asks for approval first when the setting says so", async () => {
    await db
      .insert(meetingSettings)
      .values({ singleton: true, emailNeedsApproval: true })
      .onConflictDoUpdate({ target: meetingSettings.singleton, set: { emailNeedsApproval: true } });
    try {
      const { submit } = await formTeam({ repLink: "https://cal.com/dana-reyes/diagnosis" });
      const to = email();
      const handoffId = await submit(to);
      await waitFor("booking_link_approval_requested", async () => (await eventsOf(handoffId, "booking_link_approval_requested")).length === 1);
      const [approval] = await db.select().from(approvalRequests).where(eq(approvalRequests.handoffId, handoffId));
      expect(approval).toMatchObject({ actionType: "send_email", status: "pending", params: { to } });
      expect(String(approval!.params.body)).toContain(`metadata%5Bbaton%5D=bt_${handoffId}`);
      expect(smtp.messages.filter((m) => m.to.includes(to))).toHaveLength(0);
    } finally {
      await db.update(meetingSettings).set({ emailNeedsApproval: false });
    }
  });
});

describe("bookings come back by webhook", () => {
  const start = "2026-12-04T09:00:00.000Z";
  const organizer = { name: "Dana Reyes", email: "dana@baton.test" };

  it("creates, reschedules and cancels a Cal.com meeting on the package its reference names", async () => {
    const team = await createTeam();
    const handoff = await createHandoff({ teamId: team!.id, status: "accepted" });
    const other = await createHandoff({ teamId: team!.id, status: "pending" });
    const uid = `cal-${randomUUID()}`;
    // The invitee's email is another package's: the reference wins.
    const attendee = { name: "Ana Ruiz", email: `ana-${randomUUID().slice(0, 6)}@acme.io` };
    await db.update(handoffs).set({ leadEmail: attendee.email }).where(eq(handoffs.id, other!.id));
    const booking = (extra: Partial<Parameters<typeof calcomBooking>[0]> = {}) =>
      calcomBooking({ uid, startTime: start, organizer, attendee, metadata: { baton: `bt_${handoff!.id}` }, ...extra });

    const created = await calcom(
      calcomDelivery({ secret: CALCOM_SECRET, triggerEvent: "BOOKING_CREATED", payload: booking(), createdAt: "2026-12-01T10:00:00.000Z" }),
    );
    expect(created.status).toBe(200);
    const [meeting] = await db.select().from(meetings).where(eq(meetings.bookingId, uid));
    expect(meeting).toMatchObject({ handoffId: handoff!.id, matchedBy: "reference", status: "booked", organizerName: "Dana Reyes" });
    const [after] = await db.select().from(handoffs).where(eq(handoffs.id, handoff!.id));
    expect(after!.status).toBe("in_follow_up");
    const [booked] = await eventsOf(handoff!.id, "meeting_booked");
    expect(booked!.data).toMatchObject({ text: "Meeting booked for Fri 4 Dec 10:00 with Dana Reyes" });
    const notify = await db.execute<{ n: number }>(
      dsql`select count(*)::int as n from pgboss.job where name = 'notify' and data->>'handoffId' = ${handoff!.id} and data->>'event' = 'meeting'`,
    );
    expect(notify[0]!.n).toBe(1);

    const newUid = `cal-${randomUUID()}`;
    const moved = calcomBooking({
      uid: newUid,
      startTime: "2026-12-07T15:30:00.000Z",
      organizer,
      attendee,
      metadata: { baton: `bt_${handoff!.id}` },
      rescheduleUid: uid,
    });
    expect(
      (await calcom(calcomDelivery({ secret: CALCOM_SECRET, triggerEvent: "BOOKING_RESCHEDULED", payload: moved, createdAt: "2026-12-02T10:00:00.000Z" })))
        .status,
    ).toBe(200);
    const rows = await db.select().from(meetings).where(eq(meetings.handoffId, handoff!.id));
    expect(rows.map((r) => [r.bookingId, r.status]).sort()).toEqual(
      [
        [uid, "rescheduled"],
        [newUid, "booked"],
      ].sort(),
    );
    const [rescheduled] = await eventsOf(handoff!.id, "meeting_rescheduled");
    expect(rescheduled!.data).toMatchObject({ text: "Meeting rescheduled to Mon 7 Dec 16:30 with Dana Reyes" });

    const cancel = calcomBooking({
      uid: newUid,
      startTime: "2026-12-07T15:30:00.000Z",
      organizer,
      attendee,
      metadata: { baton: `bt_${handoff!.id}` },
      cancellationReason: "Found another vendor",
    });
    expect(
      (await calcom(calcomDelivery({ secret: CALCOM_SECRET, triggerEvent: "BOOKING_CANCELLED", payload: cancel, createdAt: "2026-12-03T10:00:00.000Z" })))
        .status,
    ).toBe(200);
    const [cancelled] = await db.select().from(meetings).where(eq(meetings.bookingId, newUid));
    expect(cancelled).toMatchObject({ status: "cancelled", cancellationReason: "Found another vendor" });
    expect(await eventsOf(handoff!.id, "meeting_cancelled")).toHaveLength(1);
    expect(await db.select().from(meetings).where(eq(meetings.handoffId, other!.id))).toHaveLength(0);
  });

  it("matches a Calendly booking by the invitee's email to the newest open package, and a cancel before its create ends cancelled", async () => {
    const team = await createTeam();
    const address = `lucia-${randomUUID().slice(0, 6)}@hotelesmar.es`;
    const older = await createHandoff({ teamId: team!.id, createdAt: new Date(Date.now() - 86_400_000) });
    const newer = await createHandoff({ teamId: team!.id });
    const closed = await createHandoff({ teamId: team!.id, status: "discarded", createdAt: new Date(Date.now() + 1000) });
    for (const h of [older, newer, closed]) await db.update(handoffs).set({ leadEmail: address }).where(eq(handoffs.id, h!.id));
    const uri = `https://api.calendly.com/scheduled_events/EV${randomUUID().slice(0, 6)}/invitees/IN1`;
    const invitee = calendlyInvitee({ uri, name: "Lucía Mar", email: address.toUpperCase(), startTime: start, host: organizer });
    const cancelled = calendlyInvitee({ uri, name: "Lucía Mar", email: address, startTime: start, host: organizer, cancelReason: "Change of plans" });

    expect(
      (await calendly(calendlyDelivery({ signingKey: CALENDLY_KEY, event: "invitee.canceled", payload: cancelled, createdAt: "2026-12-02T10:00:00.000000Z" })))
        .status,
    ).toBe(200);
    expect(
      (await calendly(calendlyDelivery({ signingKey: CALENDLY_KEY, event: "invitee.created", payload: invitee, createdAt: "2026-12-01T10:00:00.000000Z" })))
        .status,
    ).toBe(200);
    const [meeting] = await db.select().from(meetings).where(eq(meetings.bookingId, uri));
    expect(meeting).toMatchObject({ handoffId: newer!.id, matchedBy: "email", status: "cancelled" });
    expect(meeting!.bookedAt).toEqual(new Date("2026-12-01T10:00:00Z"));
    expect(await eventsOf(newer!.id, "meeting_booked")).toHaveLength(1);
    expect(await eventsOf(newer!.id, "meeting_cancelled")).toHaveLength(1);

    const noShow = calendlyDelivery({
      signingKey: CALENDLY_KEY,
      event: "invitee_no_show.created",
      payload: { uri: `${uri}/no_show/NS1`, invitee: uri, created_at: "2026-12-04T10:00:00Z" },
      createdAt: "2026-12-04T10:00:00.000000Z",
    });
    expect((await calendly(noShow)).status).toBe(200);
    expect((await db.select().from(meetings).where(eq(meetings.bookingId, uri)))[0]!.status).toBe("no_show");
  });

  it("follows a Calendly reschedule delivered out of order: the new booking stands, the old one is moved, both on the package", async () => {
    const team = await createTeam();
    const handoff = await createHandoff({ teamId: team!.id });
    const base = `https://api.calendly.com/scheduled_events/EV${randomUUID().slice(0, 6)}/invitees`;
    const invitee = (uri: string, extra: Partial<Parameters<typeof calendlyInvitee>[0]> = {}) =>
      calendlyInvitee({ uri, name: "Ana Ruiz", email: "ana@acme.io", startTime: start, host: organizer, utmContent: `bt_${handoff!.id}`, ...extra });
    const post = (event: string, payload: Record<string, unknown>, createdAt: string) =>
      calendly(calendlyDelivery({ signingKey: CALENDLY_KEY, event, payload, createdAt }));
    // Calendly sends the cancel (rescheduled) and the new invitee; here the new one and the old create come late.
    expect(
      (
        await post(
          "invitee.created",
          invitee(`${base}/NEW`, { oldInvitee: `${base}/OLD`, startTime: "2026-12-08T09:00:00.000Z" }),
          "2026-12-02T10:00:00.000000Z",
        )
      ).status,
    ).toBe(200);
    expect((await post("invitee.canceled", invitee(`${base}/OLD`, { rescheduled: true }), "2026-12-02T10:00:00.000000Z")).status).toBe(200);
    expect((await post("invitee.created", invitee(`${base}/OLD`), "2026-12-01T10:00:00.000000Z")).status).toBe(200);
    const rows = await db.select().from(meetings).where(eq(meetings.handoffId, handoff!.id));
    expect(rows.map((r) => [r.bookingId.slice(-3), r.status]).sort()).toEqual([
      ["NEW", "booked"],
      ["OLD", "rescheduled"],
    ]);
    expect((await listUnmatchedMeetings()).filter((m) => m.bookingId.startsWith(base))).toEqual([]);
    expect(await eventsOf(handoff!.id, "meeting_rescheduled")).toHaveLength(1);
    expect(await eventsOf(handoff!.id, "meeting_booked")).toHaveLength(0);
  });

  it("refuses a wrong signature, an expired timestamp and a malformed body, and a replay changes nothing", async () => {
    const team = await createTeam();
    const handoff = await createHandoff({ teamId: team!.id });
    const uid = `cal-${randomUUID()}`;
    const payload = calcomBooking({
      uid,
      startTime: start,
      organizer,
      attendee: { name: "Ana", email: "ana@acme.io" },
      metadata: { baton: `bt_${handoff!.id}` },
    });
    const count = async () =>
      (
        await db.execute<{ m: number; d: number }>(
          dsql`select (select count(*) from ${meetings})::int as m, (select count(*) from ${bookingDeliveries})::int as d`,
        )
      )[0];
    const before = await count();

    const wrong = await calcom(calcomDelivery({ secret: "not-the-secret-at-all", triggerEvent: "BOOKING_CREATED", payload }));
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: { code: "invalid_signature", message: expect.stringContaining("X-Cal-Signature-256 does not match") } });
    const unsigned = calcomDelivery({ secret: CALCOM_SECRET, triggerEvent: "BOOKING_CREATED", payload });
    delete unsigned.headers["x-cal-signature-256"];
    expect((await calcom(unsigned)).status).toBe(401);

    const stale = calendlyDelivery({
      signingKey: CALENDLY_KEY,
      event: "invitee.created",
      payload: calendlyInvitee({ uri: `https://api.calendly.com/x/${uid}`, name: "A", email: "a@b.io", startTime: start, host: organizer }),
      timestamp: Math.floor(Date.now() / 1000) - 600,
    });
    const expired = await calendly(stale);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ error: { message: expect.stringContaining("outside the 180 s window") } });

    const malformed = await calcom(calcomDelivery({ secret: CALCOM_SECRET, triggerEvent: "BOOKING_CREATED", payload: { ...payload, uid: undefined } }));
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: "invalid_body", message: "payload.uid: is required" } });
    const notJson = {
      body: "{not json",
      headers: { "x-cal-signature-256": calcomDelivery({ secret: CALCOM_SECRET, triggerEvent: "x", payload: {} }).headers["x-cal-signature-256"]! },
    };
    expect((await calcom(notJson)).status).toBe(401);
    expect(await count()).toEqual(before);

    const delivery = calcomDelivery({ secret: CALCOM_SECRET, triggerEvent: "BOOKING_CREATED", payload });
    expect((await calcom(delivery)).status).toBe(200);
    const replay = await calcom(delivery);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ ok: true, duplicate: true });
    expect(await eventsOf(handoff!.id, "meeting_booked")).toHaveLength(1);
  });

  it("makes one meeting of 50 concurrent duplicates of one delivery", async () => {
    const team = await createTeam();
    const handoff = await createHandoff({ teamId: team!.id });
    const uid = `cal-${randomUUID()}`;
    const delivery = calcomDelivery({
      secret: CALCOM_SECRET,
      triggerEvent: "BOOKING_CREATED",
      payload: calcomBooking({ uid, startTime: start, organizer, attendee: { name: "Ana", email: "ana@acme.io" }, metadata: { baton: `bt_${handoff!.id}` } }),
    });
    const replies = await Promise.all(Array.from({ length: 50 }, () => calcom(delivery)));
    expect(replies.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(await db.select().from(meetings).where(eq(meetings.bookingId, uid))).toHaveLength(1);
    expect(await eventsOf(handoff!.id, "meeting_booked")).toHaveLength(1);
    expect(await eventsOf(handoff!.id, "status_changed")).toHaveLength(1);
  });

  it("takes a booking's create and cancel arriving at the same moment: one meeting, cancelled", async () => {
    const team = await createTeam();
    const handoff = await createHandoff({ teamId: team!.id });
    const uid = `cal-${randomUUID()}`;
    const payload = calcomBooking({
      uid,
      startTime: start,
      organizer,
      attendee: { name: "Ana", email: "ana@acme.io" },
      metadata: { baton: `bt_${handoff!.id}` },
    });
    const replies = await Promise.all([
      calcom(calcomDelivery({ secret: CALCOM_SECRET, triggerEvent: "BOOKING_CREATED", payload, createdAt: "2026-12-01T10:00:00.000Z" })),
      calcom(calcomDelivery({ secret: CALCOM_SECRET, triggerEvent: "BOOKING_CANCELLED", payload, createdAt: "2026-12-01T11:00:00.000Z" })),
    ]);
    expect(replies.map((r) => r.status)).toEqual([200, 200]);
    const rows = await db.select().from(meetings).where(eq(meetings.bookingId, uid));
    expect(rows.map((r) => r.status)).toEqual(["cancelled"]);
  });

  it("lists a booking that matches no package for an admin to attach", async () => {
    const admin = await createUser({ role: "admin", teamId: null });
    const team = await createTeam();
    const handoff = await createHandoff({ teamId: team!.id });
    const uid = `cal-${randomUUID()}`;
    const payload = calcomBooking({
      uid,
      startTime: start,
      organizer,
      attendee: { name: "Nobody Known", email: `nobody-${randomUUID().slice(0, 6)}@example.org` },
    });
    expect((await calcom(calcomDelivery({ secret: CALCOM_SECRET, triggerEvent: "BOOKING_CREATED", payload }))).status).toBe(200);
    const unmatched = await listUnmatchedMeetings();
    const row = unmatched.find((m) => m.bookingId === uid)!;
    expect(row).toMatchObject({ handoffId: null, status: "booked" });
    const attached = await attachMeeting({ actor: admin, meetingId: row.id, handoffId: handoff!.id });
    expect(attached).toMatchObject({ handoffId: handoff!.id, matchedBy: "admin" });
    expect(await eventsOf(handoff!.id, "meeting_booked")).toHaveLength(1);
    expect(await attachMeeting({ actor: admin, meetingId: row.id, handoffId: handoff!.id })).toBeNull();
  });

  it("measures meetings booked, held and no-shows from the bookings, with the time from handoff to booking, per owner and campaign", async () => {
    const team = await createTeam();
    const rep = await createUser({ role: "rep", teamId: team!.id, name: "Metrics Rep" });
    const campaign = `mt-${randomUUID().slice(0, 8)}`;
    const day = (d: number, h = 10) => `2025-03-${String(d).padStart(2, "0")}T${String(h).padStart(2, "0")}:00:00.000Z`;
    const outcomes = ["booked", "held", "no_show"] as const;
    for (const outcome of outcomes) {
      const handoff = await createHandoff({ teamId: team!.id, ownerId: rep.id, status: "accepted", createdAt: new Date(day(9)) });
      await db
        .update(handoffs)
        .set({ campaign, acceptedAt: new Date(day(9, 11)) })
        .where(eq(handoffs.id, handoff!.id));
      const uid = `cal-${randomUUID()}`;
      const payload = calcomBooking({
        uid,
        startTime: day(12),
        organizer,
        attendee: { name: "Ana", email: "ana@acme.io" },
        metadata: { baton: `bt_${handoff!.id}` },
      });
      expect((await calcom(calcomDelivery({ secret: CALCOM_SECRET, triggerEvent: "BOOKING_CREATED", payload, createdAt: day(10) }))).status).toBe(200);
      if (outcome === "held")
        expect((await calcom(calcomDelivery({ secret: CALCOM_SECRET, triggerEvent: "MEETING_ENDED", payload, createdAt: day(12, 11) }))).status).toBe(200);
      if (outcome === "no_show") {
        const noShow = { bookingUid: uid, bookingId: 1, message: "x", attendees: [{ email: "ana@acme.io", noShow: true }] };
        expect(
          (await calcom(calcomDelivery({ secret: CALCOM_SECRET, triggerEvent: "BOOKING_NO_SHOW_UPDATED", payload: noShow, createdAt: day(12, 12) }))).status,
        ).toBe(200);
      }
    }
    // Ticked by hand, no booking: counted apart.
    const manual = await createHandoff({ teamId: team!.id, ownerId: rep.id, status: "converted", createdAt: new Date(day(9)) });
    await db.update(handoffs).set({ campaign, meetingBooked: true }).where(eq(handoffs.id, manual!.id));

    const range = { start: new Date("2025-03-09T00:00:00Z"), end: new Date("2025-03-13T00:00:00Z") };
    const byOwner = await meetingMetrics({ range, by: "owner" });
    expect(byOwner.totals).toEqual({ booked: 3, held: 1, noShows: 1, cancelled: 0, medianSecondsToBooking: 86_400 });
    expect(byOwner.breakdown).toEqual([{ key: rep.id, label: "Metrics Rep", booked: 3, held: 1, noShows: 1, cancelled: 0, medianSecondsToBooking: 86_400 }]);
    expect(byOwner.bookedOutside).toBe(1);
    expect((await meetingMetrics({ range, by: "campaign" })).breakdown.map((r) => r.label)).toEqual([campaign]);
    const funnel = await metricFunnel({ range: { ...range, from: "2025-03-09", to: "2025-03-12", days: 4 } as never });
    expect(funnel.meeting).toBe(4);
    const totals = await metricTotals({ range: { ...range, from: "2025-03-09", to: "2025-03-12", days: 4 } as never, now: new Date() });
    expect(totals.meetings).toBe(4);
  });

  it("puts the meeting in the CRM: HubSpot's meetings object and the built-in meeting record, linked to the contact and the deal", async () => {
    const team = await createTeam();
    const handoff = await createHandoff({ teamId: team!.id });
    const uid = `cal-${randomUUID()}`;
    const booking = (extra: Partial<Parameters<typeof calcomBooking>[0]> = {}) =>
      calcomBooking({
        uid,
        startTime: start,
        organizer,
        attendee: { name: "Ana Ruiz", email: "ana@acme.io" },
        metadata: { baton: `bt_${handoff!.id}` },
        ...extra,
      });
    expect(
      (await calcom(calcomDelivery({ secret: CALCOM_SECRET, triggerEvent: "BOOKING_CREATED", payload: booking(), createdAt: "2026-12-01T10:00:00.000Z" })))
        .status,
    ).toBe(200);
    const sync = (adapter: Parameters<typeof handleCrmSyncJob>[1]["adapter"]) =>
      handleCrmSyncJob({ handoffId: handoff!.id }, { adapter, appUrl: "http://127.0.0.1:3997", log: logger, deadLetter: async () => {} });

    const hub = await startHubSpotStandIn({ portalId: 7_100_001 });
    try {
      const adapter = createHubSpotAdapter({
        baseUrl: hub.baseUrl,
        token: hub.token,
        rateLimit: { max: 100, windowMs: 10_000 },
        timeoutMs: 5_000,
        backoffBaseMs: 100,
      });
      await sync(adapter);
      const [meeting] = hub.records("meetings");
      expect(hub.records("meetings")).toHaveLength(1);
      expect(meeting!.properties).toMatchObject({
        hs_timestamp: start,
        hs_meeting_start_time: start,
        hs_meeting_outcome: "SCHEDULED",
        baton_key: `booking:calcom:${uid}`,
      });
      const links = hub
        .associationsOf("meetings", meeting!.id)
        .map((a) => `${a.fromType}>${a.toType}:${a.typeId}`)
        .sort();
      expect(links).toEqual(["meetings>companies:188", "meetings>contacts:200", "meetings>deals:212"]);

      expect(
        (
          await calcom(
            calcomDelivery({
              secret: CALCOM_SECRET,
              triggerEvent: "BOOKING_CANCELLED",
              payload: booking({ cancellationReason: "Busy" }),
              createdAt: "2026-12-02T10:00:00.000Z",
            }),
          )
        ).status,
      ).toBe(200);
      await sync(adapter);
      expect(hub.records("meetings")).toHaveLength(1);
      expect(hub.records("meetings")[0]!.properties.hs_meeting_outcome).toBe("CANCELED");
    } finally {
      await hub.close();
    }

    await sync(createBuiltinAdapter());
    const [record] = await db
      .select()
      .from(crmMeetings)
      .where(eq(crmMeetings.key, `booking:calcom:${uid}`));
    expect(record).toMatchObject({ outcome: "CANCELED", startsAt: new Date(start) });
    const linked = await db
      .select()
      .from(crmAssociations)
      .where(and(eq(crmAssociations.fromKind, "meeting"), eq(crmAssociations.fromId, record!.id)));
    expect(linked.map((l) => l.toKind).sort()).toEqual(["company", "contact", "deal"]);
  });
});
