import { describe, expect, it } from "vitest";
import { actionTypes } from "@/lib/contract/package";
import { dealStages, leadStatuses } from "@/lib/approvals/action-params";
import { approvalChangeInWords, valueInWords } from "@/lib/approvals/change-in-words";

// No raw CRM key, code or JSON reaches a person: no camelCase, no snake_case, no braces.
const rawLooking = /[{}[\]"]|\b[a-z]+[A-Z]\w*\b|\b[a-z]+_[a-z_]+\b|\b[A-Z]{2,}_[A-Z_]+\b/;

describe("an approval's change in words", () => {
  it("says a lost deal as a sentence, with its reason", () => {
    expect(approvalChangeInWords("create_deal", { stage: "lost", reason: "Budget" })).toEqual(["Mark the deal as lost: reason 'Budget'."]);
    expect(approvalChangeInWords("create_deal", { stage: "closed_lost", name: "Kestrel" })).toEqual(["Mark the deal 'Kestrel' as lost."]);
  });

  it("says a new deal with its amount in money", () => {
    expect(approvalChangeInWords("create_deal", { name: "Kestrel qualification", amount: 18000, currency: "EUR" })).toEqual([
      "Create a deal 'Kestrel qualification' of €18,000 in the CRM at the 'qualified' stage.",
    ]);
  });

  it.each(dealStages.map((stage) => [stage]))("says the %s deal stage in words", (stage) => {
    const [line] = approvalChangeInWords("create_deal", { stage, amount: 100, currency: "USD" });
    expect(line).not.toMatch(rawLooking);
  });

  it.each(leadStatuses.map((status) => [status]))("says the CRM status %s in words", (status) => {
    const lines = approvalChangeInWords("update_crm_status", { status });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(rawLooking);
  });

  it("marks an unqualified lead as such", () => {
    expect(approvalChangeInWords("update_crm_status", { status: "UNQUALIFIED" })).toEqual(["Mark the lead as unqualified in the CRM."]);
    expect(approvalChangeInWords("update_crm_status", { status: "IN_PROGRESS" })).toEqual(["Set the lead's status in the CRM to 'in progress'."]);
  });

  it("says each contact field a CRM record update changes, in either spelling", () => {
    expect(approvalChangeInWords("update_crm_record", { jobTitle: "CTO", phone: "+34 600 000 000" })).toEqual([
      "Change the contact's job title to 'CTO'.",
      "Change the contact's phone to '+34 600 000 000'.",
    ]);
    expect(approvalChangeInWords("update_crm_record", { jobtitle: "CTO", lifecycleStage: "salesqualifiedlead" })).toEqual([
      "Change the contact's job title to 'CTO'.",
      "Change the contact's lifecycle stage to 'sales-qualified lead'.",
    ]);
  });

  it("says an email: to whom, its subject, then the message", () => {
    expect(approvalChangeInWords("send_email", { to: "ana@kestrel.io", subject: "Your pricing", body: "Hi Ana", infoRequestId: "x" })).toEqual([
      "Email ana@kestrel.io with the subject 'Your pricing'.",
      "Message: Hi Ana",
    ]);
  });

  it.each(actionTypes.map((type) => [type]))("has a sentence for %s and never shows a key, a code or JSON", (type) => {
    const params = {
      to: "a@b.co",
      subject: "S",
      body: "B",
      status: "OPEN_DEAL",
      stage: "won",
      amount: 5,
      currency: "EUR",
      jobTitle: "CTO",
      title: "Call back",
    };
    const lines = approvalChangeInWords(type, params);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).not.toMatch(rawLooking);
  });

  it("reads whatever else a request carries without JSON", () => {
    const lines = approvalChangeInWords("create_deal", { stage: "won", target: { crm: "HubSpot", lifecycleStage: "customer" } });
    expect(lines).toEqual(["Mark the deal as won.", "Target: crm 'HubSpot', lifecycle stage 'customer'"]);
    for (const line of lines) expect(line).not.toMatch(rawLooking);
  });

  it("reads values in words", () => {
    expect(valueInWords("closed_lost", "dealstage")).toBe("lost");
    expect(valueInWords(true)).toBe("yes");
    expect(valueInWords(["a", "b"])).toBe("a, b");
  });
});
