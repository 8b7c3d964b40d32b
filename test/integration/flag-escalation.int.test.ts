import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { handoffEvents, handoffs } from "@/db/schema";
import { flagPoorEscalation } from "@/lib/handoffs/flag-escalation";
import { createHandoff, createTeam, createUser } from "../support/factories";

describe("flagging a poor escalation", () => {
  it("records which reason was wrong, with the rule and rule-set version that fired, and leaves the package alone", async () => {
    const teamId = (await createTeam())!.id;
    const rep = await createUser({ role: "rep", teamId });
    const h = await createHandoff({ teamId });
    await flagPoorEscalation({ actor: rep, handoffId: h!.id, reason: "high_value", comment: "Ten people, not two hundred." });
    const [event] = await db
      .select()
      .from(handoffEvents)
      .where(and(eq(handoffEvents.type, "poor_escalation_flagged"), eq(handoffEvents.handoffId, h!.id)));
    expect(event).toMatchObject({
      actorId: rep.id,
      note: "Ten people, not two hundred.",
      data: { reason: "high_value", rule: "default.high_value", ruleVersion: 1 },
    });
    const [after] = await db.select().from(handoffs).where(eq(handoffs.id, h!.id));
    expect(after).toMatchObject({ version: h!.version, status: "pending" });
  });

  it("refuses a reason the agent did not give, and another team's rep", async () => {
    const teamId = (await createTeam())!.id;
    const h = await createHandoff({ teamId });
    const rep = await createUser({ role: "rep", teamId });
    await expect(flagPoorEscalation({ actor: rep, handoffId: h!.id, reason: "risk", comment: "no risk here" })).rejects.toMatchObject({ code: "bad_request" });
    const outsider = await createUser({ role: "rep", teamId: (await createTeam())!.id });
    await expect(flagPoorEscalation({ actor: outsider, handoffId: h!.id, reason: "high_value", comment: "nope" })).rejects.toMatchObject({ code: "forbidden" });
    expect((await db.select().from(handoffEvents).where(eq(handoffEvents.handoffId, h!.id))).map((e) => e.type)).toEqual(["created"]);
  });
});
