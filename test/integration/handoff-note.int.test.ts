import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { handoffEvents, handoffs } from "@/db/schema";
import { runAction } from "@/lib/action";
import { authorizeUser } from "@/lib/auth/guard";
import { rolesFor } from "@/lib/auth/roles";
import { addHandoffNote } from "@/lib/handoffs/add-note";
import { noteSchema } from "@/lib/handoffs/command-schemas";
import { createHandoff, createTeam, createUser } from "../support/factories";

describe("notes on a package", () => {
  it("adds a note to the timeline without touching the package or its version", async () => {
    const teamId = (await createTeam())!.id;
    const rep = await createUser({ role: "rep", teamId });
    const h = await createHandoff({ teamId });
    await addHandoffNote({ actor: rep, handoffId: h!.id, note: "Called, voicemail. Trying again at 3." });
    const events = await db.select().from(handoffEvents).where(eq(handoffEvents.handoffId, h!.id));
    expect(events.map((e) => [e.type, e.note, e.actorId])).toContainEqual(["note", "Called, voicemail. Trying again at 3.", rep.id]);
    const [after] = await db.select().from(handoffs).where(eq(handoffs.id, h!.id));
    expect(after).toMatchObject({ version: h!.version, status: h!.status });
  });

  it("refuses another team's rep, and an empty note, writing nothing", async () => {
    const h = await createHandoff({ teamId: (await createTeam())!.id });
    const outsider = await createUser({ role: "rep", teamId: (await createTeam())!.id });
    await expect(addHandoffNote({ actor: outsider, handoffId: h!.id, note: "hi" })).rejects.toMatchObject({ code: "forbidden" });
    const definition = { name: "test.note", roles: rolesFor("handoffs.read"), schema: noteSchema, handler: async () => ({ id: h!.id }) };
    const empty = await runAction(definition, (roles) => authorizeUser({ userId: outsider.id, allowed: roles }), { handoffId: h!.id, note: "   " });
    expect(empty).toMatchObject({ ok: false, code: "bad_request", fieldErrors: { note: ["Write the note first."] } });
    expect((await db.select().from(handoffEvents).where(eq(handoffEvents.handoffId, h!.id))).map((e) => e.type)).toEqual(["created"]);
  });
});
