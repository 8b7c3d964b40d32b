import { describe, expect, it } from "vitest";
import {
  bookingProvider,
  bookingReference,
  bookingUrlField,
  bookingUrlProblem,
  parseBookingReference,
  prefilledBookingLink,
  resolveBookingLink,
} from "./booking-link";

const id = "3f2b9c1e-7a4d-4e1f-9b2a-5c6d7e8f9a0b";
const lead = { name: "Ana Ruiz", email: "ana@acme.io" };

describe("booking links", () => {
  it("accepts https scheduling pages and names what is wrong with anything else", () => {
    expect(bookingUrlProblem("https://cal.com/dana-reyes/diagnosis")).toBeNull();
    expect(bookingUrlProblem("http://cal.com/dana")).toMatch(/https:\/\//);
    expect(bookingUrlProblem("javascript:alert(1)")).toMatch(/https:\/\//);
    expect(bookingUrlProblem("not a url")).toMatch(/https:\/\//);
    expect(bookingUrlProblem("https://user:pw@cal.com/x")).toMatch(/password/);
    expect(bookingUrlProblem("https://localhost/x")).toMatch(/host/);
    expect(bookingUrlProblem(`https://cal.com/${"a".repeat(600)}`)).toMatch(/500/);
    expect(bookingUrlField.parse("  ")).toBeNull();
    expect(bookingUrlField.safeParse("ftp://x.io").success).toBe(false);
  });

  it("prefills Cal.com with name, email and metadata[baton]", () => {
    const url = new URL(prefilledBookingLink("https://cal.com/dana-reyes/diagnosis", lead, bookingReference(id)));
    expect(url.origin + url.pathname).toBe("https://cal.com/dana-reyes/diagnosis");
    expect(url.searchParams.get("name")).toBe("Ana Ruiz");
    expect(url.searchParams.get("email")).toBe("ana@acme.io");
    expect(url.searchParams.get("metadata[baton]")).toBe(`bt_${id}`);
    expect(parseBookingReference(url.searchParams.get("metadata[baton]"))).toBe(id);
  });

  it("prefills Calendly with name, email and utm_content, keeping what the setting already carries", () => {
    const url = new URL(prefilledBookingLink("https://calendly.com/sales-team/diagnosis?hide_gdpr_banner=1&name=Fixed", lead, bookingReference(id)));
    expect(url.searchParams.get("utm_content")).toBe(`bt_${id}`);
    expect(url.searchParams.get("email")).toBe("ana@acme.io");
    expect(url.searchParams.get("name")).toBe("Fixed");
    expect(url.searchParams.get("hide_gdpr_banner")).toBe("1");
  });

  it("uses any other scheduling URL as given, and leaves out what is unknown", () => {
    expect(prefilledBookingLink("https://meet.example.org/book?x=1", lead, "bt_x")).toBe("https://meet.example.org/book?x=1");
    const url = new URL(prefilledBookingLink("https://app.cal.com/team/sales", { name: null, email: null }, bookingReference(id)));
    expect([...url.searchParams.keys()]).toEqual(["metadata[baton]"]);
    expect(bookingProvider("https://evil-cal.com/x")).toBe("other");
    expect(bookingProvider("https://calendly.com.evil.io/x")).toBe("other");
  });

  it("resolves the owner's link, then the team's, then the default, else none", () => {
    expect(resolveBookingLink({ owner: "https://cal.com/o", team: "https://cal.com/t", fallback: "https://cal.com/d" })).toEqual({
      url: "https://cal.com/o",
      source: "owner",
    });
    expect(resolveBookingLink({ owner: null, team: "https://cal.com/t", fallback: "https://cal.com/d" })).toEqual({ url: "https://cal.com/t", source: "team" });
    expect(resolveBookingLink({ owner: null, team: null, fallback: "https://cal.com/d" })).toEqual({ url: "https://cal.com/d", source: "default" });
    expect(resolveBookingLink({ owner: null, team: null, fallback: null })).toBeNull();
  });

  it("reads back only its own references", () => {
    expect(parseBookingReference(id)).toBeNull();
    expect(parseBookingReference("bt_not-a-uuid")).toBeNull();
    expect(parseBookingReference(42)).toBeNull();
    expect(parseBookingReference(` bt_${id.toUpperCase()} `)).toBe(id);
  });
});
