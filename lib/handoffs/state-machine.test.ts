import { describe, expect, it } from "vitest";
import { handoffStatus } from "@/db/schema/handoffs";
import { allowedCommands, checkTransition, commands, type StatusCommand } from "./state-machine";

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
