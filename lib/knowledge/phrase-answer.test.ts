import { describe, expect, it } from "vitest";
import { checkAnswerGrounding } from "@/lib/knowledge/phrase-answer";

const passage = "We integrate with three CRMs today: HubSpot, Pipedrive and Salesforce. A typical engagement takes between four and eight weeks.";

describe("checkAnswerGrounding", () => {
  it("accepts a close paraphrase of the passage", () => {
    expect(checkAnswerGrounding("Yes: we integrate with HubSpot, Pipedrive and Salesforce.", passage)).toEqual({ ok: true });
  });
  it("refuses a name, number or address the passage does not hold", () => {
    expect(checkAnswerGrounding("Yes, we integrate with Salesforce and Zoho.", passage)).toMatchObject({ ok: false, reason: expect.stringContaining("Zoho") });
    expect(checkAnswerGrounding("It takes 3 weeks.", passage)).toMatchObject({ ok: false, reason: expect.stringContaining("3") });
    expect(checkAnswerGrounding("Write to sales@example.com.", passage)).toMatchObject({ ok: false });
    expect(checkAnswerGrounding("", passage)).toMatchObject({ ok: false });
  });
});
