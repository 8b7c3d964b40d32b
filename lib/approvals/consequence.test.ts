import { describe, expect, it } from "vitest";
import { consequenceOf } from "@/lib/agent/build-package";
import { currentConsequence, restatedConsequence } from "@/lib/approvals/consequence";
import { infoRequestConsequence, infoRequestEmail } from "@/lib/handoffs/info-request-messages";

const five = infoRequestEmail({ leadName: "Ines Marsh", ownerName: "Dana", questions: ["Budget?", "Timeline?", "Team size?", "Current CRM?", "Who signs?"] });
const infoRequest = {
  actionType: "send_email",
  params: { to: "ines@harbourline.io", subject: five.subject, body: five.body, infoRequestId: "7f6c1f8e-7c55-4b55-9a55-5b0c2d1f3a11" },
  consequence: infoRequestConsequence("ines@harbourline.io", five.body),
};

describe("an approval's consequence", () => {
  it("counts the questions an info-request email asks", () => {
    expect(infoRequest.consequence).toBe("Sends an email to ines@harbourline.io asking 5 questions.");
  });

  it("follows a manager who edits the email down to two questions", () => {
    const body = five.body.replace(/\n3\. .*\n4\. .*\n5\. .*/, "");
    const edited = { ...infoRequest.params, body };
    expect(restatedConsequence(infoRequest, edited)).toBe("Sends an email to ines@harbourline.io asking 2 questions.");
    expect(currentConsequence({ ...infoRequest, params: edited })).toBe("Sends an email to ines@harbourline.io asking 2 questions.");
  });

  it("restates a derived consequence from the edited parameters and keeps one written in words", () => {
    const deal = {
      actionType: "create_deal",
      params: { name: "Acme: audit", stage: "Qualified to buy" },
      consequence: consequenceOf("create_deal", { name: "Acme: audit" }),
    };
    expect(restatedConsequence({ ...deal, params: { name: "Acme: audit" } }, { name: "Acme: full audit", stage: "qualified" })).toBe(
      consequenceOf("create_deal", { name: "Acme: full audit" }),
    );
    const written = { ...deal, consequence: "Opens a deal in the pipeline and counts it in the forecast" };
    expect(restatedConsequence(written, { name: "Acme: full audit", stage: "qualified" })).toBe(written.consequence);
  });
});
