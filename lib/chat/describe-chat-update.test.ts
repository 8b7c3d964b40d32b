import { describe, expect, it } from "vitest";
import { describeChatUpdate } from "@/lib/chat/describe-chat-update";

const context = { fromStatus: "pending", toStatus: "pending", ownerNames: { "u-1": "Dana Reyes" } };

describe("describeChatUpdate", () => {
  it("names a priority change and the deadline it moved", () => {
    const data = {
      from: { decision: "escalate", priority: "normal" },
      to: { decision: "escalate", priority: "immediate" },
      factsAdded: [],
      slaDueAt: { from: "2026-12-02T12:00:00.000Z", to: "2026-12-02T08:15:00.000Z" },
    };
    expect(describeChatUpdate(data, context)).toBe(
      "updated it from the chat: priority Normal → Immediate; SLA due 2026-12-02 12:00 UTC → 2026-12-02 08:15 UTC",
    );
  });

  it("names an escalation, a reopened record, the owner routing chose and the facts the lead added", () => {
    const data = {
      from: { decision: "filter", priority: null },
      to: { decision: "escalate", priority: "normal" },
      factsAdded: ["email", "monthly_leads"],
      owner: { from: null, to: "u-1" },
    };
    expect(describeChatUpdate(data, { ...context, fromStatus: "discarded" })).toBe(
      "updated it from the chat: filtered → escalated; priority none → Normal; status discarded → pending; owner the team queue → Dana Reyes; the lead added email, monthly leads",
    );
  });

  it("says only what changed when the lead added a fact", () => {
    const same = { decision: "escalate", priority: "normal" };
    expect(describeChatUpdate({ from: same, to: same, factsAdded: ["phone"] }, context)).toBe("updated it from the chat: the lead added phone");
  });

  it("reads an event written before it said what changed", () => {
    expect(describeChatUpdate({}, context)).toBe("updated it from the chat");
  });
});
