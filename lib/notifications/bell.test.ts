import { describe, expect, it } from "vitest";
import { alertsToRaise, notificationHref, toBellState, type BellItem } from "./bell";

const item = (over: Partial<BellItem>): BellItem => ({
  id: "n1",
  title: "New immediate package: Ana Ruiz",
  body: "Routed to you",
  href: "/handoffs/h1",
  createdAt: "2026-12-02T10:00:05.000Z",
  unread: true,
  immediate: true,
  ...over,
});

describe("alertsToRaise", () => {
  const since = new Date("2026-12-02T10:00:00.000Z");

  it("alerts for a new unread immediate package that arrived while listening", () => {
    expect(alertsToRaise([item({})], new Set(), since).map((n) => n.id)).toEqual(["n1"]);
  });

  it("never for one this tab already knew, one already read, one not immediate, or one older than the tab", () => {
    expect(alertsToRaise([item({})], new Set(["n1"]), since)).toEqual([]);
    expect(alertsToRaise([item({ unread: false })], new Set(), since)).toEqual([]);
    expect(alertsToRaise([item({ immediate: false })], new Set(), since)).toEqual([]);
    expect(alertsToRaise([item({ createdAt: "2026-12-02T09:59:59.999Z" })], new Set(), since)).toEqual([]);
  });
});

describe("the bell's items", () => {
  it("link to their package, a stuck queue to the jobs page, anything else nowhere", () => {
    expect(notificationHref({ handoffId: "h1", event: "created" })).toBe("/handoffs/h1");
    expect(notificationHref({ handoffId: null, event: "queue_stalled" })).toBe("/admin/jobs");
    expect(notificationHref({ handoffId: null, event: "weekly_summary" })).toBeNull();
  });

  it("carry what the browser needs, with read state and time as plain values", () => {
    const state = toBellState({
      unread: 3,
      items: [
        { id: "n1", handoffId: null, event: "x", title: "T", body: "B", createdAt: new Date("2026-12-02T10:00:00Z"), readAt: new Date(), immediate: false },
      ],
    });
    expect(state).toEqual({
      unread: 3,
      items: [{ id: "n1", title: "T", body: "B", href: null, createdAt: "2026-12-02T10:00:00.000Z", unread: false, immediate: false }],
    });
  });
});
