import { describe, expect, it } from "vitest";
import { INBOX_VIEW_COOKIE, landingView, readRememberedView, rememberedViewCookie, rememberedViewValue, remembersView } from "@/lib/inbox/landing-view";

const rep = { id: "u-rep", role: "rep" as const };

describe("where the inbox opens", () => {
  it("opens a rep's own packages when nothing is remembered", () => {
    expect(landingView(rep, undefined)).toBe("mine");
  });

  it("opens the view the rep used last", () => {
    expect(landingView(rep, rememberedViewValue("u-rep", "unassigned"))).toBe("unassigned");
    expect(landingView(rep, encodeURIComponent(rememberedViewValue("u-rep", "team")))).toBe("team");
  });

  it("ignores another person's remembered view, a view a rep may not use and garbage", () => {
    expect(landingView(rep, rememberedViewValue("u-other", "team"))).toBe("mine");
    expect(landingView(rep, rememberedViewValue("u-rep", "all"))).toBe("mine");
    expect(landingView(rep, "u-rep.nonsense")).toBe("mine");
    expect(readRememberedView("no-dot", "u-rep")).toBeNull();
  });

  it("leaves managers and admins on today's default", () => {
    expect(landingView({ id: "m", role: "manager" }, undefined)).toBeNull();
    expect(landingView({ id: "a", role: "admin" }, rememberedViewValue("a", "mine"))).toBeNull();
  });

  it("remembers only a rep's explicit choice of a view they may use", () => {
    expect(remembersView("rep", "team")).toBe(true);
    expect(remembersView("rep", undefined)).toBe(false);
    expect(remembersView("rep", "all")).toBe(false);
    expect(remembersView("manager", "team")).toBe(false);
  });

  it("writes a cookie the reader reads back", () => {
    const cookie = rememberedViewCookie("u-rep", "agent");
    expect(cookie.startsWith(`${INBOX_VIEW_COOKIE}=`)).toBe(true);
    const value = cookie.slice(INBOX_VIEW_COOKIE.length + 1).split(";")[0];
    expect(readRememberedView(value, "u-rep")).toBe("agent");
  });
});
