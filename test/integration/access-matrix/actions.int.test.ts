import { beforeAll, describe, expect, it, vi } from "vitest";
import type { UserRole } from "@/db/schema/auth";
import { actionDefinitionOf, runAction } from "@/lib/action";
import { authorizeUser, type Actor } from "@/lib/auth/guard";
import { roles } from "@/lib/auth/roles";
import { createTeam, createUser } from "../../support/factories";
import { discoverServerActions } from "./discover";
import { actionExpectations } from "./expectations";

// Every server action, called as anonymous, rep, manager and admin, through the same runAction the
// app uses; only the session lookup is replaced by a real user id from the database.
// revalidatePath needs a Next request to revalidate; outside one there is nothing to refresh.
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const actions = await discoverServerActions();
const signedIn: Record<UserRole, Actor> = {} as Record<UserRole, Actor>;

beforeAll(async () => {
  const team = await createTeam();
  for (const role of roles) signedIn[role] = await createUser({ role, teamId: team!.id });
});

const as = (userId: string | null) => (allowed: readonly UserRole[]) => authorizeUser({ userId, allowed });

describe.each(actions.map((a) => [a.key, a] as const))("%s", (key, action) => {
  const expected = actionExpectations[key];
  if (!expected) return; // coverage.int.test.ts names it

  if (expected.kind === "public") {
    it("is not a role-guarded action (its entry says why it is public)", () => {
      expect(actionDefinitionOf(action.value)).toBeNull();
      expect(expected.why.length).toBeGreaterThan(10);
    });
    return;
  }

  it("declares exactly the roles the matrix expects", () => {
    const definition = actionDefinitionOf(action.value);
    expect(definition, `${key} is not a defineAction result`).not.toBeNull();
    expect([...definition!.roles].sort()).toEqual([...expected.allowed].sort());
  });

  it("refuses an anonymous caller as unauthorized", async () => {
    const result = await runAction(actionDefinitionOf(action.value)!, as(null), {});
    expect(result).toMatchObject({ ok: false, code: "unauthorized" });
  });

  it.each(roles.map((role) => [role] as const))("as %s: allowed only if the matrix says so", async (role) => {
    const result = await runAction(actionDefinitionOf(action.value)!, as(signedIn[role].id), {});
    if (expected.allowed.includes(role)) {
      // Past the guard: empty input is refused by the schema (bad_request), never by the role check.
      expect(["unauthorized", "forbidden"]).not.toContain(result.ok ? "ok" : (result.code ?? "unexpected"));
    } else {
      expect(result).toMatchObject({ ok: false, code: "forbidden" });
    }
  });
});
