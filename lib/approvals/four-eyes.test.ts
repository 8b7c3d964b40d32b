import { describe, expect, it } from "vitest";
import { defaultFourEyes, mayApprove, withDefaults } from "@/lib/approvals/four-eyes";

describe("four-eyes", () => {
  it("is on by default for emails and off for the CRM changes; saved settings win", () => {
    expect(defaultFourEyes).toEqual({ send_email: true, update_crm_status: false, create_deal: false, update_crm_record: false });
    expect(
      withDefaults([
        { actionType: "send_email", fourEyes: false },
        { actionType: "create_deal", fourEyes: true },
      ]),
    ).toMatchObject({ send_email: false, create_deal: true });
  });

  it("keeps the person who drafted an email from approving it, and nobody else", () => {
    const drafted = { actionType: "send_email", requestedById: "rep-1" };
    expect(mayApprove(drafted, "rep-1", defaultFourEyes)).toEqual({ ok: false, reason: expect.stringContaining("another person approves it") });
    expect(mayApprove(drafted, "manager-1", defaultFourEyes)).toEqual({ ok: true });
    expect(mayApprove(drafted, "rep-1", withDefaults([{ actionType: "send_email", fourEyes: false }]))).toEqual({ ok: true });
  });

  it("does not bind the agent's own proposals", () => {
    expect(mayApprove({ actionType: "send_email", requestedById: null }, "rep-1", defaultFourEyes)).toEqual({ ok: true });
  });
});
