import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { runAction } from "@/lib/action";
import { authorizeUser, type Actor } from "@/lib/auth/guard";
import { rolesFor } from "@/lib/auth/roles";
import { UserError } from "@/lib/errors";
import { createTeam, createUser } from "../support/factories";

let rep: Actor;
let manager: Actor;
let inactive: Actor;

beforeAll(async () => {
  const teamId = (await createTeam())!.id;
  rep = await createUser({ role: "rep", teamId });
  manager = await createUser({ role: "manager", teamId });
  inactive = await createUser({ role: "admin", teamId, active: false });
});

const managerOnly = {
  name: "test.manager_only",
  roles: rolesFor("handoffs.reassign"),
  schema: z.object({ amount: z.coerce.number().positive() }),
  handler: async ({ actor, input }: { actor: Actor; input: { amount: number } }) => ({ by: actor.id, amount: input.amount }),
};

// The session is what a browser would carry: only the user id. Everything else comes from the database.
const as = (userId: string | null) => (roles: readonly ("rep" | "manager" | "admin")[]) => authorizeUser({ userId, allowed: roles });

describe("the guard every action and route uses", () => {
  it("refuses anonymous callers, inactive users and the wrong role with distinct codes", async () => {
    await expect(authorizeUser({ userId: null, allowed: [] })).rejects.toMatchObject({ code: "unauthorized" });
    await expect(authorizeUser({ userId: inactive.id, allowed: [] })).rejects.toMatchObject({ code: "unauthorized" });
    await expect(authorizeUser({ userId: rep.id, allowed: ["manager", "admin"] })).rejects.toBeInstanceOf(UserError);
    await expect(authorizeUser({ userId: rep.id, allowed: ["manager", "admin"] })).rejects.toMatchObject({ code: "forbidden" });
    await expect(authorizeUser({ userId: manager.id, allowed: ["manager", "admin"] })).resolves.toMatchObject({ id: manager.id, role: "manager" });
  });

  it("runs a manager-only action for a manager and refuses a rep before touching the input", async () => {
    expect(await runAction(managerOnly, as(manager.id), { amount: "5" })).toEqual({ ok: true, data: { by: manager.id, amount: 5 } });
    const refused = await runAction(managerOnly, as(rep.id), { amount: "5" });
    expect(refused).toMatchObject({ ok: false, code: "forbidden" });
    expect(await runAction(managerOnly, as(null), { amount: "5" })).toMatchObject({ ok: false, code: "unauthorized" });
  });

  it("names the field when the input is bad, and hides unexpected errors", async () => {
    expect(await runAction(managerOnly, as(manager.id), { amount: "-1" })).toMatchObject({
      ok: false,
      code: "bad_request",
      field: "amount",
      error: expect.not.stringContaining("amount"),
    });
    const failing = { ...managerOnly, handler: async () => Promise.reject(new Error("connection string postgres://secret")) };
    const result = await runAction(failing, as(manager.id), { amount: "1" });
    expect(result).toMatchObject({ ok: false });
    expect(JSON.stringify(result)).not.toContain("secret");
  });
});
