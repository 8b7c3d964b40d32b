import { describe, expect, it } from "vitest";
import { intakeEventSchema } from "@/lib/contract/intake";
import { maskIntakeEvent } from "./mask-intake-event";

describe("maskIntakeEvent", () => {
  it("masks every string a lead could have written, HubSpot lists, unknown keys and action parameters included", () => {
    const event = intakeEventSchema.parse({
      channel: "form",
      receivedAt: "2026-11-20T10:15:00Z",
      fields: [
        { name: "message", value: "card 4111 1111 1111 1111" },
        { name: "password", value: "hunter22" },
      ],
      messages: [{ from: "lead", text: "mi DNI es 12345678Z" }],
      proposedActions: [{ type: "send_email", params: { body: "IBAN ES91 2100 0418 4502 0005 1332" } }],
      extra: { nested: ["ghp_abcdefghijklmnopqrstuvwxyz0123456789"] },
    });
    const { event: masked, removed } = maskIntakeEvent(event);
    expect(masked.fields).toEqual({ message: "card •••• 1111", password: "[removed]" });
    expect(masked.messages?.[0]!.text).toBe("mi DNI es •••78Z");
    expect(masked.proposedActions?.[0]!.params).toEqual({ body: "IBAN ES•• •••• 1332" });
    expect((masked as Record<string, unknown>).extra).toEqual({ nested: ["[removed]"] });
    expect(removed.map((r) => r.kind).sort()).toEqual(["card", "credential", "credential", "iban", "national_id"]);
  });

  it("keeps the sender's external id as sent: it is the idempotency key, not the lead's words", () => {
    const event = intakeEventSchema.parse({
      externalId: "4111111111111111",
      channel: "form",
      receivedAt: "2026-11-20T10:15:00Z",
      fields: { message: "hello" },
    });
    expect(maskIntakeEvent(event).event).toEqual(event);
  });
});
