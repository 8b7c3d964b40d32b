import { describe, expect, it } from "vitest";
import { checkActionParams } from "./action-params";

describe("checkActionParams", () => {
  it("accepts a complete email and names what an incomplete one lacks", () => {
    expect(checkActionParams("send_email", { to: "ana@acme.io", subject: "Hi", body: "Hello" })).toMatchObject({ ok: true, action: "send_email" });
    expect(checkActionParams("send_email", { to: "ana@acme.io", subject: "Hi" })).toEqual({ ok: false, problem: "body is required" });
    expect(checkActionParams("send_email", { to: "nope", subject: "Hi", body: "x" })).toEqual({ ok: false, problem: "to must be an email address" });
  });

  it("normalises a status and refuses one the CRM does not have", () => {
    expect(checkActionParams("update_crm_status", { status: "in progress" })).toMatchObject({ ok: true, params: { status: "IN_PROGRESS" } });
    expect(checkActionParams("update_crm_status", { status: "won" })).toMatchObject({ ok: false, problem: expect.stringContaining("status must be one of") });
  });

  it("reads a deal's amount from text and defaults its stage", () => {
    expect(checkActionParams("create_deal", { name: "Acme", amount: "12000", currency: "eur" })).toMatchObject({ ok: true, params: { amount: 12000, currency: "EUR", stage: "qualified" } });
    expect(checkActionParams("create_deal", { amount: "lots" })).toEqual({ ok: false, problem: "amount must be a number" });
  });

  it("maps HubSpot's property names for a record update and wants at least one field", () => {
    expect(checkActionParams("update_crm_record", { jobtitle: "CTO", phone: "+34 600" })).toMatchObject({ ok: true, params: { jobTitle: "CTO", phone: "+34 600" } });
    expect(checkActionParams("update_crm_record", {})).toMatchObject({ ok: false, problem: expect.stringContaining("at least one field") });
  });

  it("refuses actions it cannot run", () => {
    expect(checkActionParams("wire_money", {})).toEqual({ ok: false, problem: 'Baton cannot run "wire_money" actions yet.' });
  });
});
