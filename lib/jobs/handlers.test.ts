import { describe, expect, it } from "vitest";
import { jobHandlers } from "./handlers";

describe("jobHandlers", () => {
  it("runs every queue by default, including the CRM sync", () => {
    expect(Object.keys(jobHandlers()).sort()).toEqual([
      "approval-execute",
      "approval-expire",
      "approval-notify",
      "booking-link-email",
      "chat-promise-check",
      "crm-sync",
      "email-ask",
      "email-filter-reply",
      "email-send",
      "knowledge-embed",
      "notify",
      "privacy-crm-erase",
      "privacy-retention",
      "remind",
      "sla-check",
      "webhook-deliver",
      "weekly-summary",
    ]);
  });

  it("narrows to the queues named, and refuses a name that is not a queue", () => {
    expect(Object.keys(jobHandlers({ only: ["crm-sync"] }))).toEqual(["crm-sync"]);
    expect(() => jobHandlers({ only: ["notify", "crm-sinc"] })).toThrow(
      "Unknown queue crm-sinc; the queues are notify, remind, sla-check, crm-sync, weekly-summary, approval-notify, approval-execute, approval-expire, chat-promise-check, privacy-crm-erase, privacy-retention, booking-link-email, email-send, knowledge-embed, email-ask, email-filter-reply, webhook-deliver.",
    );
  });
});
