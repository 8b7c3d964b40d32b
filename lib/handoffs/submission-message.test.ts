import { describe, expect, it } from "vitest";
import { submissionMessage } from "@/lib/handoffs/submission-message";

const base = { channel: "form", receivedAt: "2026-11-20T10:15:00Z" };

describe("a form submission as the conversation's first message", () => {
  it("lists the filled fields in order, in words, and what the lead wrote", () => {
    expect(
      submissionMessage({
        ...base,
        fields: { companySize: 40, use_case: "Routing inbound leads", newsletter: true, tools: ["HubSpot", "Slack"], empty: "", nothing: null },
        messages: [{ from: "lead", text: "We need this before Q1." }],
      }),
    ).toEqual({
      receivedAt: "2026-11-20T10:15:00Z",
      fields: [
        { label: "Company size", value: "40" },
        { label: "Use case", value: "Routing inbound leads" },
        { label: "Newsletter", value: "Yes" },
        { label: "Tools", value: "HubSpot, Slack" },
      ],
      messages: [{ from: "lead", text: "We need this before Q1." }],
    });
  });

  it("reads HubSpot's list of name/value fields as the same fields", () => {
    expect(submissionMessage({ ...base, fields: [{ name: "message", value: "Call me" }] })?.fields).toEqual([{ label: "Message", value: "Call me" }]);
    expect(submissionMessage({ ...base, fields: { firstname: "Ana", jobtitle: "CTO", numemployees: "40" } })?.fields.map((f) => f.label)).toEqual([
      "First name",
      "Job title",
      "Employees",
    ]);
  });

  it("is nothing when the stored intake is not an intake or holds nothing to read", () => {
    expect(submissionMessage({ hello: "world" })).toBeNull();
    expect(submissionMessage({ ...base, fields: { a: "" }, messages: [{ from: "lead", text: "  " }] })).toBeNull();
  });
});
