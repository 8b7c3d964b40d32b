import { describe, expect, it } from "vitest";
import { LEAD_AWAY_AFTER_MS, leftWithoutEmailNotice, replyRoute } from "./reply-route";

const now = new Date("2026-03-02T10:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("replyRoute", () => {
  it("keeps a reply in the chat while the lead's widget was seen recently", () => {
    expect(replyRoute({ leadLastSeenAt: ago(LEAD_AWAY_AFTER_MS - 1000), leadEmail: "mia@acme.example", now })).toEqual({ via: "chat", notice: null });
  });

  it("sends it by email, to the lower-cased address, once the lead has been gone longer than the limit", () => {
    expect(replyRoute({ leadLastSeenAt: ago(LEAD_AWAY_AFTER_MS + 1000), leadEmail: " Mia@Acme.example ", now })).toEqual({
      via: "email",
      to: "mia@acme.example",
    });
  });

  it("treats a lead never seen as gone", () => {
    expect(replyRoute({ leadLastSeenAt: null, leadEmail: "mia@acme.example", now })).toEqual({ via: "email", to: "mia@acme.example" });
  });

  it("without an email, keeps it in the chat and says so", () => {
    expect(replyRoute({ leadLastSeenAt: ago(LEAD_AWAY_AFTER_MS * 3), leadEmail: "  ", now })).toEqual({ via: "chat", notice: leftWithoutEmailNotice });
    expect(leftWithoutEmailNotice).toContain("no email address");
  });
});
