import { describe, expect, it } from "vitest";
import { approvalsFor } from "./proposed-approvals";

const now = new Date("2026-11-25T10:00:00Z");

describe("approvalsFor", () => {
  it("opens one request per action that needs approval, with the package's consequence and reason", () => {
    const params = { to: "ana@acme.io", subject: "Your audit", body: "Hello" };
    const rows = approvalsFor(
      {
        decision: "escalate",
        actions: [
          { type: "create_task", requiresApproval: false },
          { type: "send_email", requiresApproval: true, params },
        ],
      },
      { proposedActions: [{ type: "send_email", params, consequence: "An email is sent.", reason: "They asked for it." }] } as never,
      { now, ttlHours: 48 },
    );
    expect(rows).toEqual([
      { actionType: "send_email", params, consequence: "An email is sent.", reason: "They asked for it.", expiresAt: new Date("2026-11-27T10:00:00Z") },
    ]);
  });

  it("explains a rule's own sensitive action, which has no parameters", () => {
    const [row] = approvalsFor({ decision: "act", actions: [{ type: "update_crm_status", requiresApproval: true }] }, null, { now, ttlHours: 1 });
    expect(row).toMatchObject({
      actionType: "update_crm_status",
      params: {},
      consequence: "The lead's status in the CRM changes.",
      reason: expect.stringContaining("rule set"),
    });
  });

  it("opens nothing for a lead that is filtered or asked a question", () => {
    const actions = [{ type: "send_email" as const, requiresApproval: true, params: {} }];
    expect(approvalsFor({ decision: "filter", actions }, null, { now, ttlHours: 1 })).toEqual([]);
    expect(approvalsFor({ decision: "ask", actions }, null, { now, ttlHours: 1 })).toEqual([]);
  });
});
