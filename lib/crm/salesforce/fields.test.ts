import { describe, expect, it } from "vitest";
import type { PlannedRecord } from "@/lib/crm/plan-sync";
import { defaultSalesforceSettings, salesforceFields, sObjectOf, sObjectOfId } from "@/lib/crm/salesforce/fields";

const ctx = { settings: defaultSalesforceSettings, ownerId: null, integrationUserId: "005000000000000AAA", now: new Date("2026-12-01T09:00:00Z") };

function contact(salesIntent: boolean): PlannedRecord {
  return {
    kind: "contact",
    key: "email:ines@harbourline.io",
    mode: "upsert",
    label: "Ines",
    why: "",
    fields: {
      email: "ines@harbourline.io",
      firstName: "Ines",
      lastName: null,
      phone: null,
      jobTitle: null,
      companyName: "Harbourline",
      website: null,
      lifecycleStage: "lead",
      leadStatus: "NEW",
      intent: "information",
      source: "form",
      ownerEmail: null,
      salesIntent,
      handoff: { priority: "normal", status: "pending", reasons: ["high_value", "risk"], packageUrl: "http://x/handoffs/1" },
    },
  };
}

describe("salesforceFields", () => {
  it("files a person without sales intent as a Lead holding the company, with Baton's fields and a last name Salesforce requires", () => {
    expect(sObjectOf(contact(false))).toBe("Lead");
    expect(salesforceFields(contact(false), ctx)).toMatchObject({
      Baton_Key__c: "email:ines@harbourline.io",
      LastName: "Ines",
      Company: "Harbourline",
      Status: "Open - Not Contacted",
      Baton_Priority__c: "normal",
      Baton_Reasons__c: "high_value, risk",
    });
    expect(salesforceFields(contact(false), ctx)).not.toHaveProperty("FirstName");
  });

  it("files a person with sales intent as a Contact, without the Lead-only fields", () => {
    expect(sObjectOf(contact(true))).toBe("Contact");
    const fields = salesforceFields(contact(true), ctx);
    expect(fields).not.toHaveProperty("Company");
    expect(fields).not.toHaveProperty("Status");
  });

  it("gives an open opportunity the configured stage and a close date closeDays ahead; a won one its amount and the day it closed", () => {
    const deal = (stage: "qualified" | "won", closeDate: Date | null, amount: number | null): PlannedRecord => ({
      kind: "deal",
      key: "handoff:1",
      mode: "upsert",
      label: "",
      why: "",
      fields: { name: "Harbourline · quote", stage, amount, currency: "EUR", closeDate, ownerEmail: null },
    });
    expect(salesforceFields(deal("qualified", null, null), ctx)).toMatchObject({ StageName: "Qualification", CloseDate: "2026-12-31" });
    expect(salesforceFields(deal("won", new Date("2026-12-02T10:00:00Z"), 24000), ctx)).toMatchObject({
      StageName: "Closed Won",
      CloseDate: "2026-12-02",
      Amount: 24000,
      Baton_Status__c: "won: 24000 EUR",
    });
  });

  it("gives a task whose owner Salesforce does not know to the integration user, naming the owner in the subject", () => {
    const task: PlannedRecord = {
      kind: "task",
      key: "handoff:1",
      mode: "upsert",
      label: "",
      why: "",
      fields: {
        subject: "Call Ines",
        body: "",
        dueAt: new Date("2026-12-01T09:15:00Z"),
        status: "NOT_STARTED",
        priority: "HIGH",
        type: "CALL",
        ownerEmail: "rep@example.com",
      },
    };
    expect(salesforceFields(task, ctx)).toMatchObject({
      OwnerId: "005000000000000AAA",
      Subject: "Call Ines (for rep@example.com)",
      ActivityDate: "2026-12-01",
      Priority: "High",
    });
    expect(salesforceFields(task, { ...ctx, ownerId: "005000000000777AAA" })).toMatchObject({ OwnerId: "005000000000777AAA", Subject: "Call Ines" });
  });

  it("knows an object by its id's key prefix", () => {
    expect(sObjectOfId("00Q000000000001AAA")).toBe("Lead");
    expect(sObjectOfId("003000000000001AAA")).toBe("Contact");
    expect(sObjectOfId("zzz")).toBeNull();
  });
});
