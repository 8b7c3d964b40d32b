import { describe, expect, it } from "vitest";
import { handoffStatus } from "@/db/schema/handoffs";
import { allowedCommands, checkTransition, checkUndo, commands, UNDO_GRACE_MS, UNDO_WINDOW_MS, undoableCommandOf, type StatusCommand } from "./state-machine";

const statuses = handoffStatus.enumValues;

describe("handoff state machine", () => {
  it("allows exactly the transitions SPEC.md names", () => {
    const allowed = statuses.flatMap((from) => allowedCommands(from).map((c) => `${from} -${c}-> ${commands[c].to}`));
    expect(allowed.sort()).toEqual(
      [
        "pending -accept-> accepted",
        "pending -discard-> discarded",
        "accepted -start_follow_up-> in_follow_up",
        "accepted -convert-> converted",
        "accepted -discard-> discarded",
        "in_follow_up -convert-> converted",
        "in_follow_up -discard-> discarded",
        "pending -hand_back-> pending",
        "accepted -hand_back-> pending",
        "in_follow_up -hand_back-> pending",
      ].sort(),
    );
  });

  it("never leaves a closed package", () => {
    for (const closed of ["converted", "discarded"] as const) {
      for (const command of Object.keys(commands) as StatusCommand[]) {
        const check = checkTransition(command, closed);
        expect(check.ok).toBe(false);
      }
    }
  });

  it("explains a refusal in words", () => {
    const check = checkTransition("convert", "pending");
    expect(check).toEqual({ ok: false, reason: "You can't convert a package that is pending." });
    expect(checkTransition("hand_back", "converted")).toEqual({ ok: false, reason: "You can't hand back a package that is converted." });
  });

  it("hands any open package back to the agent as pending, and no closed one", () => {
    for (const open of ["pending", "accepted", "in_follow_up"] as const) expect(checkTransition("hand_back", open)).toEqual({ ok: true, to: "pending" });
    for (const closed of ["converted", "discarded"] as const) expect(checkTransition("hand_back", closed).ok).toBe(false);
  });
});

describe("undo", () => {
  const at = new Date("2026-12-01T10:00:00Z");
  const later = (ms: number) => new Date(at.getTime() + ms);
  const accept = { type: "status_changed", actorId: "u1", fromStatus: "pending" as const, toStatus: "accepted" as const, createdAt: at };

  it("knows which events record an action a person may take back", () => {
    expect(undoableCommandOf(accept)).toBe("accept");
    expect(undoableCommandOf({ ...accept, fromStatus: "accepted", toStatus: "discarded" })).toBe("discard");
    expect(undoableCommandOf({ ...accept, fromStatus: "in_follow_up", toStatus: "converted" })).toBe("convert");
    expect(undoableCommandOf({ ...accept, type: "snoozed", fromStatus: null, toStatus: null })).toBe("snooze");
    expect(undoableCommandOf({ ...accept, fromStatus: "accepted", toStatus: "in_follow_up" })).toBeNull();
    expect(undoableCommandOf({ ...accept, type: "undone" })).toBeNull();
  });

  it("puts the package back to the status the action left, for its actor, within the window", () => {
    expect(checkUndo(accept, "accepted", "u1", later(5_000))).toEqual({ ok: true, command: "accept", to: "pending" });
    expect(checkUndo({ ...accept, fromStatus: "in_follow_up", toStatus: "discarded" }, "discarded", "u1", later(1))).toEqual({
      ok: true,
      command: "discard",
      to: "in_follow_up",
    });
  });

  it("refuses another person, a late undo and a package that moved on", () => {
    expect(checkUndo(accept, "accepted", "u2", later(1))).toMatchObject({ ok: false, reason: "Only the person who made this change can undo it." });
    expect(checkUndo(accept, "accepted", "u1", later(UNDO_WINDOW_MS + UNDO_GRACE_MS + 1))).toMatchObject({ ok: false });
    expect(checkUndo(accept, "in_follow_up", "u1", later(1))).toMatchObject({ ok: false, reason: "The package changed since; nothing was undone." });
  });
});
