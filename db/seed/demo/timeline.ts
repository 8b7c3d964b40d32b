import type { HandoffPriority, HandoffStatus } from "@/db/schema/handoffs";
import type { ReasonCode } from "@/lib/contract/package";
import { discardReasons } from "@/lib/handoffs/discard-reasons";
import { currencyOf } from "./country";
import { DEMO_RULE_VERSION } from "./policy";
import type { DemoEvent } from "./rows";
import { slotCountry, type Slot } from "./slots";
import { people, reassigner, type Who } from "./staff";

/**
 * The timeline a real run would have written: the agent creates the package; a manager may move it;
 * the owner accepts, follows up, converts or discards. Times fall between creation and `now`.
 */
export function timeline(x: {
  slot: Slot;
  priority: HandoffPriority;
  createdAt: Date;
  now: Date;
  rand: () => number;
  routed: Who | null;
  decision: "escalate" | "ask";
  reasons: ReasonCode[];
}) {
  const { slot, createdAt, rand } = x;
  const start = createdAt.getTime();
  const end = x.now.getTime() - 60_000;
  const events: DemoEvent[] = [
    {
      type: "created",
      actorKind: "agent",
      actorEmail: null,
      fromStatus: null,
      toStatus: "pending",
      note: null,
      data: { decision: x.decision, priority: x.priority, reasons: x.reasons, ruleVersion: DEMO_RULE_VERSION, agentSource: "deterministic" },
      userRefs: { routedToId: x.routed ? people[x.routed].email : null },
      createdAt,
    },
  ];

  const responseRange: Record<HandoffPriority, [number, number]> = { immediate: [4, 40], normal: [30, 300], nurture: [180, 2160] };
  const [lo, hi] = responseRange[x.priority];
  const response = Math.min((lo + rand() * (hi - lo)) * 60_000, Math.max(0, end - start) * 0.4);
  let t = start;
  let version = 1;
  let acceptedAt: Date | null = null;
  let closedAt: Date | null = null;
  const actor = slot.own ?? slot.by ?? reassigner[slot.team];
  const user = (who: Who) => people[who].email;

  if (slot.re !== undefined && slot.re !== slot.own) {
    t = start + Math.max(60_000, response * 0.5);
    events.push({
      type: "reassigned",
      actorKind: "user",
      actorEmail: user(reassigner[slot.team]),
      fromStatus: "pending",
      toStatus: "pending",
      note: "Moving this to the right owner.",
      data: {},
      userRefs: { fromOwnerId: slot.re ? user(slot.re) : null, toOwnerId: slot.own ? user(slot.own) : null },
      createdAt: new Date(t),
    });
    version += 1;
  }

  const steps = stepsFor(slot);
  let status: HandoffStatus = "pending";
  for (const step of steps) {
    const at =
      step === "accept" || (step === "discard" && status === "pending") ? Math.max(t + 60_000, start + response) : t + (end - t) * (0.25 + rand() * 0.35);
    t = Math.min(Math.floor(at), end);
    const to = stepTarget[step];
    const data: Record<string, unknown> = {};
    let note: string | null = null;
    if (step === "accept") acceptedAt = new Date(t);
    if (step === "convert" && slot.won) {
      Object.assign(data, { valueAmount: slot.won[0], valueCurrency: currencyOf(slotCountry(slot)), meetingBooked: slot.won[1] });
      note = slot.note ?? null;
      closedAt = new Date(t);
    }
    if (step === "discard") {
      const reason = slot.drop ?? "other";
      Object.assign(data, { reason, reasonLabel: discardReasons[reason] });
      note = slot.note ?? null;
      closedAt = new Date(t);
    }
    events.push({
      type: "status_changed",
      actorKind: "user",
      actorEmail: user(actor),
      fromStatus: status,
      toStatus: to,
      note,
      data,
      userRefs: {},
      createdAt: new Date(t),
    });
    status = to;
    version += 1;
  }
  if (status !== slot.st) throw new Error(`Demo slot ${slot.key}: its path ends in ${status}, not ${slot.st}`);
  return { events, acceptedAt, closedAt, updatedAt: new Date(t), version };
}

type Step = "accept" | "follow" | "convert" | "discard";
const stepTarget: Record<Step, HandoffStatus> = { accept: "accepted", follow: "in_follow_up", convert: "converted", discard: "discarded" };

function stepsFor(slot: Slot): Step[] {
  switch (slot.st) {
    case "pending":
      return [];
    case "accepted":
      return ["accept"];
    case "in_follow_up":
      return ["accept", "follow"];
    case "converted":
      return slot.path === "follow" ? ["accept", "follow", "convert"] : ["accept", "convert"];
    case "discarded":
      return slot.path === "direct" ? ["discard"] : slot.path === "follow" ? ["accept", "follow", "discard"] : ["accept", "discard"];
  }
}
