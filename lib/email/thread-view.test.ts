import { describe, expect, it } from "vitest";
import { threadItems } from "@/lib/email/thread-view";

const at = (m: number) => new Date(Date.UTC(2026, 11, 2, 9, m));
const email = (over: Record<string, unknown>) => ({
  id: "e1",
  messageRowId: "m1",
  direction: "inbound" as const,
  kind: "new" as const,
  fromName: "Ana",
  fromAddress: "ana@x.example",
  subject: "Pricing",
  quoted: "",
  deliveryStatus: "received",
  deliveryError: null,
  detail: null,
  attachments: [],
  createdAt: at(0),
  authorName: null,
  ...over,
});

describe("threadItems", () => {
  it("messages with their email's metadata, logged automated mail and bounces between them, in time order; the subject line shown once", () => {
    const items = threadItems(
      {
        thread: {} as never,
        undeliverable: null,
        lines: [
          { id: "m1", author: "lead", text: "Subject: Pricing\n\nHow much?", sentAt: at(0), authorName: null },
          { id: "m2", author: "human", text: "It depends.", sentAt: at(10), authorName: "Dana Reyes" },
        ],
        emails: [
          email({}),
          email({ id: "e2", messageRowId: "m2", direction: "outbound", kind: "rep", fromName: "Dana Reyes", deliveryStatus: "sent", createdAt: at(10) }),
          email({ id: "e3", messageRowId: null, kind: "automated", subject: "Automatic reply", detail: "Auto-Submitted: auto-replied", createdAt: at(11) }),
        ],
      },
      "Ana Ruiz",
    );
    expect(items.map((i) => [i.author, i.who, i.text])).toEqual([
      ["lead", "Ana", "How much?"],
      ["human", "Dana Reyes", "It depends."],
      ["system", "Ana <ana@x.example>", "Automatic reply"],
    ]);
    expect(items[1]!.deliveryStatus).toBe("sent");
    expect(items[2]!.detail).toContain("never answered");
  });
});
