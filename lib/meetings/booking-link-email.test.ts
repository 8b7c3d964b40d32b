import { describe, expect, it } from "vitest";
import { bookingLinkEmailMessage, bookingLinkMessageId } from "./booking-link-email";

const link = "https://cal.com/dana-reyes/diagnosis?name=Ana+Ruiz&email=ana%40acme.io&metadata%5Bbaton%5D=bt_x";

describe("the booking-link email", () => {
  it("greets the lead by first name, names the owner and carries the link in both parts", () => {
    const m = bookingLinkEmailMessage({ leadName: "Ana Ruiz", ownerName: "Dana Reyes", link, language: "en" });
    expect(m.subject).toBe("Book your free diagnosis call");
    expect(m.text).toMatch(/^Hi Ana,/);
    expect(m.text).toContain("with Dana Reyes from our team");
    expect(m.text).toContain(link);
    expect(m.html).toContain(`href="${link.replace(/&/g, "&amp;")}"`);
  });

  it("speaks Spanish (tú) to a Spanish lead, and escapes what it puts in HTML", () => {
    const m = bookingLinkEmailMessage({ leadName: "<b>Lucía</b>", ownerName: null, link, language: "es" });
    expect(m.text).toMatch(/^Hola <b>Lucía<\/b>:/);
    expect(m.text).not.toMatch(/\busted\b/i);
    expect(m.html).toContain("&lt;b&gt;Lucía&lt;/b&gt;");
    expect(m.html).not.toContain("<b>Lucía");
  });

  it("has one Message-ID per package, on the sender's domain", () => {
    expect(bookingLinkMessageId("3f2b9c1e-7a4d-4e1f-9b2a-5c6d7e8f9a0b", "Baton <baton@acme.io>")).toBe(
      "<booking-link.3f2b9c1e-7a4d-4e1f-9b2a-5c6d7e8f9a0b@acme.io>",
    );
  });
});
