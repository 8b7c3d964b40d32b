import { describe, expect, it } from "vitest";
import { buildWebhookPayload } from "./payload";

describe("buildWebhookPayload", () => {
  it("is versioned and never carries a card number or a password a note repeated", () => {
    const body = buildWebhookPayload({
      type: "handoff.note_added",
      occurredAt: new Date("2026-12-01T10:00:00Z"),
      handoff: null,
      event: { actorKind: "user", actorId: "u1", fromStatus: null, toStatus: null, note: "Card 4111 1111 1111 1111, call back", data: { password: "hunter2" } },
    });
    expect(body).toMatchObject({ type: "handoff.note_added", version: expect.any(String), timestamp: "2026-12-01T10:00:00.000Z" });
    const text = JSON.stringify(body);
    expect(text).not.toContain("4111 1111 1111 1111");
    expect(text).not.toContain("hunter2");
    expect(text).toContain("call back");
  });
});
