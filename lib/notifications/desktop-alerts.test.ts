import { describe, expect, it } from "vitest";
import { desktopAlertsOn, rememberAsked, setDesktopAlerts, shouldOfferDesktopAlerts } from "./desktop-alerts";

const store = () => {
  const values = new Map<string, string>();
  return { getItem: (k: string) => values.get(k) ?? null, setItem: (k: string, v: string) => void values.set(k, v) };
};

describe("desktop alerts", () => {
  it("are on until the person turns them off in this browser", () => {
    const s = store();
    expect(desktopAlertsOn(s)).toBe(true);
    setDesktopAlerts(s, false);
    expect(desktopAlertsOn(s)).toBe(false);
    setDesktopAlerts(s, true);
    expect(desktopAlertsOn(s)).toBe(true);
  });

  it("offer the browser's permission prompt once, only while the browser has not decided, and not when turned off", () => {
    const s = store();
    expect(shouldOfferDesktopAlerts(s, "default")).toBe(true);
    expect(shouldOfferDesktopAlerts(s, "granted")).toBe(false);
    expect(shouldOfferDesktopAlerts(s, "denied")).toBe(false);
    expect(shouldOfferDesktopAlerts(s, "unsupported")).toBe(false);
    rememberAsked(s);
    expect(shouldOfferDesktopAlerts(s, "default")).toBe(false);
    const off = store();
    setDesktopAlerts(off, false);
    expect(shouldOfferDesktopAlerts(off, "default")).toBe(false);
  });
});
