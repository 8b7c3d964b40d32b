import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { claimDeliveries, recordDeliveryOutcomes } from "@/db/queries/notifications";
import { deliveries, notifications } from "@/db/schema";
import { createHandoff, createTeam, createUser } from "../support/factories";

// The batched claim is what makes a retried notify job send only what is missing; these pin its
// answers for each state a delivery row can be in.
describe("claiming one job's deliveries in one statement", () => {
  async function setUp() {
    const team = await createTeam();
    const owner = await createUser({ role: "rep", teamId: team!.id });
    const manager = await createUser({ role: "manager", teamId: team!.id });
    const handoff = await createHandoff({ teamId: team!.id, ownerId: owner.id });
    return { owner, manager, handoffId: handoff!.id };
  }

  it("claims new deliveries as fresh, writes in-app notices once, and answers each retry by what happened before", async () => {
    const { owner, manager, handoffId } = await setUp();
    const sends = [
      { channel: "email" as const, recipientId: owner.id, target: owner.email, subject: "New lead" },
      { channel: "slack" as const, recipientId: owner.id, target: "webhook", subject: "New lead" },
      { channel: "email" as const, recipientId: manager.id, target: manager.email, subject: "New lead" },
    ];
    const inApp = [{ recipientId: owner.id, title: "New lead", body: "Call them" }];
    const job = { handoffId, event: "created", notifyEvent: "created", inApp, sends };

    const first = await claimDeliveries(job);
    expect(first.inAppSent).toBe(1);
    expect(first.claims.map((c) => c?.kind)).toEqual(["fresh", "fresh", "fresh"]);
    const [email = "", slack = "", managerEmail = ""] = first.claims.map((c) => c!.id);

    // Email went out, Slack failed with a known error, the manager's email died mid-send (no outcome recorded).
    await recordDeliveryOutcomes([
      { id: email, sent: true, providerRef: "<m1@x>", target: owner.email },
      { id: slack, sent: false, error: "Slack answered 500" },
    ]);

    const second = await claimDeliveries(job);
    expect(second.inAppSent).toBe(0);
    expect(second.claims[0]).toBeNull();
    expect(second.claims[1]).toMatchObject({ kind: "retry", id: slack });
    expect(second.claims[2]).toMatchObject({ kind: "unknown", id: managerEmail, target: manager.email });

    const rows = await db.select().from(deliveries).where(eq(deliveries.handoffId, handoffId));
    expect(rows).toHaveLength(4);
    expect(rows.find((r) => r.id === slack)).toMatchObject({ status: "sending", attempts: 2, lastError: "Slack answered 500" });
    expect(rows.find((r) => r.id === email)).toMatchObject({ status: "sent", providerRef: "<m1@x>", attempts: 1 });
    expect(
      await db
        .select()
        .from(notifications)
        .where(and(eq(notifications.handoffId, handoffId), eq(notifications.userId, owner.id))),
    ).toHaveLength(1);
  });

  it("never turns a sent delivery back into a failed one", async () => {
    const { owner, handoffId } = await setUp();
    const { claims } = await claimDeliveries({
      handoffId,
      event: "reminder:x-half",
      notifyEvent: "reminder",
      inApp: [],
      sends: [{ channel: "email", recipientId: owner.id, target: owner.email, subject: "Reminder" }],
    });
    const id = claims[0]!.id;
    await recordDeliveryOutcomes([{ id, sent: true, providerRef: "<m2@x>", target: owner.email }]);
    await recordDeliveryOutcomes([{ id, sent: false, error: "late failure report" }]);
    const [row] = await db.select().from(deliveries).where(eq(deliveries.id, id));
    expect(row).toMatchObject({ status: "sent", providerRef: "<m2@x>", lastError: null });
  });

  it("keeps deliveries of different events apart", async () => {
    const { owner, handoffId } = await setUp();
    const send = { channel: "email" as const, recipientId: owner.id, target: owner.email, subject: "x" };
    const a = await claimDeliveries({ handoffId, event: "reminder:1-half", notifyEvent: "reminder", inApp: [], sends: [send] });
    const b = await claimDeliveries({ handoffId, event: "reminder:1-due", notifyEvent: "reminder", inApp: [], sends: [send] });
    expect(a.claims[0]?.kind).toBe("fresh");
    expect(b.claims[0]?.kind).toBe("fresh");
    expect(a.claims[0]?.id).not.toBe(b.claims[0]?.id);
  });
});
