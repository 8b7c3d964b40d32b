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
  });
});
