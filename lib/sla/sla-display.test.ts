import { describe, expect, it } from "vitest";
import { slaDisplay, type SlaSubject } from "@/lib/sla/sla-display";

const created = new Date("2026-12-01T10:00:00Z");
const due = new Date("2026-12-01T10:30:00Z");
const at = (iso: string) => new Date(iso);
const pkg = (over: Partial<SlaSubject>): SlaSubject => ({
  status: "pending",
  priority: "normal",
  slaDueAt: due,
  createdAt: created,
  acceptedAt: null,
  ...over,
});

describe("slaDisplay", () => {
  it("counts down a pending package's acceptance clock, and calls it breached once past", () => {
    expect(slaDisplay(pkg({}), at("2026-12-01T10:10:00Z"))).toEqual({ clock: "acceptance", running: true, state: "ok", text: "Due in 20 min" });
    expect(slaDisplay(pkg({}), at("2026-12-01T10:42:00Z"))).toMatchObject({ running: true, state: "breached", text: "Breached 12 min ago" });
  });

  it("stops at acceptance: accepted with 6 minutes left reads as met, however long ago", () => {
    const accepted = pkg({ status: "accepted", acceptedAt: at("2026-12-01T10:24:00Z") });
    expect(slaDisplay(accepted, at("2026-12-01T10:44:00Z"))).toEqual({ clock: "acceptance", running: false, state: "met", text: "Accepted in 24 min" });
    expect(slaDisplay({ ...accepted, status: "in_follow_up" }, at("2026-12-03T10:00:00Z"))).toMatchObject({ state: "met", text: "Accepted in 24 min" });
  });

  it("says how late an acceptance was, without turning red", () => {
    const late = pkg({ status: "converted", acceptedAt: at("2026-12-01T12:30:00Z") });
    expect(slaDisplay(late, at("2026-12-05T00:00:00Z"))).toEqual({ clock: "acceptance", running: false, state: "missed", text: "Accepted 2 h late" });
  });

  it("shows no clock for a package closed without acceptance, or the agent's own records", () => {
    expect(slaDisplay(pkg({ status: "discarded" }), at("2026-12-02T00:00:00Z"))).toEqual({ clock: "none", running: false, state: "none", text: "—" });
    expect(slaDisplay(pkg({ priority: null }), at("2026-12-02T00:00:00Z"))).toMatchObject({ clock: "none" });
  });
});
