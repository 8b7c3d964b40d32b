import { describe, expect, it } from "vitest";
import { primaryAction, telHref, type PrimaryActionContext } from "@/lib/handoffs/primary-action";

const owned: PrimaryActionContext = {
  nextStep: "email",
  mayAccept: false,
  mayActOpen: true,
  leadName: "Dana Whitfield",
  phone: null,
  email: "dana@acme.test",
  chatComposer: false,
  emailComposer: false,
  bookingUrl: null,
  pendingApprovals: 0,
};

describe("the top card's primary action", () => {
  it("is Accept while the package waits for an owner this person may become", () => {
    expect(primaryAction({ ...owned, mayAccept: true, nextStep: "call", phone: "+34 600 111 222" })).toEqual({ kind: "accept", label: "Accept" });
  });

  it("is nothing for a person who cannot act on the package, or for one that is closed", () => {
    expect(primaryAction({ ...owned, mayActOpen: false })).toBeNull();
  });

  it("calls when the package says call and a phone is known, with a dialable tel: link", () => {
    expect(primaryAction({ ...owned, nextStep: "call", phone: "+34 (600) 111-222" })).toEqual({ kind: "call", label: "Call Dana", href: "tel:+34600111222" });
  });

  it("never offers Call without a phone: it replies instead, where the lead is", () => {
    expect(primaryAction({ ...owned, nextStep: "call" })).toEqual({ kind: "email", label: "Email Dana", href: "mailto:dana@acme.test" });
    expect(primaryAction({ ...owned, nextStep: "call", chatComposer: true })?.kind).toBe("reply_chat");
    expect(primaryAction({ ...owned, nextStep: "call", phone: "n/a" })?.kind).toBe("email");
  });

  it("replies in the chat first, then in the email thread, then by mailto", () => {
    expect(primaryAction({ ...owned, chatComposer: true, emailComposer: true })).toMatchObject({ kind: "reply_chat", href: "#live-chat-text" });
    expect(primaryAction({ ...owned, emailComposer: true })).toMatchObject({ kind: "reply_email", href: "#email-reply-text" });
    expect(primaryAction(owned)).toMatchObject({ kind: "email", href: "mailto:dana@acme.test" });
  });

  it("books the meeting an audit calls for when a booking link is set, and asks by reply when none is", () => {
    expect(primaryAction({ ...owned, nextStep: "audit", bookingUrl: "https://cal.test/dana" })).toEqual({
      kind: "book",
      label: "Book a meeting",
      href: "https://cal.test/dana",
    });
    expect(primaryAction({ ...owned, nextStep: "audit" })?.kind).toBe("email");
  });

  it("points to the pending approval when the next step is to approve an action", () => {
    expect(primaryAction({ ...owned, nextStep: "approve_action", pendingApprovals: 1 })?.kind).toBe("review_approval");
    expect(primaryAction({ ...owned, nextStep: "approve_action", pendingApprovals: 0 })?.kind).toBe("email");
  });

  it("offers nothing it cannot do: no way to reach the lead and no booking link", () => {
    expect(primaryAction({ ...owned, email: null })).toBeNull();
    expect(primaryAction({ ...owned, nextStep: "discard" })).toBeNull();
  });

  it("names the lead by email when no name is known", () => {
    expect(primaryAction({ ...owned, leadName: null })?.label).toBe("Email dana@acme.test");
  });
});

describe("telHref", () => {
  it("keeps digits and a leading plus, and refuses text with no number in it", () => {
    expect(telHref(" 600 11 22 33 ")).toBe("tel:600112233");
    expect(telHref("+1 (415) 555-0100 ext")).toBe("tel:+14155550100");
    expect(telHref("unknown")).toBeNull();
  });
});
