import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { listPresence } from "@/db/queries/presence";
import type { Actor } from "@/lib/auth/guard";
import { changeHandoffStatus } from "@/lib/handoffs/change-handoff";
import { touchPresence } from "@/lib/inbox/presence";
import { createHandoff, createTeam, createUser } from "../support/factories";

let teamId: string;
let ana: Actor;
let ben: Actor;
let outsider: Actor;

beforeAll(async () => {
  teamId = (await createTeam())!.id;
  ana = await createUser({ role: "rep", teamId, name: "Ana Viewer" });
  ben = await createUser({ role: "rep", teamId, name: "Ben Viewer" });
  outsider = await createUser({ role: "rep", teamId: (await createTeam())!.id });
});

describe("presence on a package", () => {
  it("shows each person the others viewing, not themselves, and forgets who left", async () => {
    const h = await createHandoff({ teamId });
    expect(await touchPresence({ actor: ana, handoffId: h!.id })).toEqual({ viewers: [], acted: null });
    expect((await touchPresence({ actor: ben, handoffId: h!.id })).viewers).toEqual(["Ana Viewer"]);
    expect((await touchPresence({ actor: ana, handoffId: h!.id })).viewers).toEqual(["Ben Viewer"]);
    await touchPresence({ actor: ben, handoffId: h!.id, leaving: true });
    expect((await touchPresence({ actor: ana, handoffId: h!.id })).viewers).toEqual([]);
  });

  it("stops showing a viewer whose last heartbeat is older than 30 seconds", async () => {
    const h = await createHandoff({ teamId });
    await touchPresence({ actor: ben, handoffId: h!.id });
    await db.execute(sql`update handoff_viewers set seen_at = now() - interval '31 seconds' where handoff_id = ${h!.id}`);
    expect((await touchPresence({ actor: ana, handoffId: h!.id })).viewers).toEqual([]);
  });

  it("says who else acted on it a moment ago, and lists presence for a page of rows at once", async () => {
    const h = await createHandoff({ teamId });
    const quiet = await createHandoff({ teamId });
    await changeHandoffStatus({ actor: ben, handoffId: h!.id, expectedVersion: h!.version, input: { command: "accept" } });
    const seen = await touchPresence({ actor: ana, handoffId: h!.id });
    expect(seen.acted).toMatchObject({ by: "Ben Viewer", what: "accepted it" });
    // Ben's own view does not tell him about himself.
    expect((await touchPresence({ actor: ben, handoffId: h!.id })).acted).toBeNull();
    const page = await listPresence({ handoffIds: [h!.id, quiet!.id], exceptUserId: ana.id });
    expect(page.get(h!.id)).toMatchObject({ viewers: ["Ben Viewer"], acted: { by: "Ben Viewer", toStatus: "accepted" } });
    expect(page.has(quiet!.id)).toBe(false);
  });

  it("refuses someone outside the package's team", async () => {
    const h = await createHandoff({ teamId });
    await expect(touchPresence({ actor: outsider, handoffId: h!.id })).rejects.toThrow("outside your team's queue");
  });
});
