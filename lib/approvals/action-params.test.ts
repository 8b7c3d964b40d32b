import { describe, expect, it } from "vitest";
import { applyParamEdits, checkActionParams } from "./action-params";

describe("checkActionParams", () => {
  it("accepts a complete email and names what an incomplete one lacks", () => {
    expect(checkActionParams("send_email", { to: "ana@acme.io", subject: "Hi", body: "Hello" })).toMatchObject({ ok: true, action: "send_email" });
    expect(checkActionParams("send_email", { to: "ana@acme.io", subject: "Hi" })).toEqual({
      ok: false,
      problem: "body is required",
      fieldErrors: { body: ["body is required"] },
    });
    expect(checkActionParams("send_email", { to: "nope", subject: "Hi", body: "x" })).toEqual({
      ok: false,
      problem: "to must be an email address",
      fieldErrors: { to: ["to must be an email address"] },
    });
  });

  it("normalises a status and refuses one the CRM does not have", () => {
    expect(checkActionParams("update_crm_status", { status: "in progress" })).toMatchObject({ ok: true, params: { status: "IN_PROGRESS" } });
    expect(checkActionParams("update_crm_status", { status: "won" })).toMatchObject({ ok: false, problem: expect.stringContaining("status must be one of") });
  });

  it("reads a deal's amount from text and defaults its stage", () => {
    expect(checkActionParams("create_deal", { name: "Acme", amount: "12000", currency: "eur" })).toMatchObject({
      ok: true,
      params: { amount: 12000, currency: "EUR", stage: "qualified" },
    });
    expect(checkActionParams("create_deal", { amount: "lots" })).toEqual({
      ok: false,
      problem: "amount must be a number",
      fieldErrors: { amount: ["amount must be a number"] },
    });
  });

  it("maps HubSpot's property names for a record update and wants at least one field", () => {
    expect(checkActionParams("update_crm_record", { jobtitle: "CTO", phone: "+34 600" })).toMatchObject({
      ok: true,
      params: { jobTitle: "CTO", phone: "+34 600" },
    });
    expect(checkActionParams("update_crm_record", {})).toMatchObject({
      ok: false,
      problem: expect.stringContaining("at least one field"),
      fieldErrors: { params: [expect.stringContaining("at least one field")] },
    });
  });

  it("refuses actions it cannot run", () => {
    expect(checkActionParams("wire_money", {})).toMatchObject({ ok: false, problem: 'Baton cannot run "wire_money" actions yet.' });
  });

  it("names each problem at the field that holds it, HubSpot's names included", () => {
    expect(checkActionParams("create_deal", { stage: "Qualified to buy", amount: "-3" })).toMatchObject({
      ok: false,
      fieldErrors: { stage: [expect.stringContaining("stage must be one of")], amount: ["amount must not be negative"] },
    });
    expect(checkActionParams("update_crm_record", { jobtitle: "x".repeat(201) })).toMatchObject({ ok: false, fieldErrors: { jobTitle: [expect.any(String)] } });
  });
});

describe("applyParamEdits", () => {
  it("applies only the action's fields that changed, an edited one replacing its aliases", () => {
    const deal = { name: "Acme: audit", stage: "Qualified to buy", pipeline: "New business" };
    expect(applyParamEdits("create_deal", deal, { name: "Acme: audit", stage: "qualified", amount: "", currency: "", subject: "ignored" })).toEqual({
      name: "Acme: audit",
      stage: "qualified",
      pipeline: "New business",
    });
    expect(applyParamEdits("create_deal", deal, { name: "Acme: audit", stage: "Qualified to buy" })).toBeNull();
    expect(applyParamEdits("update_crm_record", { jobtitle: "CTO" }, { jobTitle: "VP Sales" })).toEqual({ jobTitle: "VP Sales" });
    // Blanked: unset where it is optional, refused where the action needs it.
    expect(checkActionParams("update_crm_record", applyParamEdits("update_crm_record", { jobtitle: "CTO" }, { jobTitle: "" })!)).toMatchObject({
      ok: false,
      fieldErrors: { params: [expect.stringContaining("at least one field")] },
    });
    expect(checkActionParams("send_email", applyParamEdits("send_email", { to: "a@b.io", subject: "Hi", body: "x" }, { subject: " " })!)).toMatchObject({
      ok: false,
      fieldErrors: { subject: ["subject must not be empty"] },
    });
    expect(checkActionParams("create_deal", { name: "Acme", currency: "" })).toMatchObject({ ok: true });
  });

  it("makes an invalid request approvable once the field is corrected", () => {
    const edited = applyParamEdits("create_deal", { name: "Acme", stage: "Qualified to buy" }, { stage: "qualified" })!;
    expect(checkActionParams("create_deal", edited)).toMatchObject({ ok: true, params: { stage: "qualified" } });
  });
});
