import { describe, expect, it } from "vitest";
import { EMAIL_TEXT_MAX, emailEngagement, type ThreadEmail } from "@/lib/crm/email-engagement";
import { hubspotEmailProperties, KEY_PROPERTY } from "@/lib/crm/hubspot/properties";

const base: ThreadEmail = {
  id: "0b9f0c1e-1111-4a2b-9c3d-222222222222",
  handoffId: "7d4e5f60-3333-4b5c-8d9e-444444444444",
  direction: "inbound",
  fromName: "Ana María Ruiz",
  fromAddress: "Ana@Northwind.example",
  toAddresses: ["Sales@Baton.test"],
  subject: "Pricing for our team",
  text: "Could someone send pricing?",
  at: new Date("2026-12-01T10:00:00.000Z"),
};

describe("emailEngagement", () => {
  it("an inbound email is INCOMING_EMAIL keyed by the email row, with the sender's name split and addresses lower-cased", () => {
    expect(emailEngagement(base)).toEqual({
      key: `email:${base.id}`,
      handoffId: base.handoffId,
      direction: "INCOMING_EMAIL",
      timestamp: base.at,
      subject: "Pricing for our team",
      text: "Could someone send pricing?",
      from: { email: "ana@northwind.example", firstName: "Ana", lastName: "María Ruiz" },
      to: [{ email: "sales@baton.test" }],
    });
  });

  it("an outbound email (the rep's or the agent's) is EMAIL; no sender name leaves both names null", () => {
    const e = emailEngagement({ ...base, direction: "outbound", fromName: null });
    expect(e.direction).toBe("EMAIL");
    expect(e.from).toEqual({ email: "ana@northwind.example", firstName: null, lastName: null });
  });

  it("masks a card number in the text and the subject, whatever was stored", () => {
    const e = emailEngagement({ ...base, subject: "card 4111 1111 1111 1111", text: "My card is 4111 1111 1111 1111, charge it." });
    expect(e.text).not.toMatch(/4111 1111 1111 1111|4111111111111111/);
    expect(e.subject).not.toMatch(/4111 1111 1111 1111/);
    expect(e.text).toContain("charge it.");
  });

  it("caps a long text at EMAIL_TEXT_MAX characters, marked as cut", () => {
    const e = emailEngagement({ ...base, text: "a".repeat(EMAIL_TEXT_MAX * 2) });
    expect(e.text).toHaveLength(EMAIL_TEXT_MAX);
    expect(e.text.endsWith("…")).toBe(true);
    expect(emailEngagement({ ...base, text: "a".repeat(EMAIL_TEXT_MAX) }).text).toHaveLength(EMAIL_TEXT_MAX);
  });
});

describe("hubspotEmailProperties", () => {
  it("speaks HubSpot's email engagement properties, the headers as a JSON string", () => {
    const props = hubspotEmailProperties(emailEngagement(base));
    expect(props).toEqual({
      [KEY_PROPERTY]: `email:${base.id}`,
      hs_timestamp: "2026-12-01T10:00:00.000Z",
      hs_email_direction: "INCOMING_EMAIL",
      hs_email_status: "SENT",
      hs_email_subject: "Pricing for our team",
      hs_email_text: "Could someone send pricing?",
      hs_email_headers: expect.any(String),
    });
    expect(JSON.parse(props.hs_email_headers!)).toEqual({
      from: { email: "ana@northwind.example", firstName: "Ana", lastName: "María Ruiz" },
      to: [{ email: "sales@baton.test" }],
      cc: [],
      bcc: [],
    });
  });
});
